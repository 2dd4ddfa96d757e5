/**
 * What the benchmark measured, as data: the report modules (report.ts and
 * report_versus.ts) both read it.
 *
 * @module
 */

import type { BulkSpace } from "./bulk.ts";
import type { ColdStart } from "./cold_start.ts";
import type { LatencyResults } from "./latency.ts";
import type { Machine } from "./machine.ts";
import type { SoakReport } from "./soak.ts";
import type { Stats } from "./stats.ts";
import type { CallBench } from "./tool_calls.ts";
import type { rssAfter, TaskCosts } from "./versus.ts";

/** CPU per call and memory, ours and the official server's (undefined: not measured). */
export interface Versus {
  space: BulkSpace;
  /** Measured runs of each task: the issue's, the list's. */
  runs: [number, number];
  /** `bounded`: ours with the default BACKLOG_MAX_RESULT_CHARS (the issue only). */
  cpu: { ours: TaskCosts | undefined; official: TaskCosts | undefined; bounded?: TaskCosts };
  rss: {
    ours: Awaited<ReturnType<typeof rssAfter>>;
    official: Awaited<ReturnType<typeof rssAfter>> | undefined;
  };
  /** Distinct calls in each server's mix. */
  mixSizes: { ours: number; official: number };
}
/** Everything the benchmark measured, and how many runs and calls it took. */
export interface BenchResults {
  machine: Machine;
  /** The mcp task's Deno flags. */
  flags: string[];
  /** What `sh bin/mcp` runs: the fast-start build or src/main.ts. */
  script: string;
  /** Cold starts per variant. */
  runs: number;
  /** Tool calls measured per call. */
  calls: number;
  cold: ColdStart[];
  /** `sh bin/mcp --print-args`. */
  launcher: Stats;
  /** The official server's label, when it was measured. */
  official?: string;
  /** Why it was not. */
  officialMissing: string;
  versus: Versus;
  list: CallBench;
  details: CallBench;
  /** RSS of an idle server after start (undefined off Linux). */
  startRss: number | undefined;
  soak: SoakReport;
  /** The soak with default V8 heap settings. */
  soakDefault: SoakReport;
  /** Latency with a remote Backlog, next to the official server. */
  latency: LatencyResults;
}
