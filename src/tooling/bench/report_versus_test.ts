import { assert, assertEquals, assertStringIncludes } from "../../../tests/assert.ts";
import type { ColdStart } from "./cold_start.ts";
import type { BenchResults } from "./results.ts";
import { missedTargets, renderTargets } from "./report_versus.ts";
import { stats } from "./stats.ts";

/** A cold start measured once: `init` and `list` ms. */
const start = (name: string, ms: { init: number; list: number }, official = false): ColdStart => ({
  name,
  command: name.split(" (")[0],
  init: stats([ms.init]),
  list: stats([ms.list]),
  official,
});

function results(officialMs?: number, ourRss = 50e6): BenchResults {
  const cpu = (comments: number, list: number) =>
    new Map([
      ["issue with 200 comments", { cpuMs: comments, wallMs: 0, bytes: 0 }],
      ["list of 1000 issues", { cpuMs: list, wallMs: 0, bytes: 0 }],
    ]);
  return {
    cold: [
      start("sh bin/mcp", { init: 60, list: 65 }),
      start("mise run mcp (mise installed)", { init: 100, list: 150 }),
      ...(officialMs ? [start("official", { init: officialMs, list: officialMs }, true)] : []),
    ],
    official: officialMs ? "official 0.20.4" : undefined,
    officialMissing: "no `node` on PATH",
    versus: {
      space: { myOpenIssues: 1000, comments: 200, issueKey: "DEMO-2", commentIds: [] },
      runs: [30, 8],
      cpu: { ours: cpu(20, 100), official: officialMs ? cpu(40, 300) : undefined },
      rss: {
        ours: { rss: ourRss, failures: 0, ms: 1 },
        official: officialMs ? { rss: 100e6, failures: 0, ms: 1 } : undefined,
      },
      mixSizes: { ours: 13, official: 13 },
    },
  } as unknown as BenchResults;
}

Deno.test("report: each target says met or not met, from the measured ratio", () => {
  const text = renderTargets(results(300, 70e6));
  // 60/300 = 0.20 ≤ 0.25; 100/300 = 0.33 > 0.30; mise's tools/list 1.5× > 1.2×; memory 0.70 > 0.60.
  const row = (what: string) => text.split("\n").find((l) => l.includes(what)) ?? "";
  assertStringIncludes(row("`sh bin/mcp`: spawn"), "| 0.20× | ≤ 0.25× | met |");
  assertStringIncludes(row("`mise run mcp`: spawn"), "**not met**");
  assertStringIncludes(row("`mise run mcp`: first"), "| 1.50× | ≤ 1.20× | **not met** |");
  assertStringIncludes(row("200 comments"), "| 0.50× | ≤ 1.00× | met |");
  assertStringIncludes(row("1000 issues"), "| 0.33× | ≤ 0.60× | met |");
  assertStringIncludes(row("Resident memory"), "| 0.70× | ≤ 0.60× | **not met** |");
});

Deno.test("report: without the official server it says so plainly, and nothing is called met", () => {
  const text = renderTargets(results(undefined));
  assertStringIncludes(text, "The official server was not measured: no `node` on PATH");
  for (const line of text.split("\n").filter((l) => l.includes("official") === false)) {
    if (line.includes("spawn →") || line.includes("CPU per call") || line.includes("memory")) {
      assertStringIncludes(line, "not measured");
    }
  }
  assert(!/\| met \|/.test(text.replace(/first `tools\/list`[^\n]*/g, "")), text);
});

Deno.test("report: the missed targets are listed (the benchmark exits 1 on them)", () => {
  assertEquals(missedTargets(results(300, 70e6)).length, 3);
  assertEquals(missedTargets(results(undefined)).length, 1, "only mise's own tools/list ratio");
});
