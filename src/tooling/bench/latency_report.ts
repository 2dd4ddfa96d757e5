/**
 * The latency section of BENCHMARKS.md, and the bar lines the benchmark
 * prints (PASS/FAIL), from {@linkcode LatencyResults}.
 *
 * @module
 */

import {
  type Bar,
  type Call,
  type LatencyResults,
  median,
  type ServerTimings,
  type Timing,
} from "./latency.ts";

const ms = (t: readonly Timing[]) => `${median(t.map((x) => x.ms)).toFixed(0)} ms`;
const rounds = (t: readonly Timing[]) => {
  const counts = [...new Set(t.map((x) => x.rounds))].sort((a, b) => a - b);
  return counts.length === 1 ? String(counts[0]) : `${counts[0]}–${counts.at(-1)}`;
};
const calls = (list: readonly Call[]) => list.map((c) => `\`${c.tool}\``).join(" → ");
const paths = (t: readonly Timing[]) => {
  const typical = t.find((x) => x.rounds === median(t.map((y) => y.rounds))) ?? t[0];
  return typical ? typical.paths.map((p) => `\`${p.replace("/api/v2", "")}\``).join(", ") : "";
};

/** `PASS warm list call …: 0.64× (bar ≤ 1.0×)`. */
export function barLine(bar: Bar): string {
  const value = bar.unit === "×"
    ? `${bar.value.toFixed(2)}×`
    : `${bar.value} request${bar.value === 1 ? "" : "s"}`;
  const limit = bar.unit === "×" ? `${bar.limit.toFixed(1)}×` : `${bar.limit}`;
  return `${bar.pass ? "PASS" : "FAIL"} ${bar.name}: ${value} (bar ≤ ${limit})`;
}

/** The Markdown section. */
export function renderLatency(r: LatencyResults): string {
  const o = r.ours;
  const t = r.official;
  const peak = Math.max(
    ...[...o.first, ...o.warmList, ...o.warmLookup, ...o.comment].map((x) => x.peak),
  );
  // A row of the table: this server's timings of `kind` next to the official server's.
  const row = (name: string, kind: keyof ServerTimings, officialCalls: Call[]) => {
    const ours = o[kind];
    const theirs = t?.[kind];
    const official = theirs
      ? `${ms(theirs)} (${rounds(theirs)}): ${calls(officialCalls)}`
      : "not measured";
    const ratio = theirs
      ? `${(median(ours.map((x) => x.ms)) / median(theirs.map((x) => x.ms))).toFixed(2)}×`
      : "—";
    return `| ${name} | ${ms(ours)} (${rounds(ours)}) | ${official} | ${ratio} |`;
  };
  const official = r.officialLabel
    ? `next to Nulab's official server (${r.officialLabel}, installed into \`.cache/\` by the benchmark)`
    : `**without the official server: it was not measured (${r.officialMissing})**`;
  return `## Latency with a remote Backlog (${r.delayMs} ms per request)

A proxy on 127.0.0.1 (\`src/tooling/bench/latency_proxy.ts\`) holds every request ${r.delayMs} ms
before the stand-in answers it, as a real space's network round trip would; this server is timed
${official}, on the same calls over stdio, started as clients start them (this one with \`bin/mcp\`, which ran
\`${r.entry}\`). ${r.sessions} fresh sessions each (after one unmeasured
session that fills the caches), alternating the two servers; each session waits ${r.settleMs} ms
after \`initialize\` and \`tools/list\` before its first call, as a model's first turn would, then makes ${r.warmCalls}
warm calls of each kind. This server runs as installed: \`BACKLOG_TIMEZONE\` unset (the space's zone
is looked up); it had at most ${peak} request${
    peak === 1 ? "" : "s"
  } in flight at once (measured during the calls).
Medians; in brackets the sequential request rounds.

| Answer | this server | official server | ratio |
|---|---|---|---|
${row("My open issues, first call of a session", "first", r.calls.official.myOpen)}
${row("My open issues, warm", "warmList", r.calls.official.myOpen)}
${row("My open issues in PROJ due next week, warm", "warmLookup", r.calls.official.projDueNextWeek)}
${row("A comment on an issue", "comment", r.calls.official.comment)}

This server's requests: first call ${paths(o.first)}; warm ${paths(o.warmList)}; due next week
${paths(o.warmLookup)}; comment ${paths(o.comment)}. Its warm-up (\`src/warmup.ts\`) fetched the
projects, the key's user, each active project's statuses and the space's timezone, one request at
a time, in the second after \`initialize\` (under the fast start, from its first request on while
the server loads, in two parts each placed while a request is under way: \`src/head_start.ts\`);
a call arriving earlier waits for at most the one warm-up request in flight, and makes what is
still missing itself (a first call's second round). The official server's tools take ids, so for
the same answer it is given the
ids of the projects, the user and the open statuses (which it has no tool to list); where it must
look ids up first it calls \`get_myself\` and \`get_project\` before \`get_issues\`, and the dates
of "next week" are computed for it.

Bars (issue 9), checked by this run:

${r.bars.map((b) => `- ${barLine(b)}`).join("\n")}
`;
}
