/**
 * Stdio: the transport that reads one JSON-RPC message per line with bounded
 * memory and answers every bad line, and the lifecycle (the client closing
 * stdin is how a stdio server is told to stop; requests that arrived just
 * before the close, as with `printf … | server`, still get their answers, yet
 * the process is gone within a second).
 *
 * @module
 */

import type {
  Transport,
  TransportSendOptions,
} from "@modelcontextprotocol/sdk/shared/transport.js";
import {
  type JSONRPCMessage,
  JSONRPCMessageSchema,
  type MessageExtraInfo,
} from "@modelcontextprotocol/sdk/types.js";
import type { Logger } from "./log.ts";
import { LineSplitter } from "./stdio_lines.ts";

/** Requests received and not yet answered, by JSON-RPC id. */
export class PendingRequests {
  readonly #ids = new Set<string | number>();

  /** Wraps `transport` (after `server.connect`) to count requests in and responses out. */
  watch(transport: Transport): void {
    const receive = transport.onmessage;
    transport.onmessage = (message: JSONRPCMessage, extra?: MessageExtraInfo) => {
      if ("method" in message && "id" in message) this.#ids.add(message.id);
      receive?.(message, extra);
    };
    const send = transport.send.bind(transport);
    transport.send = (message: JSONRPCMessage, options?: TransportSendOptions) => {
      if (!("method" in message) && "id" in message) this.#ids.delete(message.id);
      return send(message, options);
    };
  }

  /** How many requests await an answer. */
  get size(): number {
    return this.#ids.size;
  }

  /** Resolves once every request is answered, or after `maxMs`. */
  async settle(maxMs: number, pollMs = 10): Promise<void> {
    const deadline = Date.now() + maxMs;
    while (this.#ids.size > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }
}

/** JSON-RPC error codes this transport answers with. */
export const PARSE_ERROR = -32700;
/** Invalid Request: not a JSON-RPC message, a batch, or too large. */
export const INVALID_REQUEST = -32600;

/** Options of {@linkcode StdioTransport}. */
export interface StdioOptions {
  /** Where messages come from; default stdin. */
  input?: ReadableStream<Uint8Array>;
  /** Where messages go; default stdout. */
  output?: WritableStream<Uint8Array>;
  /** Lines longer than this many bytes are refused without being held in memory. */
  maxMessageBytes: number;
  logger: Logger;
  /** Called once the input has ended (the client closed stdin). */
  onInputEnd?: () => void;
}

/**
 * MCP over stdio: one JSON-RPC message per line. Unlike the SDK's transport,
 * whose buffer ends the session when a line passes 10 MiB and which answers
 * nothing to a line it cannot parse, every bad line gets its JSON-RPC error
 * (and a log line) and the next line is served: a line that is not JSON gets
 * -32700; a batch (MCP 2025-06-18 removed batching) or anything else that is
 * not a JSON-RPC message gets -32600; so does a line past the size limit,
 * whose bytes are skimmed for its id but never kept.
 */
export class StdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage, extra?: MessageExtraInfo) => void;

  readonly #options: StdioOptions;
  readonly #encoder = new TextEncoder();
  #writer?: WritableStreamDefaultWriter<Uint8Array>;
  #reader?: ReadableStreamDefaultReader<Uint8Array>;
  /** The last write queued: stdout writes are asynchronous, and exit must not cut one off. */
  #written: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(options: StdioOptions) {
    this.#options = options;
  }

  start(): Promise<void> {
    const input = this.#options.input ?? Deno.stdin.readable;
    this.#writer = (this.#options.output ?? Deno.stdout.writable).getWriter();
    this.#reader = input.getReader();
    this.#read(this.#reader);
    return Promise.resolve();
  }

  send(message: JSONRPCMessage): Promise<void> {
    const writer = this.#writer;
    if (!writer) return Promise.reject(new Error("StdioTransport: send before start"));
    const written = writer.write(this.#encoder.encode(JSON.stringify(message) + "\n"));
    this.#written = written.catch(() => {});
    return written;
  }

  /** Resolves once every message sent so far is written out. */
  flushed(): Promise<void> {
    return this.#written;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#reader?.cancel().catch(() => {});
    this.onclose?.();
  }

  async #read(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
    const lines = new LineSplitter(this.#options.maxMessageBytes, {
      line: (line) => this.#receive(line),
      oversize: (bytes, id) => this.#refuseOversize(bytes, id),
    });
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        lines.push(value);
      }
      lines.end();
    } catch (error) {
      if (!this.#closed) this.onerror?.(error instanceof Error ? error : new Error(String(error)));
    }
    this.#options.onInputEnd?.();
  }

  #receive(line: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      this.#refuse(
        null,
        {
          code: PARSE_ERROR,
          message: "Parse error: the line is not JSON. Send one JSON-RPC message per line.",
        },
        { bytes: line.length },
      );
      return;
    }
    if (Array.isArray(parsed)) {
      this.#refuse(
        null,
        {
          code: INVALID_REQUEST,
          message:
            "Invalid Request: batches are not supported (MCP 2025-06-18 removed JSON-RPC batching); send one message per line.",
        },
        { batch: parsed.length },
      );
      return;
    }
    const checked = JSONRPCMessageSchema.safeParse(parsed);
    if (checked.success) {
      this.onmessage?.(checked.data);
      return;
    }
    const id = requestId(parsed);
    const record = parsed !== null && typeof parsed === "object" ? parsed : {};
    if ("method" in record && !("id" in record)) {
      // A notification is never answered, not even with an error.
      this.#options.logger.warn("stdin: ignored a notification that is not valid JSON-RPC", {
        method: String((record as { method: unknown }).method).slice(0, 60),
      });
      return;
    }
    this.#refuse(
      id,
      {
        code: INVALID_REQUEST,
        message:
          'Invalid Request: not a JSON-RPC 2.0 message (it needs "jsonrpc": "2.0" and a method, or a result or error, with an id).',
      },
    );
  }

  #refuseOversize(bytes: number, id: string | number | null): void {
    const limit = this.#options.maxMessageBytes;
    this.#refuse(
      id,
      {
        code: INVALID_REQUEST,
        message:
          `Invalid Request: the message is ${bytes} bytes, more than this server reads (${limit} bytes, BACKLOG_MAX_MESSAGE_MB); it was not processed.`,
      },
      { bytes, limit },
    );
  }

  /** Answers request `id` with `error`, logging it with `fields`. */
  #refuse(
    id: string | number | null,
    error: { code: number; message: string },
    fields: Record<string, unknown> = {},
  ): void {
    this.#options.logger.warn(`stdin: answered ${error.code}: ${error.message}`, { id, ...fields });
    const answer = { jsonrpc: "2.0" as const, id, error };
    // id null is how JSON-RPC answers a request whose id cannot be read; the SDK's type omits it.
    this.send(answer as unknown as JSONRPCMessage).catch((error) => this.onerror?.(error));
  }
}

/** The id of a parsed message, when it has a usable one. */
function requestId(message: unknown): string | number | null {
  if (message === null || typeof message !== "object" || !("id" in message)) return null;
  const id = (message as { id: unknown }).id;
  return typeof id === "string" || (typeof id === "number" && Number.isFinite(id)) ? id : null;
}
