/**
 * A bare JSON-RPC driver for the spawned server: it writes requests to stdin
 * and reads stdout line by line, so a test sees every byte the server prints
 * and can assert that stdout carries nothing but JSON-RPC. Built on the
 * benchmark's driver, with a line that is not JSON-RPC failing the test.
 *
 * @module
 */

import { ROOT } from "./harness.ts";
import { initialize, spawnStdio, type ToolResult } from "../src/tooling/support/stdio_driver.ts";

export type { ToolResult } from "../src/tooling/support/stdio_driver.ts";

/** A spawned server under test. */
export interface RawServer {
  /** Sends a request and resolves with its response message. */
  request(method: string, params?: unknown): Promise<Record<string, unknown>>;
  /** Sends a notification. */
  notify(method: string, params?: unknown): Promise<void>;
  /** Writes text to stdin as it is (no newline added). */
  writeRaw(text: string): Promise<void>;
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

/** Spawns `deno run src/main.ts` with exactly `env` (plus PATH/HOME) and initializes it. */
export async function spawnServer(
  env: Record<string, string>,
  denoArgs: string[] = ["--allow-net", "--allow-env"],
): Promise<RawServer> {
  const server = spawnStdio({
    command: Deno.execPath(),
    args: ["run", ...denoArgs, `${ROOT}src/main.ts`],
    cwd: ROOT,
    env: { PATH: Deno.env.get("PATH") ?? "", HOME: Deno.env.get("HOME") ?? "", ...env },
    // Thrown from the stdout reader: the test fails right here.
    onViolation: (line) => {
      throw new Error(`not JSON-RPC: ${line}`);
    },
  });
  const raw: RawServer = {
    request: (method, params) => server.request(method, params),
    notify: server.notify,
    callTool: server.callTool,
    writeRaw: server.writeRaw,
    stdoutLines: server.stdoutLines,
    stderr: server.stderr,
    async closeStdin() {
      const started = performance.now();
      const status = await server.closeStdin();
      return { code: status.code, ms: performance.now() - started };
    },
    kill: server.kill,
    process: server.process,
  };
  await initialize(server);
  return raw;
}
