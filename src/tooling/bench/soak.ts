/**
 * Soak: many mixed tool calls against the stand-in, all answered by one
 * server process — the real one, spawned over stdio with the `mcp` task's
 * least-privilege flags — measuring failures, latency and the server's
 * resident memory after start, after a warm-up and at the end.
 *
 *     deno task soak                          # 500 warm-up + 1,000 calls, a summary
 *     deno run -A src/tooling/bench/soak.ts --calls 5000 --json
 *
 * Memory is read from /proc (Linux); elsewhere it is reported as unknown.
 *
 * @module
 */

import { prng } from "../support/prng.ts";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { SEED, startSandbox } from "../sandbox/server.ts";
import { mcpFlags, ROOT } from "../support/launcher.ts";
import { initialize, processRss, resultText, spawnStdio } from "../support/stdio_driver.ts";

/** A distinctive key for the soak's stand-in; it must never appear in a result. */
export const SOAK_API_KEY = "SOAKKEY-7hq2Wn4c-d1st1nct1ve";

/** One call of the mix. */
export interface MixEntry {
  tool: string;
  args: Record<string, unknown>;
  /** The call is meant to fail (bad input, unknown issue): isError is the right answer. */
  expectError?: boolean;
}

/**
 * The calls a session mixes: lists with different filters, details with and
 * without comments, and answers that are errors on purpose. Entries naming a
 * parameter a tool does not have are dropped (tools evolve).
 */
export const MIX: readonly MixEntry[] = [
  { tool: "get_user_issue_list", args: {} },
  { tool: "get_user_issue_list", args: { limit: 20, sort: "dueDate", order: "asc" } },
  { tool: "get_user_issue_list", args: { project_ids: [SEED.projects.DEMO.id], limit: 50 } },
  { tool: "get_user_issue_list", args: { keyword: "login", status_ids: [] } },
  { tool: "get_user_issue_list", args: { limit: 100, offset: 100, timezone: "Asia/Tokyo" } },
  { tool: "get_issue_details", args: { issue_key: SEED.issues.rich } },
  { tool: "get_issue_details", args: { issue_key: SEED.issues.manyComments, comment_limit: 50 } },
  {
    tool: "get_issue_details",
    args: { issue_key: SEED.issues.noComments, include_comments: false, timezone: "Asia/Tokyo" },
  },
  { tool: "get_issue_details", args: { issue_key: SEED.issues.jpnCustomStatus } },
  { tool: "get_issue_details", args: { issue_key: SEED.issues.child } },
  { tool: "get_issue_details", args: { issue_key: "DEMO-99999" }, expectError: true },
  { tool: "get_issue_details", args: { issue_key: "not a key" }, expectError: true },
  { tool: "get_user_issue_list", args: { due_date_since: "2026-02-30" }, expectError: true },
];

/** Options for {@linkcode runSoak}. */
export interface SoakOptions {
  /** Measured tool calls, after the warm-up (default 1000). */
  calls?: number;
  /** Calls before the first memory reading (default 200). */
  warmup?: number;
  /** Seed of the call order (default 42). */
  seed?: number;
  /** Extra Deno flags for the server (e.g. to compare V8 settings). */
  extraFlags?: string[];
  /** Flags to drop from the `mcp` task's (e.g. `--v8-flags=--optimize-for-size`). */
  dropFlags?: string[];
  /** Called every 100 calls. */
  progress?: (done: number) => void;
}

/**
 * Warm-up calls before memory is compared. V8 keeps sizing its heap for a few
 * hundred calls; after 200 the growth measured 1–9% from run to run, after 500
 * −0.2–5%, with the same ~100 MB plateau: a leak shows against the plateau.
 */
export const SOAK_WARMUP = 500;

/** What a soak measured. */
export interface SoakReport {
  /** Measured calls (the warm-up excluded). */
  calls: number;
  warmup: number;
  /** Calls whose isError differed from the mix's expectation, or that got no result. */
  failures: { tool: string; args: Record<string, unknown>; text: string }[];
  /** Results, stdout or stderr lines in which the API key appeared. */
  leaks: number;
  /** stdout lines that were not JSON-RPC. */
  stdoutViolations: number;
  /** The server exited during the soak. */
  exited: boolean;
  tools: string[];
  flags: string[];
  /** Wall time of the measured calls. */
  ms: number;
  latencyMs: { p50: number; p95: number; max: number };
  /** Requests the stand-in received during the measured calls. */
  backlogRequests: number;
  /** The server's resident memory in bytes (undefined where /proc is missing). */
  rss: { start?: number; afterWarmup?: number; end?: number; peak?: number };
  /** (end - afterWarmup) / afterWarmup, or NaN when unknown. */
  rssGrowth: number;
}

/** `p` in 0..1 of `values` (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

/** Keeps the mix entries every argument of which the tool accepts. */
export function usableMix(tools: readonly Tool[], mix: readonly MixEntry[] = MIX): MixEntry[] {
  const props = new Map(
    tools.map((t) => [t.name, new Set(Object.keys(t.inputSchema.properties ?? {}))]),
  );
  const usable = mix.filter((m) => {
    const known = props.get(m.tool);
    return known !== undefined && Object.keys(m.args).every((k) => known.has(k));
  });
  // Other read-only tools that need no argument join the mix as they are added.
  for (const tool of tools) {
    if (props.has(tool.name) && mix.some((m) => m.tool === tool.name)) continue;
    if (tool.annotations?.readOnlyHint && !(tool.inputSchema.required?.length)) {
      usable.push({ tool: tool.name, args: {} });
    }
  }
  return usable;
}

/** Runs the soak; see the module doc. */
export async function runSoak(options: SoakOptions = {}): Promise<SoakReport> {
  const calls = options.calls ?? 1000;
  const warmup = options.warmup ?? SOAK_WARMUP;
  const random = prng(options.seed ?? 42);

  // Rate limits high enough for a soak: this measures the server, not the window.
  const sandbox = await startSandbox({
    apiKey: SOAK_API_KEY,
    rateLimits: { read: 1e9, update: 1e9, search: 1e9, icon: 1e9 },
  });
  const env: Record<string, string> = {
    PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
    BACKLOG_API_KEY: SOAK_API_KEY,
    BACKLOG_BASE_URL: sandbox.url,
    BACKLOG_TIMEZONE: "UTC",
    // Nor Nulab's pause between the pages of one long scan: the soak measures memory, not pacing.
    BACKLOG_BULK_SPACING_MS: "0",
  };
  const drop = new Set(options.dropFlags ?? []);
  const flags = [
    ...(await mcpFlags(env)).filter((f) => !drop.has(f)),
    ...(options.extraFlags ?? []),
  ];
  const server = spawnStdio({
    command: Deno.execPath(),
    args: ["run", ...flags, "src/main.ts"],
    env,
    cwd: ROOT,
  });

  const failures: SoakReport["failures"] = [];
  const latencies: number[] = [];
  const rss: SoakReport["rss"] = {};
  let leaks = 0;
  let backlogRequests = 0;
  let toolNames: string[] = [];
  let started = performance.now();
  let exited = false;
  const sample = () => {
    const now = processRss(server.pid);
    if (now !== undefined) rss.peak = Math.max(rss.peak ?? 0, now);
    return now;
  };
  try {
    await initialize(server);
    rss.start = sample();
    const listed = await server.request("tools/list", {});
    const tools = (listed.result as { tools: Tool[] }).tools;
    const mix = usableMix(tools);
    if (mix.length === 0) throw new Error("no tool of the mix is offered");
    toolNames = [...new Set(mix.map((m) => m.tool))];
    for (let i = 0; i < warmup + calls; i++) {
      if (i === warmup) {
        rss.afterWarmup = sample();
        backlogRequests = 0;
        started = performance.now();
      }
      const entry = mix[Math.floor(random() * mix.length)];
      const t0 = performance.now();
      const answer = await server.request("tools/call", {
        name: entry.tool,
        arguments: entry.args,
      });
      if (i >= warmup) latencies.push(performance.now() - t0);
      const result = answer.result as {
        content: { type: string; text: string }[];
        isError?: boolean;
      };
      const text = result ? resultText(result) : JSON.stringify(answer.error);
      if (!result || (result.isError === true) !== (entry.expectError === true)) {
        failures.push({ tool: entry.tool, args: entry.args, text: text.slice(0, 300) });
      }
      if (text.includes(SOAK_API_KEY)) leaks++;
      // The stand-in records every request; keep its log from growing with the soak.
      backlogRequests += sandbox.requests.length;
      sandbox.clearRequests();
      if ((i + 1) % 100 === 0) {
        sample();
        options.progress?.(i + 1);
      }
    }
    rss.end = sample();
    exited = !server.running;
  } finally {
    await server.closeStdin();
    await sandbox.close();
  }
  const ms = performance.now() - started;
  const output = server.stdoutLines.join("\n") + server.stderr();
  if (output.includes(SOAK_API_KEY)) leaks++;
  return {
    calls,
    warmup,
    failures,
    leaks,
    stdoutViolations: server.violations.length,
    exited,
    tools: toolNames,
    flags,
    ms,
    latencyMs: {
      p50: percentile(latencies, 0.5),
      p95: percentile(latencies, 0.95),
      max: Math.max(...latencies),
    },
    backlogRequests,
    rss,
    rssGrowth: rss.end !== undefined && rss.afterWarmup !== undefined
      ? (rss.end - rss.afterWarmup) / rss.afterWarmup
      : NaN,
  };
}

const MB = 1024 * 1024;

/** A one-paragraph summary of a report. */
export function describeSoak(r: SoakReport): string {
  const mb = (n?: number) => n === undefined ? "unknown" : `${(n / MB).toFixed(1)} MB`;
  return [
    `soak: ${r.warmup} warm-up + ${r.calls} tool calls (${
      r.tools.join(", ")
    }) in one server process: ${r.failures.length} failures, ${r.leaks} key leaks, ${r.stdoutViolations} non-JSON-RPC stdout lines`,
    `measured calls: ${(r.ms / 1000).toFixed(1)} s, latency p50 ${
      r.latencyMs.p50.toFixed(1)
    } ms, p95 ${r.latencyMs.p95.toFixed(1)} ms, max ${
      r.latencyMs.max.toFixed(1)
    } ms; ${r.backlogRequests} Backlog requests`,
    `server RSS after start ${mb(r.rss.start)}, after warm-up ${mb(r.rss.afterWarmup)}, end ${
      mb(r.rss.end)
    }, peak ${mb(r.rss.peak)}: ${(r.rssGrowth * 100).toFixed(1)}% growth after warm-up`,
  ].join("\n");
}

if (import.meta.main) {
  const arg = (name: string) => {
    const i = Deno.args.indexOf(name);
    return i >= 0 ? Deno.args[i + 1] : undefined;
  };
  const json = Deno.args.includes("--json");
  const report = await runSoak({
    calls: Number(arg("--calls") ?? 1000),
    warmup: Number(arg("--warmup") ?? SOAK_WARMUP),
    seed: Number(arg("--seed") ?? 42),
    progress: json ? undefined : (n) => {
      if (n % 500 === 0) console.error(`… ${n} calls`);
    },
  });
  // A CLI that owns its stdout (the server it drives keeps its own stdout for JSON-RPC).
  const out = json ? JSON.stringify(report) : describeSoak(report);
  await Deno.stdout.write(new TextEncoder().encode(out + "\n"));
  for (const f of report.failures.slice(0, 5)) {
    console.error(`failure: ${f.tool} ${JSON.stringify(f.args)}: ${f.text}`);
  }
  const ok = report.failures.length === 0 && report.leaks === 0 &&
    report.stdoutViolations === 0 && !(report.rssGrowth > 0.1);
  if (!ok) console.error("soak FAILED: failures, leaks, stdout noise, or RSS growth above 10%");
  Deno.exit(ok ? 0 : 1);
}
