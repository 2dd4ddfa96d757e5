/**
 * A bare JSON-RPC client for a spawned MCP server, whatever starts it
 * (`deno run`, `bin/mcp`, `mise run mcp`): requests go to stdin, every stdout
 * line is read and must be a JSON-RPC message. Used by the benchmark and the
 * tests that start the server the way a client would.
 *
 * @module
 */

/** How to start the server. */
export interface SpawnSpec {
  command: string;
  args: string[];
  /** The whole environment of the child (nothing is inherited). */
  env: Record<string, string>;
  cwd?: string;
  /**
   * Called with each complete stdout line that is not a JSON-RPC message,
   * after it is added to `violations`. What it throws escapes unhandled (and
   * stops the reading of stdout): under `deno test`, that fails the running
   * test on the spot. A fragment left unfinished when the process ends (as
   * one killed mid-write may leave) is only added to `violations`.
   */
  onViolation?: (line: string) => void;
}

/** A tools/call result. */
export interface ToolResult {
  content: { type: string; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

/** A running server. */
export interface StdioServer {
  /** Sends a request; resolves with the whole response message (result or error). */
  request(method: string, params?: unknown, timeoutMs?: number): Promise<Record<string, unknown>>;
  notify(method: string, params?: unknown): Promise<void>;
  /** Calls a tool; throws on a JSON-RPC error. */
  callTool(name: string, args: unknown): Promise<ToolResult>;
  /** Sends raw bytes (a line is not added). */
  writeRaw(text: string): Promise<void>;
  /** Every stdout line so far. */
  stdoutLines: string[];
  /** stdout lines that were not JSON-RPC messages. */
  violations: string[];
  stderr(): string;
  pid: number;
  /** Resolves with the exit status once the process is gone. */
  exited: Promise<Deno.CommandStatus>;
  /** Whether the process has exited. */
  readonly running: boolean;
  /** Closes stdin and waits for the exit. */
  closeStdin(): Promise<Deno.CommandStatus>;
  /** Sends a signal (no-op once exited). */
  signal(signal: Deno.Signal): void;
  /** SIGKILLs the process if it still runs, and waits for it. */
  kill(): Promise<void>;
  /** The child process itself. */
  process: Deno.ChildProcess;
}

/** Starts the server; does not initialize it (see {@linkcode initialize}). */
export function spawnStdio(spec: SpawnSpec): StdioServer {
  const child = new Deno.Command(spec.command, {
    args: spec.args,
    cwd: spec.cwd,
    clearEnv: true,
    env: spec.env,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  const encoder = new TextEncoder();
  const stdoutLines: string[] = [];
  const violations: string[] = [];
  const waiting = new Map<number, (message: Record<string, unknown>) => void>();
  let stderrText = "";
  let running = true;

  const readStdout = (async () => {
    let buffer = "";
    for await (const chunk of child.stdout.pipeThrough(new TextDecoderStream())) {
      buffer += chunk;
      let newline: number;
      while ((newline = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        stdoutLines.push(line);
        let message: Record<string, unknown> | undefined;
        try {
          message = JSON.parse(line);
        } catch {
          // recorded below
        }
        if (!message || message.jsonrpc !== "2.0") {
          violations.push(line);
          spec.onViolation?.(line);
          continue;
        }
        if (typeof message.id === "number") waiting.get(message.id)?.(message);
      }
    }
    if (buffer) {
      stdoutLines.push(buffer);
      violations.push(buffer);
    }
  })();
  const readStderr = (async () => {
    for await (const chunk of child.stderr.pipeThrough(new TextDecoderStream())) {
      stderrText += chunk;
    }
  })();
  const exited = (async () => {
    const status = await child.status;
    running = false;
    await Promise.all([readStdout, readStderr]);
    for (const resolve of waiting.values()) {
      resolve({ jsonrpc: "2.0", error: { code: -1, message: "server exited" } });
    }
    return status;
  })();

  let nextId = 1;
  const send = async (message: unknown) => {
    await writer.write(encoder.encode(JSON.stringify(message) + "\n"));
  };
  const request = async (method: string, params?: unknown, timeoutMs = 30_000) => {
    const id = nextId++;
    const answer = new Promise<Record<string, unknown>>((resolve) => waiting.set(id, resolve));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer to ${method} in ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      await send({ jsonrpc: "2.0", id, method, params });
      return await Promise.race([answer, timeout]);
    } finally {
      clearTimeout(timer);
      waiting.delete(id);
    }
  };

  return {
    request,
    notify: (method, params) => send({ jsonrpc: "2.0", method, params }),
    async callTool(name, args) {
      const message = await request("tools/call", { name, arguments: args });
      if (message.error) throw new Error(`JSON-RPC error: ${JSON.stringify(message.error)}`);
      return message.result as ToolResult;
    },
    writeRaw: async (text) => {
      await writer.write(encoder.encode(text));
    },
    stdoutLines,
    violations,
    stderr: () => stderrText,
    pid: child.pid,
    exited,
    get running() {
      return running;
    },
    async closeStdin() {
      await writer.close().catch(() => {});
      return await exited;
    },
    signal(signal) {
      if (!running) return;
      try {
        child.kill(signal);
      } catch {
        // already gone
      }
    },
    async kill() {
      if (running) {
        try {
          child.kill("SIGKILL");
        } catch {
          // already gone
        }
      }
      await writer.close().catch(() => {});
      await exited;
    },
    process: child,
  };
}

/** Sends `initialize` and `notifications/initialized`; resolves with the initialize response. */
export async function initialize(server: StdioServer): Promise<Record<string, unknown>> {
  let answer: Record<string, unknown>;
  try {
    answer = await server.request("initialize", {
      protocolVersion: "2025-06-18",
      capabilities: {},
      clientInfo: { name: "backlog-mcp-driver", version: "1.0.0" },
    });
  } catch (error) {
    answer = { error: String(error) };
  }
  if (answer.error) {
    // A server that died (or never spoke) is explained by what it printed on stderr.
    if (!server.running) await server.exited;
    throw new Error(
      `initialize failed: ${JSON.stringify(answer.error)}; the server's stderr:\n${
        server.stderr().trim() || "(empty)"
      }`,
    );
  }
  await server.notify("notifications/initialized");
  return answer;
}

/** Resident set size of a process in bytes (Linux `/proc`); undefined elsewhere. */
export function processRss(pid: number): number | undefined {
  try {
    const status = Deno.readTextFileSync(`/proc/${pid}/status`);
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** The text of a tool result. */
export function resultText(result: ToolResult): string {
  return (result.content ?? []).map((c) => c.type === "text" ? c.text : "").join("\n");
}
