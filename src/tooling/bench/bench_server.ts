/**
 * How the benchmark runs the server: against the stand-in with its own key,
 * with an environment of its own (nothing inherited but what Deno and mise
 * need to find their caches), timed from spawn to `initialize` answered.
 *
 * @module
 */

import type { Sandbox } from "../sandbox/server.ts";
import { ROOT } from "../support/launcher.ts";
import {
  initialize,
  type SpawnSpec,
  spawnStdio,
  type StdioServer,
} from "../support/stdio_driver.ts";

/** The stand-in's key in the benchmark. */
export const BENCH_KEY = "BENCHKEY-3mVq8Zr1-d1st1nct1ve";

/** Progress on stderr (stdout carries the summary). */
export const log = (line: string): void => console.error(`[bench] ${line}`);

/** The whole environment of a benchmarked server, configured against `sandbox`. */
export function baseEnv(sandbox: Sandbox): Record<string, string> {
  const env: Record<string, string> = {
    PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
    HOME: Deno.env.get("HOME") ?? "/tmp",
    BACKLOG_API_KEY: BENCH_KEY,
    BACKLOG_BASE_URL: sandbox.url,
    BACKLOG_TIMEZONE: "UTC",
  };
  for (const name of ["MISE_DATA_DIR", "MISE_CACHE_DIR", "MISE_CONFIG_DIR", "DENO_DIR"]) {
    const value = Deno.env.get(name);
    if (value) env[name] = value;
  }
  return env;
}

/** `deno run <flags> src/main.ts` against `sandbox`: the server as the mcp task starts it. */
export function directSpec(sandbox: Sandbox, flags: string[]): SpawnSpec {
  return {
    command: Deno.execPath(),
    args: ["run", ...flags, "src/main.ts"],
    env: baseEnv(sandbox),
    cwd: ROOT,
  };
}

/** Spawns and initializes a server; resolves with it and how long that took. */
export async function startServer(spec: SpawnSpec): Promise<{ server: StdioServer; ms: number }> {
  const started = performance.now();
  const server = spawnStdio(spec);
  try {
    await initialize(server);
  } catch (error) {
    await server.kill();
    throw new Error(`${spec.command} ${spec.args.join(" ")}: ${error}\n${server.stderr()}`);
  }
  return { server, ms: performance.now() - started };
}
