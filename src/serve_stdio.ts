/**
 * The server over stdio: configuration, logger, MCP server, transport and the
 * lifecycle (stdin closed or a signal → answer what arrived, then exit).
 * `main.ts` runs it on the process's stdin; the fast start (`fast_start.ts`)
 * runs it on a stream it feeds, after it has answered the first requests itself.
 *
 * @module
 */

import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import { type ConfigResult, loadConfig } from "./config/config.ts";
import { createLogger, type Logger } from "./log.ts";
import { createServer, SERVER_INFO } from "./server.ts";
import type { BacklogSession } from "./session.ts";
import { PendingRequests, StdioTransport } from "./stdio.ts";

/** Options for {@linkcode serveStdio}; the defaults are the plain `deno run src/main.ts`. */
export interface StdioOptions {
  /** Where messages come from (default: the process's stdin). */
  input?: ReadableStream<Uint8Array>;
  /** The configuration, when the caller has parsed it already. */
  config?: ConfigResult;
  /**
   * Sees every outgoing message first; true keeps it from stdout (an answer
   * to a request the fast start answered already and replayed to the server).
   */
  intercept?: (message: JSONRPCMessage, logger: Logger) => boolean;
  /** The fast start's Backlog session, warming up while this module loaded (its logger is used). */
  session?: BacklogSession;
}

/** Serves MCP over stdio until the input ends or a signal arrives; resolves once connected. */
export async function serveStdio(options: StdioOptions = {}): Promise<void> {
  const config = options.config ?? loadConfig();
  const logger = options.session?.logger ?? createLogger({
    level: config.ok ? config.config.logLevel : "info",
    secrets: config.secrets,
  });
  // Fed by the fast start (intercept set), the client's initialize was answered already.
  const { server } = createServer({
    config,
    logger,
    warmUp: options.intercept ? "now" : true,
    session: options.session,
  });
  const pending = new PendingRequests();

  let closing = false;
  async function shutdown(reason: string): Promise<never> {
    if (!closing) {
      closing = true;
      logger.info(`shutting down (${reason})`);
      // Let calls already received answer, but exit within a second whatever happens.
      await pending.settle(500);
      // Answers handed to stdout are written asynchronously: let them reach the client.
      await Promise.race([transport.flushed(), new Promise((r) => setTimeout(r, 200))]);
      await Promise.race([server.close(), new Promise((r) => setTimeout(r, 100))]).catch(() => {});
    }
    Deno.exit(0);
  }

  const transport = new StdioTransport({
    input: options.input,
    maxMessageBytes: config.maxMessageBytes,
    logger,
    // The client closing our stdin is how stdio servers are told to stop.
    onInputEnd: () => shutdown("stdin closed"),
  });
  transport.onerror = (error) => logger.warn("stdio error", { error: error.message });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    Deno.addSignalListener(signal, () => shutdown(signal));
  }
  // A bug in one call must not take the server down for the next: log it (to
  // stderr, redacted) and carry on.
  globalThis.addEventListener("unhandledrejection", (event) => {
    event.preventDefault();
    logger.error("unhandled rejection", { reason: String(event.reason?.stack ?? event.reason) });
  });
  globalThis.addEventListener("error", (event) => {
    event.preventDefault();
    logger.error("uncaught exception", { error: String(event.error?.stack ?? event.message) });
  });

  const { intercept } = options;
  if (intercept) {
    const send = transport.send.bind(transport);
    transport.send = (message: JSONRPCMessage) =>
      intercept(message, logger) ? Promise.resolve() : send(message);
  }
  await server.connect(transport);
  // Outside the intercept: a replayed request counts as answered when the server answers it.
  pending.watch(transport);
  logger.info(`${SERVER_INFO.name} ${SERVER_INFO.version} ready on stdio`, {
    configured: config.ok,
    baseUrl: config.ok ? config.config.baseUrl : undefined,
  });
}
