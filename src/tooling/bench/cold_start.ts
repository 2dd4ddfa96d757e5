/**
 * Cold start: spawn → `initialize` answered and spawn → the first `tools/list`
 * answered, for each way of starting the server and for the official server,
 * all in one interleaved run; and the launcher's own cost.
 *
 * @module
 */

import type { Sandbox } from "../sandbox/server.ts";
import { baseEnv, BENCH_KEY, log } from "./bench_server.ts";
import { launcherArgs, ROOT } from "../support/launcher.ts";
import type { OfficialServer } from "./official.ts";
import { percentile } from "./soak.ts";
import { ms, type Stats, stats } from "./stats.ts";
import { initialize, type SpawnSpec, spawnStdio } from "../support/stdio_driver.ts";

/** The cold starts of one way of starting a server. */
export interface ColdStart {
  name: string;
  command: string;
  /** Spawn → initialize answered. */
  init: Stats;
  /** Spawn → the first tools/list answered (sent right after `notifications/initialized`). */
  list: Stats;
  /** The official server. */
  official?: boolean;
  /** The floor: Deno starting a script that only answers (not a server). */
  floor?: boolean;
}

/** One way of starting a server. */
interface Variant {
  name: string;
  command: string;
  spec: SpawnSpec;
  official?: boolean;
  floor?: boolean;
}

/** The README's client command: mise from npm, by npx. */
export const NPX_MISE = ["-y", "@jdxcode/mise@2026.9.15", "-C", ROOT, "run", "mcp"];

export function findOnPath(name: string): string | undefined {
  for (const dir of (Deno.env.get("PATH") ?? "").split(":")) {
    try {
      const path = `${dir}/${name}`;
      if (Deno.statSync(path).isFile) return path;
    } catch { /* not here */ }
  }
  return undefined;
}

// The floor: what Deno itself costs to start a script that answers the two requests.
const FLOOR_SCRIPT = `const e = new TextEncoder(); let b = "";
for await (const c of Deno.stdin.readable) {
  b += new TextDecoder().decode(c); let i;
  while ((i = b.indexOf("\\n")) >= 0) {
    const m = JSON.parse(b.slice(0, i)); b = b.slice(i + 1);
    if (m.id !== undefined) await Deno.stdout.write(e.encode(JSON.stringify({ jsonrpc: "2.0", id: m.id, result: m.method === "tools/list" ? { tools: [] } : { protocolVersion: m.params.protocolVersion, capabilities: {}, serverInfo: { name: "floor", version: "0" } } }) + "\\n"));
  }
}`;

/** Spawn → initialize, and → tools/list; the server is stopped after. */
async function startOnce(spec: SpawnSpec): Promise<{ init: number; list: number }> {
  const started = performance.now();
  const server = spawnStdio(spec);
  try {
    await initialize(server);
    const init = performance.now() - started;
    const answer = await server.request("tools/list");
    if (!answer.result) throw new Error(`tools/list: ${JSON.stringify(answer.error)}`);
    return { init, list: performance.now() - started };
  } catch (error) {
    await server.kill();
    throw new Error(`${spec.command} ${spec.args.join(" ")}: ${error}\n${server.stderr()}`);
  } finally {
    await server.closeStdin();
  }
}

/**
 * Medians of `variants` started in turns (round-robin, so a burst of load on
 * this shared machine hits them alike), after one unmeasured round that fills
 * the caches (module graph, V8 code cache, npx's and mise's checks).
 */
async function roundRobin(variants: Variant[], runs: number): Promise<ColdStart[]> {
  const init = variants.map(() => [] as number[]);
  const list = variants.map(() => [] as number[]);
  for (let round = 0; round <= runs; round++) {
    for (const [i, v] of variants.entries()) {
      const t = await startOnce(v.spec);
      if (round === 0) continue;
      init[i].push(t.init);
      list[i].push(t.list);
    }
  }
  return variants.map((v, i) => {
    log(
      `cold start ${v.name}: p50 ${ms(percentile(init[i], 0.5))} / ${ms(percentile(list[i], 0.5))}`,
    );
    const { official, floor } = v;
    return {
      name: v.name,
      command: v.command,
      init: stats(init[i]),
      list: stats(list[i]),
      official,
      floor,
    };
  });
}

/** Which script `sh bin/mcp` runs now: the fast-start build or the source. */
export async function launcherScript(env: Record<string, string>): Promise<string> {
  return (await launcherArgs(env)).at(-1) ?? "?";
}

/** What {@linkcode coldStarts} measures: against `sandbox`, under the mcp task's `flags`. */
export interface ColdStartRuns {
  sandbox: Sandbox;
  flags: string[];
  /** Starts of each way. */
  runs: number;
  /** Measured among them when given. */
  official?: OfficialServer;
}

/** Cold starts, `runs` of each way, interleaved, the official server among them when given. */
export async function coldStarts(options: ColdStartRuns): Promise<ColdStart[]> {
  const { sandbox, flags, runs, official } = options;
  const env = baseEnv(sandbox);
  const deno = Deno.execPath();
  const floorFile = await Deno.makeTempFile({ prefix: "backlog-mcp-floor-", suffix: ".js" });
  await Deno.writeTextFile(floorFile, FLOOR_SCRIPT);
  const variants: Variant[] = [
    {
      name: "sh bin/mcp",
      command: "sh bin/mcp",
      spec: { command: "sh", args: ["bin/mcp"], env, cwd: ROOT },
    },
  ];
  const mise = findOnPath("mise");
  if (mise) {
    variants.push({
      name: "mise run mcp (mise installed)",
      command: "mise run mcp",
      spec: { command: mise, args: ["run", "mcp"], env, cwd: ROOT },
    });
  }
  const npx = findOnPath("npx");
  if (npx) {
    variants.push({
      name: "npx mise run mcp (the README's one-line form)",
      command: `npx ${NPX_MISE.join(" ").replace(ROOT, "<repo>/")}`,
      spec: { command: npx, args: NPX_MISE, env, cwd: "/" },
    });
  }
  variants.push(
    {
      name: "deno task mcp",
      command: "deno task mcp",
      spec: { command: deno, args: ["task", "--quiet", "mcp"], env, cwd: ROOT },
    },
    {
      name: "deno run src/main.ts (from source, bin/mcp's flags)",
      command: `deno run ${flags.join(" ")} src/main.ts`,
      spec: { command: deno, args: ["run", ...flags, "src/main.ts"], env, cwd: ROOT },
    },
    {
      name: "Deno running a script that only answers (the floor)",
      command: `deno run ${flags.join(" ")} --no-config floor.js`,
      spec: { command: deno, args: ["run", ...flags, "--no-config", floorFile], env, cwd: ROOT },
      floor: true,
    },
  );
  if (official) {
    variants.push({
      name: `official server (${official.label})`,
      command: "node build/index.js (npm backlog-mcp-server)",
      spec: {
        command: official.command,
        args: official.args,
        env: official.env(sandbox.url, BENCH_KEY),
        cwd: official.cwd,
      },
      official: true,
    });
  }
  try {
    return await roundRobin(variants, runs);
  } finally {
    await Deno.remove(floorFile).catch(() => {});
  }
}

/** The launcher's own cost: `sh bin/mcp --print-args`, which does all its work but the exec. */
export async function launcherCost(sandbox: Sandbox): Promise<Stats> {
  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t0 = performance.now();
    await new Deno.Command("sh", {
      args: ["bin/mcp", "--print-args"],
      cwd: ROOT,
      clearEnv: true,
      env: baseEnv(sandbox),
      stdout: "null",
    }).output();
    times.push(performance.now() - t0);
  }
  return stats(times);
}
