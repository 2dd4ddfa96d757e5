/**
 * Stdio lifecycle: the client closing stdin is how a stdio server is told to
 * stop. Requests that arrived just before the close (`printf … | server`)
 * still get their answers, yet the process is gone within a second.
 *
 * @module
 */

import type {
  Transport,
  TransportSendOptions,
} from "@modelcontextprotocol/sdk/shared/transport.js";
import type { JSONRPCMessage, MessageExtraInfo } from "@modelcontextprotocol/sdk/types.js";

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
