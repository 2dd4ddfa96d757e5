/**
 * Entry point: `deno task mcp` / `mise run mcp`. Serves MCP over stdio.
 * stdout is the JSON-RPC channel; everything else goes to stderr.
 *
 * @module
 */

import process from "node:process";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { loadConfig } from "./config/config.ts";
import { createLogger } from "./log.ts";
import { createServer, SERVER_INFO } from "./server.ts";
import { PendingRequests } from "./stdio.ts";

const config = loadConfig();
const logger = createLogger({
  level: config.ok ? config.config.logLevel : "info",
  secrets: config.secrets,
});

const { server } = createServer({ config, logger, warmUp: true });
const transport = new StdioServerTransport();
const pending = new PendingRequests();

let closing = false;
async function shutdown(reason: string): Promise<never> {
  if (!closing) {
    closing = true;
    logger.info(`shutting down (${reason})`);
    // Let calls already received answer, but exit within a second whatever happens.
    await pending.settle(500);
    await Promise.race([server.close(), new Promise((r) => setTimeout(r, 100))]).catch(() => {});
  }
  Deno.exit(0);
}

// The client closing our stdin is how stdio servers are told to stop.
process.stdin.on("end", () => shutdown("stdin closed"));
process.stdin.on("close", () => shutdown("stdin closed"));
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

await server.connect(transport);
pending.watch(transport);
logger.info(`${SERVER_INFO.name} ${SERVER_INFO.version} ready on stdio`, {
  configured: config.ok,
  baseUrl: config.ok ? config.config.baseUrl : undefined,
});
