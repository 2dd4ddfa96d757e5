/**
 * backlog-mcp as a library: the MCP server for a person's Nulab Backlog
 * issues, for a program that embeds it (its own transport, its own
 * configuration, or just the Backlog client). The command line entry is
 * `src/main.ts` (`bin/mcp`); this module is what it is built from.
 *
 * Create the server from a configuration and connect it to any MCP
 * transport:
 *
 * ```ts
 * import { createServer, parseConfig, silentLogger } from "@backlog-mcp/server";
 * import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
 *
 * const env: Record<string, string> = {
 *   BACKLOG_API_KEY: "your-api-key",
 *   BACKLOG_DOMAIN: "example.backlog.com",
 * };
 * const config = parseConfig((name) => env[name]);
 * const { server } = createServer({ config, logger: silentLogger });
 * const [, serverSide] = InMemoryTransport.createLinkedPair();
 * await server.connect(serverSide);
 * ```
 *
 * Or serve over stdio as `bin/mcp` does ({@linkcode serveStdio}; it reads the
 * environment with {@linkcode loadConfig} unless given a configuration), or
 * talk to Backlog directly ({@linkcode connectBacklog}), the same client the
 * server's tools use:
 *
 * ```ts
 * import { BacklogError, connectBacklog, loadConfig, silentLogger } from "@backlog-mcp/server";
 *
 * const result = loadConfig();
 * if (result.ok) {
 *   const { api } = connectBacklog(result.config, { logger: silentLogger });
 *   try {
 *     console.log((await api.getMyself()).name);
 *   } catch (error) {
 *     if (error instanceof BacklogError) console.error(error.kind, error.message);
 *   }
 * }
 * ```
 *
 * Nothing here loads the tooling (the Backlog stand-in, the benchmark, the
 * demo, the doctor).
 *
 * @module
 */

// The server.
export {
  type CreatedServer,
  createServer,
  SERVER_INFO,
  type ServerOptions,
  TOOLS,
} from "./src/server.ts";
export { serveStdio, type StdioOptions } from "./src/serve_stdio.ts";
export type { AnyObjectSchema, ToolContext, ToolDefinition, ToolOutput } from "./src/tools/tool.ts";
export { ToolInputError } from "./src/shared/input_error.ts";
export type { WarmUpReport } from "./src/warmup.ts";
export { type BacklogSession, openSession, type SessionOptions } from "./src/session.ts";

// Configuration and logging.
export {
  type ApiKeyTransport,
  type Config,
  CONFIG_VARIABLES,
  type ConfigProblem,
  type ConfigResult,
  type ConfigVariable,
  describeProblems,
  loadConfig,
  parseConfig,
  type SwitchOrigins,
} from "./src/config/config.ts";
export {
  createLogger,
  type Logger,
  type LoggerOptions,
  type LogLevel,
  silentLogger,
} from "./src/log.ts";

// The Backlog client, its errors and the shapes of Backlog's answers.
export {
  type BacklogConnection,
  type BacklogSettings,
  connectBacklog,
  type ConnectOptions,
} from "./src/backlog/connect.ts";
export {
  BacklogApi,
  type CommentQuery,
  type IdPageQuery,
  type IssueForm,
  type IssueQuery,
  type WatchingQuery,
} from "./src/backlog/api.ts";
export {
  type ApiPathSegments,
  BacklogClient,
  type BacklogRequests,
  type RequestSpec,
  type RetryPolicy,
} from "./src/backlog/client.ts";
export type { Method } from "./src/backlog/request.ts";
export type { Params, ParamValue } from "./src/backlog/query.ts";
export {
  BacklogError,
  type BacklogErrorEntry,
  type BacklogErrorKind,
} from "./src/backlog/errors.ts";
export * from "./src/backlog/types.ts";
export type { Metadata } from "./src/backlog/metadata.ts";
export type { ProjectScope } from "./src/resolve/scope.ts";
