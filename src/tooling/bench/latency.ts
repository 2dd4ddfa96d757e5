/**
 * Latency as a person meets it: Backlog is remote, so every request costs a
 * network round trip. A proxy on 127.0.0.1 holds each request `delayMs`
 * (150 ms by default) before the stand-in answers it; this server and, when
 * it is installed, Nulab's official server (npm `backlog-mcp-server`) are
 * timed through it on the same calls, in fresh sessions whose first call
 * comes a second after `initialize`, as a model's first turn would.
 *
 * The bars (issue 9): a session's first "my open issues" ≤ 1.0× the official
 * server's first call for the same answer; warm list calls ≤ 1.0×, and
 * ≤ 0.6× where the official server needs lookups first ("my open issues in
 * PROJ due next week": get_myself, get_project, then get_issues); a comment
 * is one request. Each is reported pass or fail.
 *
 *     deno run -A src/tooling/bench/latency.ts [--sessions 5] [--delay 150]
 *
 * @module
 */

import type { Sandbox } from "../sandbox/server.ts";
import { startSandbox } from "../sandbox/server.ts";
import { SEED } from "../sandbox/seed.ts";
import { LAUNCHER, launcherArgs, ROOT } from "../support/launcher.ts";
import {
  initialize,
  resultText,
  spawnStdio,
  type StdioServer,
  type ToolResult,
} from "../support/stdio_driver.ts";
import { resolveRelativeDate } from "../../shared/dates.ts";
import { baseEnv, BENCH_KEY, log } from "./bench_server.ts";
import { findOfficialServer, type OfficialServer } from "./official.ts";
import { type LatencyProxy, sequentialRounds, startLatencyProxy } from "./latency_proxy.ts";
import { renderLatency } from "./latency_report.ts";

/** One tool call. */
export interface Call {
  tool: string;
  args: Record<string, unknown>;
}

/** What one measured call (or sequence of calls) cost. */
export interface Timing {
  ms: number;
  requests: number;
  rounds: number;
  /** The most of its requests in flight at once. */
  peak: number;
  /** `GET /api/v2/issues` …, in order. */
  paths: string[];
}

/** Timings of one server over all sessions. */
export interface ServerTimings {
  first: Timing[];
  warmList: Timing[];
  warmLookup: Timing[];
  comment: Timing[];
}

/** A bar of issue 9 and whether this run met it. */
export interface Bar {
  name: string;
  /** The measured value (a ratio, or a request count). */
  value: number;
  limit: number;
  unit: "×" | "requests";
  pass: boolean;
}

/** Everything the latency benchmark measured. */
export interface LatencyResults {
  delayMs: number;
  sessions: number;
  warmCalls: number;
  settleMs: number;
  ours: ServerTimings;
  official?: ServerTimings;
  officialLabel?: string;
  /** Why the official server was not measured. */
  officialMissing?: string;
  calls: { ours: Record<string, Call[]>; official: Record<string, Call[]> };
  /** What bin/mcp ran: the fast-start build or src/main.ts. */
  entry: string;
  bars: Bar[];
}

/** Options of {@linkcode runLatencyBench}. */
export interface LatencyOptions {
  delayMs?: number;
  sessions?: number;
  warmCalls?: number;
  /** Pause between `initialize` and the first call (default 1000 ms). */
  settleMs?: number;
  /** Measure the official server too (installing it into .cache/ if needed). Default true. */
  official?: boolean;
}

/** The median of `values`. */
export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The calls each server makes for each answer, with the ids the official server needs. */
function scenarios(sandbox: Sandbox, now: Date) {
  const { state } = sandbox;
  const active = state.projects.filter((p) =>
    !p.archived && state.projectMembers[p.id].includes(SEED.me.id)
  );
  const open = (projectIds: number[]) =>
    [
      ...new Set(
        state.statuses.filter((s) => projectIds.includes(s.projectId) && s.id !== 4).map((s) =>
          s.id
        ),
      ),
    ].sort((a, b) => a - b);
  const activeIds = active.map((p) => p.id);
  const proj = SEED.projects.PROJ.id;
  // The space's zone, as this server resolves "next week" with BACKLOG_TIMEZONE unset.
  const week = resolveRelativeDate("next_week", state.space.timezone, now);
  const list = { sort: "updated", order: "desc", count: 100 };
  const ours: Record<string, Call[]> = {
    myOpen: [{ tool: "get_user_issue_list", args: {} }],
    projDueNextWeek: [{
      tool: "get_user_issue_list",
      args: { project_ids: ["PROJ"], due_date_since: "next_week", due_date_until: "next_week" },
    }],
    comment: [{
      tool: "add_issue_comment",
      args: { issue_key: SEED.issues.noComments, content: "Benchmark comment." },
    }],
  };
  const official: Record<string, Call[]> = {
    myOpen: [{
      tool: "get_issues",
      args: {
        projectId: activeIds,
        assigneeId: [SEED.me.id],
        statusId: open(activeIds),
        ...list,
      },
    }],
    // Without names it must learn who "me" is and PROJ's id first (its tools take ids).
    projDueNextWeek: [
      { tool: "get_myself", args: {} },
      { tool: "get_project", args: { projectKey: "PROJ" } },
      {
        tool: "get_issues",
        args: {
          projectId: [proj],
          assigneeId: [SEED.me.id],
          statusId: open([proj]),
          dueDateSince: week.since,
          dueDateUntil: week.until,
          ...list,
        },
      },
    ],
    comment: [{
      tool: "add_issue_comment",
      args: { issueKey: SEED.issues.noComments, content: "Benchmark comment." },
    }],
  };
  return { ours, official };
}

/** Runs `calls` one after another; the time and the requests of them all. */
async function timed(server: StdioServer, proxy: LatencyProxy, calls: Call[]): Promise<Timing> {
  proxy.clear();
  const started = performance.now();
  for (const call of calls) {
    const result: ToolResult = await server.callTool(call.tool, call.args);
    if (result.isError) throw new Error(`${call.tool}: ${resultText(result).slice(0, 300)}`);
  }
  const ms = performance.now() - started;
  const requests = [...proxy.requests];
  return {
    ms,
    requests: requests.length,
    rounds: sequentialRounds(requests),
    peak: proxy.peakInFlight,
    paths: requests.map((r) =>
      `${r.method} ${r.path.replace(/\/projects\/\d+\//, "/projects/:id/")}`
    ),
  };
}

/** How long a session waits before its first call, and how many warm calls it makes. */
type SessionPlan = Required<Omit<LatencyOptions, "official">>;

/** One session: initialize, wait, the first list call, then warm calls of each kind. */
async function session(
  server: StdioServer,
  proxy: LatencyProxy,
  plan: { calls: Record<string, Call[]>; options: SessionPlan; into: ServerTimings },
): Promise<void> {
  const { calls, options, into } = plan;
  try {
    // As a client does: initialize, then the tool list, then the model's first turn.
    await initialize(server);
    await server.request("tools/list", {});
    await sleep(options.settleMs);
    into.first.push(await timed(server, proxy, calls.myOpen));
    for (let i = 0; i < options.warmCalls; i++) {
      into.warmList.push(await timed(server, proxy, calls.myOpen));
      into.warmLookup.push(await timed(server, proxy, calls.projDueNextWeek));
      into.comment.push(await timed(server, proxy, calls.comment));
    }
  } catch (error) {
    throw new Error(`${error}\n${server.stderr().slice(-2000)}`);
  } finally {
    await server.closeStdin();
  }
}

const empty = (): ServerTimings => ({ first: [], warmList: [], warmLookup: [], comment: [] });

/** Measures both servers through a latency proxy; see the module doc. */
export async function runLatencyBench(options: LatencyOptions = {}): Promise<LatencyResults> {
  const opts = {
    delayMs: options.delayMs ?? 150,
    sessions: options.sessions ?? 5,
    warmCalls: options.warmCalls ?? 3,
    settleMs: options.settleMs ?? 1000,
  };
  let officialMissing: string | undefined;
  const official: OfficialServer | undefined = options.official === false
    ? (officialMissing = "not requested (--no-official)", undefined)
    : await findOfficialServer({ onMissing: (reason) => (officialMissing = reason) });
  const sandbox = await startSandbox({
    apiKey: BENCH_KEY,
    rateLimits: { read: 1e9, update: 1e9, search: 1e9, icon: 1e9 },
  });
  const proxy = startLatencyProxy(sandbox.url, opts.delayMs);
  try {
    const calls = scenarios(sandbox, new Date());
    // As installed: BACKLOG_TIMEZONE unset, so the space's zone is used (and looked up).
    const env: Record<string, string> = { ...baseEnv(sandbox), BACKLOG_BASE_URL: proxy.url };
    delete env.BACKLOG_TIMEZONE;
    // Started as MCP clients start it: bin/mcp (the fast start when its build is current).
    const launch = { command: "sh", args: [LAUNCHER], env, cwd: ROOT };
    const entry = (await launcherArgs(env)).at(-1);
    const ours = empty();
    const theirs = official ? empty() : undefined;
    // Session 0 is not measured: it fills the caches (V8's code cache, Node's module cache).
    for (let s = 0; s <= opts.sessions; s++) {
      log(`latency: session ${s}/${opts.sessions}${s === 0 ? " (unmeasured)" : ""}`);
      const into = s === 0 ? { ours: empty(), theirs: empty() } : { ours, theirs };
      const mine = spawnStdio(launch);
      await session(mine, proxy, { calls: calls.ours, options: opts, into: into.ours });
      if (official && into.theirs) {
        const other = spawnStdio({
          command: official.command,
          args: official.args,
          env: official.env(proxy.url, BENCH_KEY),
          cwd: official.cwd,
        });
        await session(other, proxy, { calls: calls.official, options: opts, into: into.theirs });
      }
    }
    return {
      ...opts,
      ours,
      official: theirs,
      officialLabel: official?.label,
      officialMissing,
      calls,
      entry: entry ?? "?",
      bars: bars(ours, theirs),
    };
  } finally {
    await proxy.close();
    await sandbox.close();
  }
}

/** The bars of issue 9 against this run's medians. */
function bars(ours: ServerTimings, official?: ServerTimings): Bar[] {
  const out: Bar[] = [];
  const ms = (t: Timing[]) => median(t.map((x) => x.ms));
  // The bar `name`: this server's median of `kind` over the official server's, at most `limit`.
  const ratio = (name: string, kind: keyof ServerTimings, limit: number) => {
    const value = ms(ours[kind]) / ms(official![kind]);
    out.push({ name, value, limit, unit: "×", pass: value <= limit });
  };
  if (official) {
    ratio("first list call, 1 s after initialize (my open issues)", "first", 1.0);
    ratio("warm list call (my open issues)", "warmList", 1.0);
    ratio(
      "warm list call needing lookups (my open issues in PROJ due next week)",
      "warmLookup",
      0.6,
    );
  }
  const comment = Math.max(...ours.comment.map((t) => t.requests));
  out.push({
    name: "add_issue_comment with nothing to resolve",
    value: comment,
    limit: 1,
    unit: "requests",
    pass: comment <= 1,
  });
  return out;
}

function arg(name: string, fallback: string): string {
  const i = Deno.args.indexOf(name);
  return i >= 0 && Deno.args[i + 1] ? Deno.args[i + 1] : fallback;
}

if (import.meta.main) {
  const results = await runLatencyBench({
    sessions: Number(arg("--sessions", "5")),
    delayMs: Number(arg("--delay", "150")),
    official: !Deno.args.includes("--no-official"),
  });
  console.log(renderLatency(results));
  if (!results.bars.every((b) => b.pass)) Deno.exitCode = 1;
}
