/**
 * End-to-end harness: an MCP client from the SDK talking to the real server,
 * either in-process (fast) or over stdio by spawning `src/main.ts` (the real
 * thing), with the server pointed at a Backlog stand-in over HTTP.
 *
 * @module
 */

import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { parseConfig } from "../src/config/config.ts";
import { createLogger } from "../src/log.ts";
import type { ISSUE_COLUMNS, IssueList } from "../src/render/issue_list.ts";
import { createServer } from "../src/server.ts";
import type { WarmUpReport } from "../src/warmup.ts";
import { type Sandbox, type SandboxOptions, startSandbox } from "../src/tooling/sandbox/server.ts";

/** A distinctive API key: any output containing it is a leak. */
export const TEST_API_KEY = "TESTKEY-zq81Xv7mLp02-d1st1nct1ve";

/** Root of the repository. */
export const ROOT = new URL("../", import.meta.url).pathname;

/** Environment for a server pointed at `sandbox`. */
export function sandboxEnv(sandbox: Sandbox, extra: Record<string, string> = {}) {
  return {
    BACKLOG_API_KEY: TEST_API_KEY,
    BACKLOG_BASE_URL: sandbox.url,
    BACKLOG_TIMEZONE: "UTC",
    ...extra,
  };
}

/** Starts a stand-in that accepts {@linkcode TEST_API_KEY}. */
export function startTestSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ apiKey: TEST_API_KEY, ...options });
}

/** A connected client plus what it needs to be torn down and inspected. */
export interface Session {
  client: Client;
  /** stderr lines (in-process: the logger's lines). */
  logs: string[];
  /** Calls a tool and returns its result (never throws for tool errors). */
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  close(): Promise<void>;
}

function makeCall(client: Client) {
  return async (name: string, args: Record<string, unknown> = {}) =>
    await client.callTool({ name, arguments: args }) as CallToolResult;
}

/** Options of {@linkcode connectInProcess}. */
export interface InProcessOptions {
  /** The server's clock ("today" for relative dates); default the real time. */
  now?: () => Date;
  /** Warm the metadata cache after initialize, as main.ts does (default false). */
  warmUp?: boolean;
  /** The server's fetch (default the runtime's). */
  fetch?: typeof fetch;
}

/** A session whose server warms up after initialize, and its warm-up. */
export interface WarmSession extends Session {
  /** Resolves when the warm-up has run (undefined if it did not start). */
  warmedUp(): Promise<WarmUpReport> | undefined;
}

/**
 * Connects a client to a server created in this process. Structured output is
 * on unless `env` says otherwise, because these tests read structuredContent;
 * the default (text-only) mode is tested by the client and budget tests.
 */
export async function connectInProcess(
  env: Record<string, string | undefined>,
  options: InProcessOptions = {},
): Promise<WarmSession> {
  const logs: string[] = [];
  const vars: Record<string, string | undefined> = { BACKLOG_STRUCTURED_OUTPUT: "true", ...env };
  const config = parseConfig((name) => vars[name]);
  const logger = createLogger({
    level: "debug",
    secrets: config.secrets,
    write: (l) => logs.push(l),
  });
  const { server, warmedUp } = createServer({
    config,
    logger,
    retry: { baseDelayMs: 10 },
    now: options.now,
    warmUp: options.warmUp,
    fetch: options.fetch,
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "test", version: "1.0.0" });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  return {
    client,
    logs,
    call: makeCall(client),
    warmedUp,
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}

/** Spawns `deno run src/main.ts` and connects a client over stdio. */
export async function connectStdio(env: Record<string, string | undefined>): Promise<Session> {
  const transport = new StdioClientTransport({
    command: Deno.execPath(),
    args: ["run", "--allow-net", "--allow-env", `${ROOT}src/main.ts`],
    cwd: ROOT,
    // Only what the server needs: no inherited BACKLOG_* from the developer's shell.
    env: { PATH: Deno.env.get("PATH") ?? "", HOME: Deno.env.get("HOME") ?? "", ...clean(env) },
    stderr: "pipe",
  });
  const logs: string[] = [];
  let buffer = "";
  transport.stderr?.on("data", (chunk: Uint8Array | string) => {
    buffer += typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk);
    const parts = buffer.split("\n");
    buffer = parts.pop() ?? "";
    logs.push(...parts);
  });
  const client = new Client({ name: "test", version: "1.0.0" });
  try {
    await client.connect(transport);
  } catch (error) {
    // A server that dies before answering initialize: say what it printed, not just "closed".
    await new Promise((resolve) => setTimeout(resolve, 50));
    throw new Error(
      `the server did not complete initialize (${error}); its stderr:\n${
        [...logs, buffer].join("\n").trim() || "(empty)"
      }`,
    );
  }
  return {
    client,
    logs,
    call: makeCall(client),
    close: async () => {
      await client.close();
      if (buffer) logs.push(buffer);
    },
  };
}

function clean(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined),
  );
}

/** A list row as an object keyed by column. */
export type ListRow = Record<typeof ISSUE_COLUMNS[number], string>;

/**
 * get_user_issue_list's structured answer, its rows (arrays in the order of
 * `columns`) turned back into objects, and their count.
 */
export function listOf(result: CallToolResult): Omit<IssueList, "issues"> & {
  issues: ListRow[];
  count: number;
} {
  const list = result.structuredContent as IssueList | undefined;
  if (!list) throw new Error(`no structured content: ${textOf(result)}`);
  const issues = list.issues.map((row) =>
    Object.fromEntries(list.columns.map((c, i) => [c, row[i]])) as ListRow
  );
  return { ...list, issues, count: issues.length };
}

/** The text of a tool result. */
export function textOf(result: CallToolResult): string {
  const content = result.content as { type: string; text?: string }[];
  return content.map((c) => c.type === "text" ? c.text ?? "" : "").join("\n");
}

/** Runs `fn` with a stand-in and an in-process session, tearing both down. */
export async function withSession(
  fn: (session: Session, sandbox: Sandbox) => Promise<void>,
  options: { env?: Record<string, string>; sandbox?: SandboxOptions } & InProcessOptions = {},
): Promise<void> {
  const sandbox = await startTestSandbox(options.sandbox);
  const session = await connectInProcess(sandboxEnv(sandbox, options.env), options);
  try {
    await fn(session, sandbox);
  } finally {
    await session.close();
    await sandbox.close();
  }
}
