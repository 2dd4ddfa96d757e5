/**
 * Registration: answers `tools/list` and `tools/call` for a list of tool
 * definitions on the SDK's low-level server, the same way for every tool:
 * the listed JSON Schemas (src/tools/json_schema.ts), argument validation
 * with errors that name the parameter, configuration errors, error-to-`isError`
 * conversion, the last cut to BACKLOG_MAX_RESULT_CHARS, and redaction.
 *
 * @module
 */

import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  type CallToolRequest,
  CallToolRequestSchema,
  type CallToolResult,
  ListToolsRequestSchema,
  type Tool,
} from "@modelcontextprotocol/sdk/types.js";
import type { z } from "zod";
import { BacklogError } from "../backlog/errors.ts";
import type { Logger } from "../log.ts";
import { boundJson, boundText } from "../render/fit.ts";
import { ToolInputError } from "../shared/input_error.ts";
import { redactDeep, redactSecrets } from "../shared/redact.ts";
import { safeDeep, safeLine, safeText } from "../render/sanitize.ts";
import { inputJsonSchema, outputJsonSchema } from "../tools/json_schema.ts";
import type { ToolContext, ToolDefinition, ToolOutput } from "../tools/tool.ts";

/**
 * Parameters clients add to every tool on their own, accepted and ignored:
 * Gemini CLI's `wait_for_previous` (it offers the model a boolean on every
 * tool and forwards it in `tools/call`).
 */
export const CLIENT_PARAMETERS: readonly string[] = ["wait_for_previous"];

/** Either a ready context, or the sentence to answer every call with. */
export type ContextSource = () => Promise<ToolContext | { unavailable: string }>;

/** Options of {@linkcode registerTools}. */
export interface RegisterOptions {
  /** The tools to list and run. */
  tools: readonly ToolDefinition[];
  /** Tools deliberately left out (read-only mode) and the sentence a call to one gets. */
  withheld?: { names: readonly string[]; reason: (name: string) => string };
  context: ContextSource;
  logger: Logger;
  /** Values redacted from every answer (the API key). */
  secrets: readonly string[];
  /** List output schemas and send structuredContent (BACKLOG_STRUCTURED_OUTPUT). */
  structuredOutput: boolean;
  /** BACKLOG_MAX_RESULT_CHARS. */
  maxResultChars: number;
}

/** The `tools/list` entry of `tool`. */
export function listedTool(tool: ToolDefinition, structuredOutput: boolean): Tool {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: inputJsonSchema(tool.inputSchema) as Tool["inputSchema"],
    ...(structuredOutput
      ? { outputSchema: outputJsonSchema(tool.outputSchema) as Tool["outputSchema"] }
      : {}),
    annotations: tool.annotations,
  };
}

/** Installs the `tools/list` and `tools/call` handlers (the server must declare `tools`). */
export function registerTools(server: Server, options: RegisterOptions): void {
  const { tools, context, logger, secrets, structuredOutput, maxResultChars } = options;
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  // Computed once: the list never changes while the server runs.
  const listed = tools.map((tool) => listedTool(tool, structuredOutput));

  const run = async (
    tool: ToolDefinition,
    args: unknown,
    signal?: AbortSignal,
  ): Promise<CallToolResult> => {
    const started = Date.now();
    try {
      const parsed = tool.inputSchema.safeParse(withoutClientParameters(args));
      if (!parsed.success) return errorResult(describeInvalid(tool.name, parsed.error), secrets);
      const ctx = await context();
      if ("unavailable" in ctx) return errorResult(ctx.unavailable, secrets);
      const output = await tool.handler(parsed.data, forCall(ctx, signal));
      logger.debug("tool call", { tool: tool.name, ms: Date.now() - started });
      return toResult(tool, output);
    } catch (error) {
      return errorResult(describeError(tool.name, error, logger), secrets);
    }
  };

  const toResult = (tool: ToolDefinition, output: ToolOutput<unknown>): CallToolResult => {
    const safe = safeText(output.text);
    const text = boundText(safe, maxResultChars);
    if (text !== safe) logger.warn("result text cut", { tool: tool.name });
    const images = (output.images ?? []).map((i) => ({ type: "image" as const, ...i }));
    const result: CallToolResult = {
      content: [{ type: "text", text: redactSecrets(text, secrets) }, ...images],
    };
    if (structuredOutput) {
      const checked = tool.outputSchema.safeParse(output.structured);
      if (!checked.success) {
        throw new Error(`its answer does not match its output schema: ${checked.error.message}`);
      }
      // The parsed value: exactly the schema's fields (nothing a client's validator would refuse).
      const structured = boundJson(checked.data, maxResultChars);
      if (structured !== checked.data) logger.warn("result JSON cut", { tool: tool.name });
      // Value by value, never over serialized JSON: no text can change the structure.
      result.structuredContent = redactDeep(safeDeep(structured), secrets) as Record<
        string,
        unknown
      >;
    }
    return result;
  };

  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: listed }));
  server.setRequestHandler(
    CallToolRequestSchema,
    (request: CallToolRequest, extra: { signal?: AbortSignal }) => {
      const { name, arguments: args } = request.params;
      const tool = byName.get(name);
      if (tool) return run(tool, args, extra.signal);
      const reason = options.withheld?.names.includes(name)
        ? options.withheld.reason(name)
        : `Tool ${name} not found. Available tools: ${tools.map((t) => t.name).join(", ")}.`;
      return errorResult(reason, secrets);
    },
  );
}

/** The context of one call: its Backlog requests stop once the client cancels it. */
function forCall(ctx: ToolContext, signal: AbortSignal | undefined): ToolContext {
  return { ...ctx, signal, api: ctx.api.forCall(signal) };
}

function withoutClientParameters(args: unknown): unknown {
  if (!args || typeof args !== "object" || Array.isArray(args)) return args ?? {};
  const rest = { ...args } as Record<string, unknown>;
  for (const name of CLIENT_PARAMETERS) delete rest[name];
  return rest;
}

/** `Invalid arguments for get_issue_details: issue_key must look like PROJ-123 …`. */
function describeInvalid(toolName: string, error: z.ZodError): string {
  const messages = error.issues.map((issue) => {
    const at = issue.path.map(String).join(".");
    return at && !issue.message.includes(String(issue.path[0]))
      ? `${at}: ${issue.message}`
      : issue.message;
  });
  return `Invalid arguments for ${toolName}: ${[...new Set(messages)].join("; ")}`;
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
