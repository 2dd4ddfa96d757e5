/**
 * A bare JSON-RPC driver for the spawned server: it writes requests to stdin
 * and reads stdout line by line, so a test sees every byte the server prints
 * and can assert that stdout carries nothing but JSON-RPC.
 *
 * @module
 */

import { ROOT } from "./harness.ts";

/** A spawned server under test. */
export interface RawServer {
  /** Sends a request and resolves with its response message. */
  request(method: string, params?: unknown): Promise<Record<string, unknown>>;
  /** Sends a notification. */
  notify(method: string, params?: unknown): Promise<void>;
  /** Calls a tool; resolves with the `result` object. */
  callTool(name: string, args: Record<string, unknown>): Promise<ToolResult>;
  /** Every stdout line so far. */
  stdoutLines: string[];
  /** All stderr so far. */
  stderr(): string;
  /** Closes stdin and resolves with the exit code and how long the exit took. */
  closeStdin(): Promise<{ code: number; ms: number }>;
  /** Kills the process if still running and waits for it. */
  kill(): Promise<void>;
  process: Deno.ChildProcess;
}

/** The result of a tools/call. */
export interface ToolResult {
  content: { type: string; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

/** Spawns `deno run src/main.ts` with exactly `env` (plus PATH/HOME) and initializes it. */
export async function spawnServer(
  env: Record<string, string>,
  denoArgs: string[] = ["--allow-net", "--allow-env"],
): Promise<RawServer> {
  const command = new Deno.Command(Deno.execPath(), {
    args: ["run", ...denoArgs, `${ROOT}src/main.ts`],
    cwd: ROOT,
    clearEnv: true,
    env: { PATH: Deno.env.get("PATH") ?? "", HOME: Deno.env.get("HOME") ?? "", ...env },
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  });
  const process = command.spawn();
  const writer = process.stdin.getWriter();
  const encoder = new TextEncoder();
  const stdoutLines: string[] = [];
  const waiting = new Map<number, (message: Record<string, unknown>) => void>();
  let stderrText = "";

  const readStdout = (async () => {
    let buffer = "";
    for await (const chunk of process.stdout.pipeThrough(new TextDecoderStream())) {
      buffer += chunk;
      let newline: number;
      while ((newline = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        stdoutLines.push(line);
        const message = JSON.parse(line); // a non-JSON line fails the test right here
        if (message.jsonrpc !== "2.0") throw new Error(`not JSON-RPC: ${line}`);
        if (typeof message.id === "number") waiting.get(message.id)?.(message);
      }
    }
    if (buffer) stdoutLines.push(buffer);
  })();
  const readStderr = (async () => {
    for await (const chunk of process.stderr.pipeThrough(new TextDecoderStream())) {
      stderrText += chunk;
    }
  })();

  let nextId = 1;
  const send = (message: unknown) => writer.write(encoder.encode(JSON.stringify(message) + "\n"));
  const request = async (method: string, params?: unknown) => {
    const id = nextId++;
    const answer = new Promise<Record<string, unknown>>((resolve) => waiting.set(id, resolve));
    await send({ jsonrpc: "2.0", id, method, params });
    const timeout = new Promise<never>((_, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${method} in 30 s`)), 30_000);
      answer.finally(() => clearTimeout(timer));
    });
    return await Promise.race([answer, timeout]);
  };
  let finished = false;
  const done = async () => {
    const status = await process.status;
    await Promise.all([readStdout, readStderr]);
    finished = true;
    return status;
  };
  const exit = done();

  const server: RawServer = {
    request,
    notify: (method, params) => send({ jsonrpc: "2.0", method, params }),
    async callTool(name, args) {
      const message = await request("tools/call", { name, arguments: args });
      if (message.error) throw new Error(`JSON-RPC error: ${JSON.stringify(message.error)}`);
      return message.result as ToolResult;
    },
    stdoutLines,
    stderr: () => stderrText,
    async closeStdin() {
      const started = performance.now();
      await writer.close();
      const status = await exit;
      return { code: status.code, ms: performance.now() - started };
    },
    async kill() {
      if (!finished) {
        try {
          process.kill("SIGKILL");
        } catch { /* already gone */ }
      }
      await exit;
    },
    process,
  };
  await request("initialize", {
    protocolVersion: "2025-06-18",
    capabilities: {},
    clientInfo: { name: "raw-test", version: "1.0.0" },
  });
  await server.notify("notifications/initialized");
  return server;
}
