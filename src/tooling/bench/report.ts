/**
 * The report: BENCHMARKS.md in Markdown, from the measurements.
 *
 * @module
 */

import { ms, ratio } from "./stats.ts";
import { renderColdStart, renderTargets, renderVersus } from "./report_versus.ts";

import { renderLatency } from "./latency_report.ts";
import type { BenchResults } from "./results.ts";

const MB = 1024 * 1024;

/** "GET /issues, GET /projects/:id/statuses ×3" */
function grouped(requests: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const r of requests) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts].map(([r, n]) => `\`${r}\`${n > 1 ? ` ×${n}` : ""}`).join(", ");
}

/** BENCHMARKS.md for `results` (before `deno fmt`). */
export function render(results: BenchResults): string {
  const { machine: m, calls } = results;
  const { list, details, startRss, soak, soakDefault } = results;
  const mb = (n?: number) => n === undefined ? "n/a" : `${(n / MB).toFixed(1)} MB`;
  const perIssue = (n: number) => (n / list.items).toFixed(0);
  // Projects whose statuses a cold list call fetched: the N of the Python server's N+2.
  const projects = list.coldRequests.filter((r) => r.endsWith("/statuses")).length;
  const listRatio = list.textBytes / list.rawBytes;
  const detailsRatio = details.textBytes / details.rawBytes;
  const pct = (r: number) => `${(r * 100).toFixed(1)}%`;
  return `# Benchmarks

Measured by \`deno task bench\` (also \`mise run bench\`; source: \`src/tooling/bench/bench.ts\`)
against the Backlog stand-in on 127.0.0.1, so times are the server's own
cost plus a local HTTP round trip — real Backlog adds its network latency to
every request. Rerun to refresh this file.

## Machine

| | |
|---|---|
| CPU | ${m.cpu} (${m.cores} logical cores) |
| RAM | ${m.ramGb} GiB |
| OS | ${m.os} |
| Deno | ${m.deno} |
| Load average at start (1/5/15 min) | ${m.load} |
| Date | ${m.date} |

The machine is shared (other processes run tests at the same time), so
absolute times are noisy: the ratios next to them are the steadier figures.

${renderTargets(results)}

${renderColdStart(results)}

${renderVersus(results)}

## Tool-call latency (over stdio, warm)

${calls} calls each, one at a time, after a cold call. "Stand-in direct" is the
same Backlog requests sent straight to the stand-in from the benchmark
process (no MCP server): the ratio is the server's overhead factor.

| Call | p50 | p95 | stand-in direct p50 | ratio (p50) |
|---|---|---|---|---|
${
    [list, details].map((c) =>
      `| ${c.name} | ${ms(c.latency.p50)} | ${ms(c.latency.p95)} | ${ms(c.direct.p50)} | ${
        ratio(c.latency.p50, c.direct.p50)
      } |`
    ).join("\n")
  }

## Backlog requests per call

Counted by the stand-in. First call: sent as soon as \`initialize\` is answered,
so the warm-up (which fetches the metadata a first list call needs, in the
background) is still under way and its requests, which the call shares or
waits for, are counted with it; warm: the same call again (projects, statuses
and the key's user are cached for BACKLOG_CACHE_TTL_SECONDS).

| Call | first call, right after \`initialize\` | warm | Python server |
|---|---|---|---|
| ${list.name} | ${list.coldRequests.length} | ${list.warmRequests.length} | N+2 = ${
    projects + 2
  }, every call |
| ${details.name} | ${details.coldRequests.length} | ${details.warmRequests.length} | — |

- ${list.name}, first call: ${grouped(list.coldRequests)}; warm: ${grouped(list.warmRequests)}.
- ${details.name}, first call: ${grouped(details.coldRequests)}; warm: ${
    grouped(details.warmRequests)
  } (the comment page asks for 51 to learn whether there are more than 50; only then is
  \`/comments/count\` needed).

The Python server needs N+2 Backlog requests on every list call: the project
list, one status list per project (N = ${projects} here) and one issue page,
and it stops at 100 issues. This server fetches that metadata once per cache
period, so a warm call costs only its issue requests; more issues cost one
page per 100, and no \`/issues/count\` (the total comes with the last, short
page; \`limit: 0\` counts).

## Output size

Bytes of the text result (what the model reads) against the raw Backlog JSON
for the same data (the \`GET /issues\` page for the list; the issue and its
comments page for the details). Goal: ≤ 20%.

| Call | text | raw Backlog JSON | text / raw | whole JSON-RPC answer (default mode: text only) |
|---|---|---|---|---|
| ${list.name} | ${list.textBytes} B (${
    perIssue(list.textBytes)
  } B per issue) | ${list.rawBytes} B (${perIssue(list.rawBytes)} B per issue) | **${
    pct(listRatio)
  }** | ${list.messageBytes} B |
| ${details.name} | ${details.textBytes} B | ${details.rawBytes} B | **${
    pct(detailsRatio)
  }** | ${details.messageBytes} B |

The goal is met where it matters most, lists: a list line carries what a
person scans for, where Backlog's JSON repeats nested objects (project ids,
users with their icons and keys, change metadata) for every issue. An issue's
details are mostly its description and comments, kept verbatim, so there the
text is about a fifth of the JSON rather than a tenth or less.

Fields a person needs, checked issue by issue in the list text: key, summary,
status, priority, assignee (or "unassigned") and due date are on the issue's
line for **${list.fieldsPresent}/${list.items}** issues${
    list.missing?.length ? ` (missing: ${list.missing.slice(0, 5).join("; ")})` : ""
  }. The details text keeps the summary, status, type, priority, assignee,
reporter, dates, milestones, categories, description and every shown comment
with its author, time and change log.

## Resident memory of the server process

| When | RSS |
|---|---|
| After start (idle, after \`initialize\`) | ${mb(startRss)} |
| Soak: after ${soak.warmup} warm-up calls | ${mb(soak.rss.afterWarmup)} |
| Soak: after ${soak.calls} more mixed calls | ${mb(soak.rss.end)} (${
    pct(soak.rssGrowth)
  } growth; peak ${mb(soak.rss.peak)}) |

The soak (\`deno task soak\`, also part of \`deno task test\`) sends ${soak.warmup} + ${soak.calls}
mixed calls (${
    soak.tools.map((t) => `\`${t}\``).join(", ")
  }: lists with different filters, issues with and without comments, calls that
fail on purpose) to one server process started with the mcp task's
flags: ${soak.failures.length} failures, ${soak.leaks} key leaks, p50 ${
    ms(soak.latencyMs.p50)
  }, p95 ${ms(soak.latencyMs.p95)} per call.

The mcp task runs V8 with \`--optimize-for-size\`. Without it, V8 grows its
heap under sustained calls (the live heap stays ~20 MB; this is sizing, not a
leak): the same soak with default V8 settings ends at ${mb(soakDefault.rss.end)} (${
    mb(soakDefault.rss.afterWarmup)
  } after warm-up, ${pct(soakDefault.rssGrowth)} growth), with p50 ${
    ms(soakDefault.latencyMs.p50)
  } per call against ${
    ms(soak.latencyMs.p50)
  }; its cold start is in the first table (the difference there is noise).

${renderLatency(results.latency)}`;
}
