/**
 * Helpers for the sandbox's own tests: start/stop around a test and make API calls that always
 * consume the response body (Deno's sanitizers require it).
 *
 * @module
 */
import { SEED } from "./seed.ts";

// Deno's built-in node:assert keeps the tests free of downloads; argument order matches @std/assert.
export {
  deepStrictEqual as assertEquals,
  match as assertMatch,
  ok as assert,
  rejects as assertRejects,
} from "node:assert/strict";
import { type Sandbox, type SandboxOptions, startSandbox } from "./server.ts";

/** How a test call authenticates. */
export type AuthMode = "header" | "query" | "none";

/** Options of one API call. */
export interface CallOptions {
  /** Raw query string (without `?`), sent as is so tests control the key spelling. */
  query?: string;
  /** Form body (x-www-form-urlencoded), sent as is. */
  form?: string;
  auth?: AuthMode;
  key?: string;
  headers?: Record<string, string>;
}

/** A finished API call. */
export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  // deno-lint-ignore no-explicit-any
  body: any;
}

/**
 * Sends `request`, written as `"<METHOD> <path under /api/v2/>"` (e.g.
 * `"POST watchings"`), and parses a JSON body when there is one.
 */
export async function call(sb: Sandbox, request: string, o: CallOptions = {}): Promise<CallResult> {
  const [method, path] = request.split(/ (.*)/s);
  const auth = o.auth ?? "header";
  const key = o.key ?? SEED.apiKey;
  const parts = [o.query, auth === "query" ? `apiKey=${encodeURIComponent(key)}` : undefined]
    .filter(Boolean);
  const url = `${sb.url}/api/v2/${path}${parts.length ? `?${parts.join("&")}` : ""}`;
  const headers: Record<string, string> = { ...o.headers };
  if (auth === "header") headers["Backlog-API-Key"] = key;
  if (o.form !== undefined) headers["content-type"] = "application/x-www-form-urlencoded";
  const res = await fetch(url, { method, headers, body: o.form });
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: res.status, headers: res.headers, text, body };
}

/** `GET path?query`. */
export function get(sb: Sandbox, path: string, query?: string): Promise<CallResult> {
  return call(sb, `GET ${path}`, { query });
}

/** Runs `fn` with a fresh sandbox and always closes it. */
export async function withSandbox(
  opts: SandboxOptions,
  fn: (sb: Sandbox) => Promise<void>,
): Promise<void> {
  const sb = await startSandbox(opts);
  try {
    await fn(sb);
  } finally {
    await sb.close();
  }
}

/** Fetches all pages of `GET /issues` for `query`, `count` per page. */
// deno-lint-ignore no-explicit-any
export async function allIssues(sb: Sandbox, query: string, count = 100): Promise<any[]> {
  // deno-lint-ignore no-explicit-any
  const out: any[] = [];
  for (let offset = 0;; offset += count) {
    const r = await get(sb, "issues", `${query}&count=${count}&offset=${offset}`);
    if (r.status !== 200) throw new Error(`status ${r.status}: ${r.text}`);
    out.push(...r.body);
    if (r.body.length < count) return out;
  }
}
