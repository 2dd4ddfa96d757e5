/**
 * Tool calls over stdio: latency against the stand-in answering the same
 * requests directly, the Backlog requests behind a call (cold and warm), and
 * the size of the text result against the raw Backlog JSON it shows.
 *
 * @module
 */

import type { RecordedRequest, Sandbox } from "../sandbox/server.ts";
import { BENCH_KEY, directSpec, startServer } from "./bench_server.ts";
import { type Stats, stats } from "./stats.ts";
import { resultText } from "../support/stdio_driver.ts";

const encoder = new TextEncoder();
const bytes = (text: string) => encoder.encode(text).length;

/** What was measured of one tool call. */
export interface CallBench {
  name: string;
  args: Record<string, unknown>;
  latency: Stats;
  /** The stand-in answering the same requests directly, no MCP server in between. */
  direct: Stats;
  coldRequests: string[];
  warmRequests: string[];
  textBytes: number;
  messageBytes: number;
  rawBytes: number;
  items: number;
  fieldsPresent?: number;
  missing?: string[];
}

/** `GET /issues`, `GET /projects/:id/statuses`: a recorded request as the report names it. */
const describeRequest = (r: RecordedRequest) =>
  `${r.method} ${r.path.replace(/^\/api\/v2/, "").replace(/\/projects\/\d+\//, "/projects/:id/")}`;

/** Replays recorded GETs against the stand-in; returns the JSON bodies. */
async function replay(sandbox: Sandbox, requests: RecordedRequest[]): Promise<string[]> {
  const bodies: string[] = [];
  for (const r of requests) {
    const url = new URL(sandbox.url + r.path);
    for (const [k, values] of Object.entries(r.params)) {
      for (const v of values) url.searchParams.append(values.length > 1 ? `${k}[]` : k, v);
    }
    const response = await fetch(url, { headers: { "Backlog-API-Key": BENCH_KEY } });
    bodies.push(await response.text());
  }
  return bodies;
}

/** A tool call to measure, on a server run with `flags` against `sandbox`. */
export interface BenchedCall {
  sandbox: Sandbox;
  flags: string[];
  /** Times it is measured (after one cold and one warm call). */
  calls: number;
  /** Its name in the report. */
  name: string;
  tool: string;
  args: Record<string, unknown>;
}

/**
 * Measures `tool` called with `args` `calls` times on a fresh server (after
 * one cold and one warm call), and the stand-in answering the same requests
 * directly as often; also returns the raw issues behind the answer and its text.
 */
export async function benchCall(
  options: BenchedCall,
): Promise<CallBench & { rawIssues: Record<string, unknown>[]; text: string }> {
  const { sandbox, flags, calls, name, tool, args } = options;
  const { server } = await startServer(directSpec(sandbox, flags));
  try {
    sandbox.clearRequests();
    const first = await server.request("tools/call", { name: tool, arguments: args });
    const coldRequests = sandbox.requests.map(describeRequest);
    // Let the background warm-up (a few loopback requests) finish, so "warm" counts only the call.
    await new Promise((resolve) => setTimeout(resolve, 500));
    sandbox.clearRequests();
    const result = await server.callTool(tool, args);
    if (result.isError) throw new Error(`${tool}: ${resultText(result)}`);
    const warm = [...sandbox.requests];
    const warmRequests = warm.map(describeRequest);
    const text = resultText(result);
    const messageBytes = bytes(JSON.stringify(first));

    const latencies: number[] = [];
    for (let i = 0; i < calls; i++) {
      const t0 = performance.now();
      await server.callTool(tool, args);
      latencies.push(performance.now() - t0);
    }
    const direct: number[] = [];
    for (let i = 0; i < calls; i++) {
      const t0 = performance.now();
      await replay(sandbox, warm);
      direct.push(performance.now() - t0);
    }
    // The raw JSON of the data the answer shows: the issue pages (and, for an
    // issue, its JSON and its comments), not the metadata or the count.
    const bodies = await replay(sandbox, warm.filter((r) => !r.path.endsWith("/count")));
    const rawBytes = bodies.reduce((n, b) => n + bytes(b), 0);
    const rawIssues = bodies.flatMap((b) => {
      const parsed = JSON.parse(b);
      return Array.isArray(parsed) ? parsed : [parsed];
    });
    return {
      name,
      args,
      latency: stats(latencies),
      direct: stats(direct),
      coldRequests,
      warmRequests,
      textBytes: bytes(text),
      messageBytes,
      rawBytes,
      items: 0,
      rawIssues,
      text,
    };
  } finally {
    await server.closeStdin();
  }
}

/** Checks that every issue's key, summary, status, priority, assignee and due date are in its line. */
export function checkListFields(
  text: string,
  issues: Record<string, unknown>[],
): { present: number; missing: string[] } {
  const lines = text.split("\n");
  const missing: string[] = [];
  let present = 0;
  for (const issue of issues) {
    const key = String(issue.issueKey);
    const line = lines.find((l) => l.startsWith(`${key} |`));
    const name = (o: unknown) => (o as { name?: string } | null)?.name;
    const wanted = [
      key,
      String(issue.summary).slice(0, 60),
      name(issue.status),
      name(issue.priority),
      name(issue.assignee) ?? "unassigned",
      typeof issue.dueDate === "string" ? issue.dueDate.slice(0, 10) : undefined,
    ].filter((v): v is string => typeof v === "string");
    const absent = line ? wanted.filter((w) => !line.includes(w)) : ["the whole line"];
    if (absent.length === 0) present++;
    else missing.push(`${key}: ${absent.join(", ")}`);
  }
  return { present, missing };
}
