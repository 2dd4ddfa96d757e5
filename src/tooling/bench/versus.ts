/**
 * Side by side with the official server, each in its own process over stdio,
 * against the same stand-in grown by `bulk.ts`: the CPU time a call costs the
 * server process (from /proc, so the benchmark's own work is not counted),
 * and resident memory after 1,000 mixed calls. Each server gets the calls a
 * model would make for the same answer: ours one call; the official server
 * `get_issue` and two pages of `get_issue_comments` for an issue's 200
 * comments, ten pages of `get_issues` for 1,000 issues.
 *
 * @module
 */

import type { Sandbox } from "../sandbox/server.ts";
import { processRss, type SpawnSpec, type StdioServer } from "../support/stdio_driver.ts";
import { MIX } from "./soak.ts";
import { resultText } from "../support/stdio_driver.ts";
import type { BulkSpace } from "./bulk.ts";
import { startServer } from "./bench_server.ts";

/** One tool call. */
export interface Call {
  tool: string;
  args: Record<string, unknown>;
}

/** The calls that give one answer; `next` may derive later calls from earlier results. */
export interface Task {
  name: string;
  calls: (previous: string[]) => Call | undefined;
}

const TICK_MS = 10; // Linux USER_HZ is 100 on every mainstream kernel

/** CPU time (user + system) of a process so far, in ms; undefined off Linux. */
export function cpuMs(pid: number): number | undefined {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return undefined;
  }
}

/** Runs a task once; returns the texts of its results. Throws on a tool error. */
async function runTask(server: StdioServer, task: Task): Promise<string[]> {
  const texts: string[] = [];
  for (let call = task.calls(texts); call; call = task.calls(texts)) {
    const result = await server.callTool(call.tool, call.args);
    if (result.isError) throw new Error(`${task.name}: ${call.tool}: ${resultText(result)}`);
    texts.push(resultText(result));
  }
  return texts;
}

/** What one task cost a server, per run. */
export type TaskCosts = Map<string, { cpuMs: number; wallMs: number; bytes: number }>;

/**
 * CPU ms per run of each task on each server, all servers running at once and
 * taking turns run by run (so a burst of load on this shared machine hits them
 * alike), after `warmup` unmeasured runs; `runs` measured runs per task (the
 * CPU clock ticks every 10 ms: many runs, summed, make it precise).
 */
export async function cpuSideBySide(
  servers: { spec: SpawnSpec; tasks: Task[] }[],
  runs: (task: number) => number,
  warmup = 3,
): Promise<(TaskCosts | undefined)[]> {
  const started = [];
  for (const s of servers) started.push((await startServer(s.spec)).server);
  try {
    const out: (TaskCosts | undefined)[] = servers.map(() => new Map());
    for (const [i, s] of servers.entries()) {
      for (const task of s.tasks) for (let w = 0; w < warmup; w++) await runTask(started[i], task);
    }
    const taskCount = Math.max(...servers.map((s) => s.tasks.length));
    for (let t = 0; t < taskCount; t++) {
      const cpu = servers.map(() => 0);
      const wall = servers.map(() => 0);
      const bytes = servers.map(() => 0);
      for (let r = 0; r < runs(t); r++) {
        for (const [i, s] of servers.entries()) {
          const task = s.tasks[t];
          if (!task) continue;
          const cpu0 = cpuMs(started[i].pid);
          if (cpu0 === undefined) return servers.map(() => undefined);
          const t0 = performance.now();
          bytes[i] = (await runTask(started[i], task)).join("").length;
          wall[i] += performance.now() - t0;
          cpu[i] += cpuMs(started[i].pid)! - cpu0;
        }
      }
      for (const [i, s] of servers.entries()) {
        if (!s.tasks[t]) continue;
        out[i]!.set(s.tasks[t].name, {
          cpuMs: cpu[i] / runs(t),
          wallMs: wall[i] / runs(t),
          bytes: bytes[i],
        });
      }
    }
    return out;
  } finally {
    for (const server of started) await server.closeStdin();
  }
}

/** Resident memory after `calls` calls taken in turn from `mix` (failures allowed), in bytes. */
export async function rssAfter(
  spec: SpawnSpec,
  mix: readonly Call[],
  calls: number,
): Promise<{ rss: number | undefined; failures: number; ms: number }> {
  const { server } = await startServer(spec);
  try {
    let failures = 0;
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) {
      const call = mix[i % mix.length];
      const answer = await server.request("tools/call", { name: call.tool, arguments: call.args });
      if (answer.error) failures++;
    }
    const ms = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 200));
    return { rss: processRss(server.pid), failures, ms };
  } finally {
    await server.closeStdin();
  }
}

/** Our tasks for the bulk space. */
export function ourTasks(space: BulkSpace): Task[] {
  const once = (call: Call) => (previous: string[]) => previous.length === 0 ? call : undefined;
  return [
    {
      name: `issue with ${space.comments} comments`,
      calls: once({
        tool: "get_issue_details",
        args: { issue_key: space.issueKey, comment_limit: space.comments },
      }),
    },
    {
      name: `list of ${space.myOpenIssues} issues`,
      calls: once({ tool: "get_user_issue_list", args: { limit: space.myOpenIssues } }),
    },
  ];
}

/** The official server's calls for the same answers (its pages hold at most 100). */
export function officialTasks(space: BulkSpace, sandbox: Sandbox): Task[] {
  const state = sandbox.state;
  const me = state.myselfId;
  const projects = state.projects.filter((p) =>
    !p.archived && (state.projectMembers[p.id] ?? []).includes(me)
  ).map((p) => p.id);
  const open = [...new Set(state.statuses.filter((s) => s.id !== 4).map((s) => s.id))];
  const pages = Math.ceil(space.myOpenIssues / 100);
  const commentPages = Math.ceil(space.comments / 100);
  return [
    {
      name: `issue with ${space.comments} comments`,
      calls: (previous) => {
        if (previous.length === 0) return { tool: "get_issue", args: { issueKey: space.issueKey } };
        if (previous.length > commentPages) return undefined;
        // Newest first, 100 a page; the next page ends below the oldest comment shown.
        const page = previous.length - 1;
        const maxId = page === 0 ? undefined : space.commentIds[page * 100];
        return {
          tool: "get_issue_comments",
          args: {
            issueKey: space.issueKey,
            count: 100,
            order: "desc",
            ...(maxId ? { maxId } : {}),
          },
        };
      },
    },
    {
      name: `list of ${space.myOpenIssues} issues`,
      calls: (previous) =>
        previous.length >= pages ? undefined : {
          tool: "get_issues",
          args: {
            projectId: projects,
            assigneeId: [me],
            statusId: open,
            count: 100,
            offset: previous.length * 100,
          },
        },
    },
  ];
}

/** Our mixed calls (the soak's), and the official server's counterparts. */
export function mixes(space: BulkSpace): { ours: Call[]; official: Call[] } {
  const ours = MIX.map(({ tool, args }) => ({ tool, args }));
  const keys = ["DEMO-1", space.issueKey, "DEMO-3", "DEMO-4", "JPN-1"];
  const official: Call[] = [
    { tool: "get_issues", args: {} },
    { tool: "get_issues", args: { count: 20, sort: "dueDate", order: "asc" } },
    { tool: "get_issues", args: { count: 50, keyword: "login" } },
    { tool: "get_issues", args: { count: 100, offset: 100 } },
    ...keys.map((issueKey) => ({ tool: "get_issue", args: { issueKey } })),
    { tool: "get_issue_comments", args: { issueKey: space.issueKey, count: 50 } },
    { tool: "get_myself", args: {} },
    { tool: "get_project_list", args: {} },
    { tool: "get_issue", args: { issueKey: "DEMO-99999" } },
  ];
  return { ours, official };
}
