/**
 * Cold start: spawn → `initialize` answered, for each way of starting the
 * server (direct, bin/mcp, deno task, mise run), and the launcher's own cost.
 *
 * @module
 */

import type { Sandbox } from "../sandbox/server.ts";
import { baseEnv, log, startServer } from "./bench_server.ts";
import { ROOT } from "../support/launcher.ts";
import { percentile } from "./soak.ts";
import { ms, type Stats, stats } from "./stats.ts";
import type { SpawnSpec } from "../support/stdio_driver.ts";

/** The cold starts of one way of starting the server. */
export interface ColdStart {
  name: string;
  command: string;
  stats: Stats;
}

/** One way of starting the server. */
interface Variant {
  name: string;
  command: string;
  spec: SpawnSpec;
}

function findOnPath(name: string): string | undefined {
  for (const dir of (Deno.env.get("PATH") ?? "").split(":")) {
    try {
      const path = `${dir}/${name}`;
      if (Deno.statSync(path).isFile) return path;
    } catch { /* not here */ }
  }
  return undefined;
}

/**
 * Medians of `variants` started in turns (round-robin, so a burst of load on
 * this shared machine hits them alike), after one unmeasured round that fills
 * the caches (module graph, V8 code cache, mise's install check).
 */
async function roundRobin(variants: Variant[], runs: number): Promise<ColdStart[]> {
  const times = variants.map(() => [] as number[]);
  for (let round = 0; round <= runs; round++) {
    for (const [i, v] of variants.entries()) {
      const { server, ms } = await startServer(v.spec);
      if (round > 0) times[i].push(ms);
      await server.closeStdin();
    }
  }
  return variants.map((v, i) => {
    log(`cold start ${v.name}: p50 ${ms(percentile(times[i], 0.5))}`);
    return { name: v.name, command: v.command, stats: stats(times[i]) };
  });
}

/**
 * Cold starts, `runs` of each. V8's code cache is only used by a process with
 * the V8 flags it was written with, so variants with and without the mcp
 * task's `--v8-flags` are measured in separate groups; `alternating` measures
 * what switching between the two costs.
 */
export async function coldStarts(
  sandbox: Sandbox,
  flags: string[],
  runs: number,
): Promise<{ cold: ColdStart[]; alternating: ColdStart[] }> {
  const env = baseEnv(sandbox);
  const deno = Deno.execPath();
  const direct: Variant = {
    name: "deno run, the mcp task's flags",
    command: `deno run ${flags.join(" ")} src/main.ts`,
    spec: { command: deno, args: ["run", ...flags, "src/main.ts"], env, cwd: ROOT },
  };
  const defaultV8: Variant = {
    name: "deno run, the mcp task's flags but default V8 heap settings",
    command: "(the same without --v8-flags=--optimize-for-size)",
    spec: {
      command: deno,
      args: ["run", ...flags.filter((f) => !f.startsWith("--v8-flags")), "src/main.ts"],
      env,
      cwd: ROOT,
    },
  };
  const withV8Flags: Variant[] = [
    direct,
    {
      name: "bin/mcp (flags computed, then exec deno)",
      command: "sh bin/mcp",
      spec: { command: "sh", args: ["bin/mcp"], env, cwd: ROOT },
    },
    {
      name: "deno task mcp",
      command: "deno task mcp",
      spec: { command: deno, args: ["task", "--quiet", "mcp"], env, cwd: ROOT },
    },
  ];
  const mise = findOnPath("mise");
  if (mise) {
    withV8Flags.push({
      name: "mise run mcp",
      command: "mise run mcp",
      spec: { command: mise, args: ["run", "mcp"], env, cwd: ROOT },
    });
  }
  const withoutV8Flags: Variant[] = [
    {
      name: "deno run --allow-net --allow-env (before least privilege)",
      command: "deno run --allow-net --allow-env src/main.ts",
      spec: {
        command: deno,
        args: ["run", "--allow-net", "--allow-env", "src/main.ts"],
        env,
        cwd: ROOT,
      },
    },
    defaultV8,
  ];
  const first = await roundRobin(withV8Flags, runs);
  const second = await roundRobin(withoutV8Flags, runs);
  const alternating = await roundRobin([direct, defaultV8], Math.max(5, Math.round(runs / 2)));
  return { cold: [...first, ...second], alternating };
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
