/**
 * The report's sections about start-up and about the official server: the
 * targets of issue 13 with their ratios, the cold-start table, CPU per call
 * and memory after 1,000 calls.
 *
 * @module
 */

import type { ColdStart } from "./cold_start.ts";
import type { BenchResults } from "./results.ts";
import { ms } from "./stats.ts";

const MB = 1024 * 1024;
const x = (r: number | undefined) => r === undefined ? "n/a" : `${r.toFixed(2)}×`;
const mb = (n?: number) => n === undefined ? "n/a" : `${(n / MB).toFixed(1)} MB`;

/** One measured target: ours, theirs, the ratio and the bound. */
interface Target {
  what: string;
  ours: string;
  theirs: string;
  ratio: number | undefined;
  bound: number;
}

function targets(r: BenchResults): Target[] {
  const find = (prefix: string) => r.cold.find((c) => c.name.startsWith(prefix));
  const official = r.cold.find((c) => c.official);
  const bin = find("sh bin/mcp");
  const mise = find("mise run mcp");
  const vs = r.versus;
  const out: Target[] = [];
  const start = (name: string, c: typeof bin, bound: number) => {
    if (!c) return;
    out.push({
      what: `\`${name}\`: spawn → \`initialize\` answered (median)`,
      ours: ms(c.init.p50),
      theirs: official ? ms(official.init.p50) : "n/a",
      ratio: official && c.init.p50 / official.init.p50,
      bound,
    });
  };
  start("mise run mcp", mise, 0.3);
  start("sh bin/mcp", bin, 0.25);
  for (const c of [bin, mise]) {
    if (!c) continue;
    out.push({
      what: `\`${c.command}\`: first \`tools/list\` answered / \`initialize\` answered`,
      ours: `${ms(c.list.p50)} / ${ms(c.init.p50)}`,
      theirs: official ? `${ms(official.list.p50)} / ${ms(official.init.p50)}` : "n/a",
      ratio: c.list.p50 / c.init.p50,
      bound: 1.2,
    });
  }
  for (
    const [name, bound] of [[`issue with ${vs.space.comments} comments`, 1.0], [
      `list of ${vs.space.myOpenIssues} issues`,
      0.6,
    ]] as const
  ) {
    const ours = vs.cpu.ours?.get(name);
    const theirs = vs.cpu.official?.get(name);
    out.push({
      what: `CPU per call: ${name}`,
      ours: ours ? ms(ours.cpuMs) : "n/a",
      theirs: theirs ? ms(theirs.cpuMs) : "n/a",
      ratio: ours && theirs && ours.cpuMs / theirs.cpuMs,
      bound,
    });
  }
  const rss = vs.rss;
  out.push({
    what: "Resident memory after 1,000 calls",
    ours: mb(rss.ours.rss),
    theirs: mb(rss.official?.rss),
    ratio: rss.ours.rss && rss.official?.rss ? rss.ours.rss / rss.official.rss : undefined,
    bound: 0.6,
  });
  return out;
}

/** The measured targets that are not met, as lines for the summary (empty: all met). */
export function missedTargets(r: BenchResults): string[] {
  return targets(r).filter((t) => t.ratio !== undefined && t.ratio > t.bound).map((t) =>
    `not met: ${t.what} ${x(t.ratio)} (bound ${t.bound.toFixed(2)}×)`
  );
}

/** The official server: which, or why it is missing. */
function officialLine(r: BenchResults): string {
  return r.official
    ? `Next to the official Nulab server, ${r.official} (installed by the benchmark with npm into \`.cache/\`; pointed at the stand-in by rewriting backlog-js's \`https://\` origin to the stand-in's, see \`src/tooling/bench/official.ts\`).`
    : `**The official server was not measured: ${r.officialMissing}.** Its columns say n/a; install Node and npm (the benchmark installs \`backlog-mcp-server\` into \`.cache/\` itself) and rerun.`;
}

/** Targets with their ratios (issue 13). */
export function renderTargets(r: BenchResults): string {
  const rows = targets(r).map((t) =>
    `| ${t.what} | ${t.ours} | ${t.theirs} | ${x(t.ratio)} | ≤ ${t.bound.toFixed(2)}× | ${
      t.ratio === undefined ? "not measured" : t.ratio <= t.bound ? "met" : "**not met**"
    } |`
  );
  return `## Start-up, CPU and memory next to the official server

${officialLine(r)}

| Target | ours | official | ratio | bound | |
|---|---|---|---|---|---|
${rows.join("\n")}

The tools/list row divides our first \`tools/list\` by our own \`initialize\`
(official's figures for comparison).`;
}

/** One way's cold start as a row, its `initialize` median against the official's and bin/mcp's. */
const row = (c: ColdStart, baselines: { official?: number; bin?: number }) => {
  const { init: s, list } = c;
  const { official, bin } = baselines;
  return `| ${c.name} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(list.p50)} | ${x(list.p50 / s.p50)} | ${
    x(official && s.p50 / official)
  } | ${x(bin && s.p50 / bin)} |`;
};

/** The cold-start table. */
export function renderColdStart(r: BenchResults): string {
  const official = r.cold.find((c) => c.official)?.init.p50;
  const bin = r.cold.find((c) => c.name === "sh bin/mcp")?.init.p50;
  const fast = r.script.startsWith(".cache/");
  return `## Cold start: spawn → \`initialize\` and → the first \`tools/list\`

${r.runs} runs of each, configured against the stand-in, taken in turns
(round-robin, after one unmeasured round that fills the caches), the
official server among them. The first \`tools/list\` is sent right after
\`notifications/initialized\`, as clients do.

| How the server is started | initialize p50 | p95 | first tools/list p50 | list / initialize | vs official | vs \`sh bin/mcp\` |
|---|---|---|---|---|---|---|
${r.cold.map((c) => row(c, { official, bin })).join("\n")}

\`sh bin/mcp\` ran ${
    fast
      ? `the fast-start build (\`${r.script}\`, made by the install step from the sources: \`src/tooling/build/\`), which answers \`initialize\` and the first \`tools/list\` itself and loads the server right after`
      : `**\`${r.script}\` (the fast-start build was missing or stale: run \`mise run install\`)**`
  }; "from source" is what it runs when the build does not match the sources.
\`mise run mcp\` adds mise's own start and its check that the install step is
up to date; the npx form adds npx resolving mise from its cache on every start.
\`bin/mcp\` by itself (\`sh bin/mcp --print-args\`: reading \`.env\`, computing
the flags, checking the build's stamp, all but the exec) takes ${ms(r.launcher.p50)} (p95 ${
    ms(r.launcher.p95)
  }).

The mcp task's flags: \`${r.flags.join(" ")}\`.`;
}

/** The issue with the default result bound, as a sentence (empty when not measured). */
function bounded(vs: BenchResults["versus"]): string {
  const name = `issue with ${vs.space.comments} comments`;
  const b = vs.cpu.bounded?.get(name);
  const o = vs.cpu.official?.get(name);
  if (!b) return "";
  return `\nWith the default \`BACKLOG_MAX_RESULT_CHARS\` (25,000), the issue's answer holds the
newest comments that fit (${(b.bytes / 1024).toFixed(0)} KB of text) and costs ${
    ms(b.cpuMs)
  } of CPU${
    o ? ` (${x(b.cpuMs / o.cpuMs)} the official server's)` : ""
  }: fitting renders the answer a few times over (a search on the rows shown, src/render/fit.ts).`;
}

/** CPU per call and memory after 1,000 calls, in detail. */
export function renderVersus(r: BenchResults): string {
  const vs = r.versus;
  const names = [...(vs.cpu.ours?.keys() ?? [])];
  const cell = (m: typeof vs.cpu.ours, name: string) => {
    const v = m?.get(name);
    return v
      ? `${ms(v.cpuMs)} | ${ms(v.wallMs)} | ${(v.bytes / 1024).toFixed(0)} KB`
      : "n/a | n/a | n/a";
  };
  return `## CPU per call and memory, next to the official server

The stand-in grown to ${vs.space.myOpenIssues} open issues assigned to "me"
and an issue (${vs.space.issueKey}) with ${vs.space.comments} comments.
CPU time (user + system) of the server process, from \`/proc\` (10 ms ticks),
summed over ${vs.runs[0]} runs of the issue and ${vs.runs[1]} of the list after 3
unmeasured ones, both servers running at once and taking turns run by run. Each server makes the calls a
model would make for the same answer: ours one call
(\`get_issue_details\` with \`comment_limit: ${vs.space.comments}\`,
\`get_user_issue_list\` with \`limit: ${vs.space.myOpenIssues}\`); the official
server \`get_issue\` and two pages of \`get_issue_comments\` (100 each, its
most), and ten pages of \`get_issues\` (its \`MAX_TOKENS\` cuts each page's
text at ~200 KB, which it counts before cutting). Ours started with \`sh bin/mcp\` and
\`BACKLOG_MAX_RESULT_CHARS=1000000\`, so that its answer holds all the rows and
comments (by default it stops at 25,000 characters and says how to page on);
its wall time for the list includes the second Nulab asks clients to leave
between bulk searches. The memory run uses both servers' defaults.

| Answer | ours: CPU | wall | text | official: CPU | wall | text |
|---|---|---|---|---|---|---|
${names.map((n) => `| ${n} | ${cell(vs.cpu.ours, n)} | ${cell(vs.cpu.official, n)} |`).join("\n")}
${bounded(vs)}

Resident memory after 1,000 calls in one process, taken in turns from each
server's mix (ours: the soak's ${vs.mixSizes.ours} calls — lists with filters,
issues with and without comments, errors on purpose; the official server:
${vs.mixSizes.official} counterparts with its tools): ours ${
    mb(vs.rss.ours.rss)
  } (${vs.rss.ours.failures} JSON-RPC errors, ${(vs.rss.ours.ms / 1000).toFixed(1)} s), official ${
    mb(vs.rss.official?.rss)
  }${
    vs.rss.official
      ? ` (${vs.rss.official.failures} JSON-RPC errors, ${
        (vs.rss.official.ms / 1000).toFixed(1)
      } s)`
      : ""
  }.`;
}
