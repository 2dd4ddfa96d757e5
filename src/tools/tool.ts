/**
 * The tool factory: a tool is a name, a description written for a model, zod
 * input/output schemas, MCP annotations and a handler that returns text plus
 * structured data. Registration adds what every tool needs the same way:
 * configuration errors, error-to-`isError` conversion and redaction.
 *
 * @module
 */

import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import {
  CallToolRequestSchema,
  type CallToolResult,
  type ToolAnnotations,
} from "@modelcontextprotocol/sdk/types.js";
import type { z } from "zod";
import type { BacklogApi } from "../backlog/api.ts";
import { BacklogError } from "../backlog/errors.ts";
import type { Metadata } from "../backlog/metadata.ts";
import { ToolInputError } from "../shared/input_error.ts";
import { redactDeep, redactSecrets } from "../shared/redact.ts";
import { safeDeep, safeLine, safeText } from "../render/sanitize.ts";
import type { Config } from "../config/config.ts";
import type { Logger } from "../log.ts";
import type { ProjectScope } from "../resolve/scope.ts";

/** What a handler gets besides its arguments. */
export interface ToolContext {
  config: Config;
  api: BacklogApi;
  metadata: Metadata;
  /** The project allowlist every tool enforces. */
  scope: ProjectScope;
  logger: Logger;
  /** The clock (tests pin it). */
  now: () => Date;
  /** Aborts when the client cancels the call; `api` already stops its requests then. */
  signal?: AbortSignal;
}

/** A handler's answer: text for the model, structured data for programs. */
export interface ToolOutput<S> {
  text: string;
  structured: S;
  /** Images shown after the text (MCP image content: base64 data and media type). */
  images?: { data: string; mimeType: string }[];
}

// Any zod object schema; the tool list holds tools of different shapes.
// deno-lint-ignore no-explicit-any
type AnyObjectSchema = z.ZodObject<any>;

/** A tool definition; see the module doc. */
export interface ToolDefinition<
  I extends AnyObjectSchema = AnyObjectSchema,
  O extends AnyObjectSchema = AnyObjectSchema,
> {
  name: string;
  title: string;
  description: string;
  inputSchema: I;
  outputSchema: O;
  annotations: ToolAnnotations;
  handler(args: z.infer<I>, ctx: ToolContext): Promise<ToolOutput<z.infer<O>>>;
}

/** Annotations of a tool that only reads Backlog. */
export const READS_BACKLOG: ToolAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
};

/** Annotations of a tool that adds to Backlog without overwriting anything; calling it twice adds twice. */
export const ADDS_TO_BACKLOG: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: false,
  openWorldHint: true,
};

/** Identity helper that keeps the schema types attached to the handler. */
export function defineTool<I extends AnyObjectSchema, O extends AnyObjectSchema>(
  definition: ToolDefinition<I, O>,
): ToolDefinition<I, O> {
  return definition;
}

/** Either a ready context, or the sentence to answer every call with. */
export type ContextSource = () => Promise<ToolContext | { unavailable: string }>;

/** Registers `tools` on `server`, wrapping each handler with the shared error handling. */
export function registerTools(
  server: McpServer,
  tools: readonly ToolDefinition[],
  context: ContextSource,
  logger: Logger,
  secrets: readonly string[],
): void {
  for (const tool of tools) {
    const run = async (
      args: Record<string, unknown>,
      extra?: { signal?: AbortSignal },
    ): Promise<CallToolResult> => {
      const started = Date.now();
      try {
        const ctx = await context();
        if ("unavailable" in ctx) return errorResult(ctx.unavailable, secrets);
        const output = await tool.handler(args, forCall(ctx, extra?.signal));
        logger.debug("tool call", { tool: tool.name, ms: Date.now() - started });
        const images = (output.images ?? []).map((i) => ({ type: "image" as const, ...i }));
        // Value by value, never over serialized JSON: no text can change the structure.
        return {
          content: [
            { type: "text", text: redactSecrets(safeText(output.text), secrets) },
            ...images,
          ],
          structuredContent: redactDeep(safeDeep(output.structured), secrets),
        };
      } catch (error) {
        return errorResult(describeError(tool.name, error, logger), secrets);
      }
    };
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.inputSchema,
        outputSchema: tool.outputSchema,
        annotations: tool.annotations,
      },
      // The SDK types the callback from the schema generics, which a list of mixed tools erases.
      run as unknown as Parameters<McpServer["registerTool"]>[2],
    );
  }
}

/** The context of one call: its Backlog requests stop once the client cancels it. */
function forCall(ctx: ToolContext, signal: AbortSignal | undefined): ToolContext {
  return { ...ctx, signal, api: ctx.api.forCall(signal) };
}

/**
 * Makes calls to tools that were deliberately not registered (read-only mode)
 * answer with `reason` instead of the SDK's bare "Tool X not found". It wraps
 * the tools/call handler the SDK installs at the first registration, so it
 * must run before any tool is registered (and the McpServer must be created
 * without `capabilities.tools`, which installs the handler at once). Returns a
 * check that the wrapper was installed.
 */
export function explainWithheldTools(
  server: McpServer,
  withheld: readonly string[],
  reason: (name: string) => string,
): () => boolean {
  let installed = false;
  if (withheld.length === 0) return () => true;
  const low = server.server;
  // The SDK's handler types are generic over every request schema; only tools/call matters here.
  type Handler = (request: { params: { name: string } }, extra: unknown) => unknown;
  type Install = (schema: unknown, handler: Handler) => void;
  const install = low.setRequestHandler.bind(low) as unknown as Install;
  const wrapped: Install = (schema, handler) => {
    if (schema !== CallToolRequestSchema) return install(schema, handler);
    installed = true;
    install(schema, (request, extra) => {
      if (!withheld.includes(request.params.name)) return handler(request, extra);
      const result: CallToolResult = {
        content: [{ type: "text", text: reason(request.params.name) }],
        isError: true,
      };
      return result;
    });
  };
  low.setRequestHandler = wrapped as unknown as typeof low.setRequestHandler;
  return () => installed;
}

/** The text a user sees for a failed call. Unexpected errors are logged with their stack. */
export function describeError(toolName: string, error: unknown, logger: Logger): string {
  if (error instanceof ToolInputError) return `Invalid ${error.parameter}: ${error.message}`;
  if (error instanceof BacklogError) {
    logger.info("backlog error", { tool: toolName, kind: error.kind, status: error.status });
    return error.message;
  }
  logger.error("unexpected error in tool", {
    tool: toolName,
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  const detail = error instanceof Error ? error.message : String(error);
  return `${toolName} failed unexpectedly (${detail}). This is a bug in backlog-mcp; the details are in its log (stderr).`;
}

function errorResult(text: string, secrets: readonly string[]): CallToolResult {
  return {
    // Error texts are one sentence; flattened, a name quoted in one cannot forge a line.
    content: [{ type: "text", text: redactSecrets(safeLine(text), secrets) }],
    isError: true,
  };
}
