/**
 * `deno task bench` / `mise run bench`: measures the server against the
 * stand-in and writes BENCHMARKS.md (machine noted), printing a summary.
 *
 * - cold start: spawn → `initialize` answered, median and p95, for each way
 *   of starting the server (direct, bin/mcp, deno task, mise run);
 * - tool-call latency p50/p95 over stdio: a list of 100 issues, and an issue
 *   with 50 comments — next to the stand-in's own answer time for the
 *   requests behind them (a ratio that survives a noisy machine);
 * - Backlog requests per call, cold and warm (counted by the stand-in), next
 *   to the Python server's N+2 per list call (N = projects);
 * - output size: text result bytes per issue vs the raw Backlog JSON for the
 *   same issues, and that the fields a person needs are still there;
 * - the server's resident memory after start and after a soak;
 * - latency with a remote Backlog (150 ms a request, through a proxy), next
 *   to Nulab's official server when it can be installed (`latency.ts`), with
 *   issue 9's bars: the run fails (exit code 1) when one is not met.
 *
 *     deno task bench [--runs 20] [--calls 50] [--sessions 5] [--no-official] [--out BENCHMARKS.md]
 *
 * The measurements live beside this entry point: `cold_start.ts`,
 * `tool_calls.ts` (latency, requests, output size), `memory.ts` and the soak
 * (`soak.ts`); `report.ts` writes the Markdown.
 *
 * @module
 */

import { startSandbox } from "../sandbox/server.ts";
import { SEED } from "../sandbox/seed.ts";
import { baseEnv, BENCH_KEY, log } from "./bench_server.ts";
import { coldStarts, launcherCost } from "./cold_start.ts";
import { mcpFlags, ROOT } from "../support/launcher.ts";
import { machine } from "./machine.ts";
import { idleRss } from "./memory.ts";
import { render } from "./report.ts";
import { describeSoak, runSoak, SOAK_WARMUP } from "./soak.ts";
import { ms } from "./stats.ts";
import { benchCall, checkListFields } from "./tool_calls.ts";
import { runLatencyBench } from "./latency.ts";
import { barLine } from "./latency_report.ts";

function arg(name: string, fallback: string): string {
  const i = Deno.args.indexOf(name);
  return i >= 0 && Deno.args[i + 1] ? Deno.args[i + 1] : fallback;
}

const RUNS = Number(arg("--runs", "20"));
const CALLS = Number(arg("--calls", "50"));
const OUT = arg("--out", `${ROOT}BENCHMARKS.md`);
const SESSIONS = Number(arg("--sessions", "5"));

if (import.meta.main) {
  const m = machine();
  log(`${m.cpu}, ${m.cores} cores, load ${m.load}`);
  const sandbox = await startSandbox({
    apiKey: BENCH_KEY,
    rateLimits: { read: 1e9, update: 1e9, search: 1e9, icon: 1e9 },
  });
  try {
    const flags = await mcpFlags(baseEnv(sandbox));
    const { cold, alternating } = await coldStarts(sandbox, flags, RUNS);
    const launcher = await launcherCost(sandbox);

    const list = await benchCall(
      sandbox,
      flags,
      CALLS,
      "List of 100 issues",
      "get_user_issue_list",
      { limit: 100 },
    );
    list.items = list.rawIssues.length;
    const checked = checkListFields(list.text, list.rawIssues);
    list.fieldsPresent = checked.present;
    list.missing = checked.missing;
    log(`list: p50 ${ms(list.latency.p50)}, ${list.textBytes}/${list.rawBytes} bytes`);

    const details = await benchCall(
      sandbox,
      flags,
      CALLS,
      "Issue with 50 comments",
      "get_issue_details",
      { issue_key: SEED.issues.manyComments, comment_limit: 50 },
    );
    details.items = 1;
    log(`details: p50 ${ms(details.latency.p50)}, ${details.textBytes}/${details.rawBytes} bytes`);

    const startRss = await idleRss(sandbox, flags);
    log("latency with a remote Backlog …");
    const latency = await runLatencyBench({
      sessions: SESSIONS,
      official: !Deno.args.includes("--no-official"),
    });
    for (const bar of latency.bars) log(barLine(bar));
    log("soak …");
    const soak = await runSoak({ calls: 1000, warmup: SOAK_WARMUP });
    log("soak with default V8 heap settings …");
    const soakDefault = await runSoak({
      calls: 1000,
      warmup: SOAK_WARMUP,
      dropFlags: ["--v8-flags=--optimize-for-size"],
    });

    const report = render({
      machine: m,
      flags,
      runs: RUNS,
      calls: CALLS,
      cold,
      alternating,
      launcher,
      list,
      details,
      startRss,
      soak,
      soakDefault,
      latency,
    });
    await Deno.writeTextFile(OUT, report);
    // Keep the file as `deno fmt` (part of `deno task check`) wants it.
    await new Deno.Command(Deno.execPath(), { args: ["fmt", "--quiet", OUT], cwd: ROOT }).output();
    // A CLI that owns its stdout: the summary goes there, progress went to stderr.
    const rows = report.split("\n").filter((l) => l.startsWith("|") && !l.startsWith("|---"));
    const bars = latency.bars.map(barLine).join("\n");
    const out = `${describeSoak(soak)}\n${rows.join("\n")}\n\n${bars}\n\nwrote ${OUT}\n`;
    await Deno.stdout.write(new TextEncoder().encode(out));
    // The latency bars are enforced: a run that misses one fails.
    if (!latency.bars.every((b) => b.pass)) Deno.exitCode = 1;
  } finally {
    await sandbox.close();
  }
}
