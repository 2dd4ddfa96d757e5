/**
 * The official Nulab server (npm `backlog-mcp-server`, pinned), for side-by-side
 * benchmarks: found in, or installed with npm into, `.cache/` (gitignored, never
 * part of the tracked files), and started against the stand-in.
 *
 * How it is configured (read in its `build/` code, 0.20.4): `BACKLOG_DOMAIN`
 * and `BACKLOG_API_KEY` (or `BACKLOG_ORG_<NAME>_*` pairs), optional `.env` in
 * its working directory (`process.loadEnvFile()`), `MAX_TOKENS` (50,000),
 * `ENABLE_TOOLSETS` (all), `OPTIMIZE_RESPONSE`, `LOG_LEVEL` (errors only when
 * `NODE_ENV` is production, its default). It takes a domain, not a URL:
 * backlog-js always requests `https://${domain}/api/v2/…`, so it cannot be
 * pointed at the plain-HTTP stand-in by configuration. `official_fetch_shim.mjs`,
 * preloaded with `node --import`, rewrites the origin of each request to the
 * stand-in's on 127.0.0.1 (a URL rewrite rather than a TLS terminator: no
 * certificate to trust, and neither server pays for TLS in the comparison).
 * It is started from the cache directory, which holds no `.env`.
 *
 * ```ts
 * const official = await findOfficialServer();
 * if (official) spawn(official.command, official.args, official.env(sandbox.url, key));
 * ```
 *
 * @module
 */

import { ROOT } from "../support/launcher.ts";

/** The pinned version of the official server. */
export const OFFICIAL_VERSION = "0.20.4";

/** Where it is installed: `.cache/` in the repository, gitignored. */
export const OFFICIAL_DIR = `${ROOT}.cache/official-${OFFICIAL_VERSION}`;

const ENTRY = `${OFFICIAL_DIR}/node_modules/backlog-mcp-server/build/index.js`;
const SHIM = new URL("./official_fetch_shim.mjs", import.meta.url).pathname;

/** How to start the official server over stdio against a stand-in. */
export interface OfficialServer {
  /** `backlog-mcp-server 0.20.4 on Node v20.20.2` */
  label: string;
  /** The `node` executable. */
  command: string;
  args: string[];
  /** Working directory (no `.env` there). */
  cwd: string;
  /** The child's whole environment, talking to `baseUrl` (http://127.0.0.1:PORT) with `apiKey`. */
  env(baseUrl: string, apiKey: string): Record<string, string>;
}

/** Options for {@linkcode findOfficialServer}. */
export interface FindOptions {
  /** Install it with npm when it is not in the cache yet (default true). */
  install?: boolean;
  /** Told why the server is not available (default: a line on stderr). */
  onMissing?: (reason: string) => void;
}

function findOnPath(name: string): string | undefined {
  for (const dir of (Deno.env.get("PATH") ?? "").split(":")) {
    try {
      if (Deno.statSync(`${dir}/${name}`).isFile) return `${dir}/${name}`;
    } catch { /* not here */ }
  }
  return undefined;
}

const exists = (path: string) => {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
};

async function run(command: string, args: string[], cwd?: string) {
  const out = await new Deno.Command(command, { args, cwd, stdout: "piped", stderr: "piped" })
    .output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b).trim();
  return { ok: out.success, stdout: text(out.stdout), stderr: text(out.stderr) };
}

/** Installs the pinned version into {@linkcode OFFICIAL_DIR}; returns an error text or undefined. */
async function install(npm: string): Promise<string | undefined> {
  await Deno.mkdir(OFFICIAL_DIR, { recursive: true });
  await Deno.writeTextFile(
    `${OFFICIAL_DIR}/package.json`,
    JSON.stringify({ private: true, dependencies: { "backlog-mcp-server": OFFICIAL_VERSION } }),
  );
  // --ignore-scripts: its install scripts are for its own development (pnpm only).
  const result = await run(npm, [
    "install",
    "--ignore-scripts",
    "--no-audit",
    "--no-fund",
    "--loglevel=error",
    "--engine-strict=false",
  ], OFFICIAL_DIR);
  if (!result.ok) {
    return `npm install backlog-mcp-server@${OFFICIAL_VERSION} failed: ${result.stderr}`;
  }
  return exists(ENTRY) ? undefined : `npm install did not produce ${ENTRY}`;
}

/**
 * The official server, installed on first use (npm, into `.cache/`); undefined
 * when Node or npm is missing or the install fails (the reason goes to `onMissing`).
 */
export async function findOfficialServer(
  options: FindOptions = {},
): Promise<OfficialServer | undefined> {
  const report = options.onMissing ??
    ((reason: string) => console.error(`[official] not available: ${reason}`));
  const missing = (reason: string) => {
    report(reason);
    return undefined;
  };
  const node = findOnPath("node");
  if (!node) return missing("no `node` on PATH");
  if (!exists(ENTRY)) {
    if (options.install === false) {
      return missing(`not installed in ${OFFICIAL_DIR} (\`mise run bench\` installs it)`);
    }
    const npm = findOnPath("npm");
    if (!npm) return missing("not installed, and no `npm` on PATH to install it");
    console.error(`[official] installing backlog-mcp-server@${OFFICIAL_VERSION} into .cache/ …`);
    const problem = await install(npm);
    if (problem) return missing(problem);
  }
  const version = await run(node, ["--version"]);
  return {
    label: `backlog-mcp-server ${OFFICIAL_VERSION} on Node ${version.stdout}`,
    command: node,
    args: ["--import", SHIM, ENTRY],
    cwd: OFFICIAL_DIR,
    env: (baseUrl, apiKey) => ({
      PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
      HOME: Deno.env.get("HOME") ?? "/tmp",
      // Any Backlog-looking domain: the shim sends every request to baseUrl.
      BACKLOG_DOMAIN: "bench.backlog.com",
      BACKLOG_API_KEY: apiKey,
      BACKLOG_MCP_BENCH_ORIGIN: new URL(baseUrl).origin,
    }),
  };
}
