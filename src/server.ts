/**
 * Builds the MCP server: configuration in, registered tools out. Transport
 * agnostic, so tests can connect it in-process and main.ts over stdio.
 *
 * @module
 */

import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import denoJson from "../deno.json" with { type: "json" };
import { BacklogApi } from "./backlog/api.ts";
import { BacklogClient, type RetryPolicy } from "./backlog/client.ts";
import { Metadata } from "./backlog/metadata.ts";
import { type ConfigResult, describeProblems } from "./config/config.ts";
import type { Logger } from "./log.ts";
import { getIssueDetails } from "./tools/get_issue_details.ts";
import { getUserIssueList } from "./tools/get_user_issue_list.ts";
import {
  type ContextSource,
  registerTools,
  type ToolContext,
  type ToolDefinition,
} from "./tools/tool.ts";

/** Every tool this server offers. */
export const TOOLS: readonly ToolDefinition[] = [getIssueDetails, getUserIssueList];

/** Server name and version announced in `initialize`. */
export const SERVER_INFO = { name: "backlog-mcp", version: denoJson.version };

const INSTRUCTIONS =
  "Tools for the user's own Nulab Backlog issues. get_user_issue_list lists issues (default: the user's open issues); get_issue_details shows one issue with comments. Times are shown in the requested IANA timezone; start and due dates are calendar dates.";

/** Options for {@linkcode createServer}. */
export interface ServerOptions {
  config: ConfigResult;
  logger: Logger;
  /** Injected for tests. */
  fetch?: typeof fetch;
  retry?: Partial<RetryPolicy>;
  now?: () => Date;
}

/** The server and, when configured, the context its tools use (exposed for tests). */
export interface CreatedServer {
  server: McpServer;
  context?: ToolContext;
}

/** Creates the MCP server with every tool registered. A bad configuration still yields a server. */
export function createServer(options: ServerOptions): CreatedServer {
  const { config: result, logger } = options;
  const server = new McpServer(SERVER_INFO, {
    instructions: INSTRUCTIONS,
    capabilities: { tools: { listChanged: false } },
  });

  let context: ToolContext | undefined;
  if (result.ok) {
    const { config } = result;
    const client = new BacklogClient({
      baseUrl: config.baseUrl,
      apiKey: config.apiKey,
      transport: config.apiKeyTransport,
      timeoutMs: config.requestTimeoutMs,
      logger,
      fetch: options.fetch,
      retry: options.retry,
    });
    const api = new BacklogApi(client);
    context = {
      config,
      api,
      metadata: new Metadata(api, config.cacheTtlMs),
      logger,
      now: options.now ?? (() => new Date()),
    };
    for (const note of result.notes) logger.info(note);
  } else {
    logger.warn(describeProblems(result.problems));
  }

  const unavailable = result.ok ? "" : describeProblems(result.problems);
  const source: ContextSource = () => Promise.resolve(context ?? { unavailable });
  registerTools(server, TOOLS, source, logger, result.secrets);
  return { server, context };
}
