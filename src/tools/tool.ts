/**
 * What a tool is. Every tool file exports one `defineTool({...})`:
 *
 * ```ts
 * export const getThing = defineTool({
 *   name: "get_thing",               // snake_case, verb first
 *   title: "Get a Backlog thing",    // short, for client UIs
 *   description: "Use when … Returns …", // for a model; say each thing once (≤ 1,024 chars)
 *   inputSchema: toolInput({ ... }), // zod, from ./params.ts; tools/list shows it as JSON Schema
 *   outputSchema: thingSchema,       // zod, from src/render/; the shape of `structured`
 *   annotations: READS_BACKLOG,      // a preset of annotations.ts
 *   async handler(args, ctx) {       // never builds URLs or parses HTTP
 *     return { text: renderThingText(view), structured: view };
 *   },
 * });
 * ```
 *
 * The text is what models read. `structured` (valid against `outputSchema`,
 * and compact: rows as arrays, absent values left out) is sent as
 * structuredContent, and `outputSchema` listed, only when
 * BACKLOG_STRUCTURED_OUTPUT=true. Both are bounded by BACKLOG_MAX_RESULT_CHARS
 * (lists: fit rows with `fitRows` from src/render/fit.ts; a last cut in
 * src/server/register.ts catches the rest). Registration, validation and error
 * handling live in src/server/register.ts.
 *
 * @module
 */

import type { ToolAnnotations } from "@modelcontextprotocol/sdk/types.js";
import type { z } from "zod";
import type { BacklogApi } from "../backlog/api.ts";
import type { Metadata } from "../backlog/metadata.ts";
import type { Config } from "../config/config.ts";
import type { Logger } from "../log.ts";
import type { ProjectScope } from "../resolve/scope.ts";

/** What a handler gets besides its arguments. */
export interface ToolContext {
  /** The configuration, parsed once at start. */
  config: Config;
  /** The Backlog endpoints (bound to this call's cancellation). */
  api: BacklogApi;
  /** Cached metadata: projects, statuses, users and the like. */
  metadata: Metadata;
  /** The project allowlist every tool enforces. */
  scope: ProjectScope;
  /** The stderr logger (redacting). */
  logger: Logger;
  /** The clock (tests pin it). */
  now: () => Date;
  /** Aborts when the client cancels the call; `api` already stops its requests then. */
  signal?: AbortSignal;
}

/** A handler's answer: text for the model, structured data for programs. */
export interface ToolOutput<S> {
  /** What the model reads. */
  text: string;
  /** The same answer as data, valid against the tool's `outputSchema`. */
  structured: S;
  /** Images shown after the text (MCP image content: base64 data and media type). */
  images?: { data: string; mimeType: string }[];
}

/** Any zod object schema: the tool list holds tools of different shapes. */
// deno-lint-ignore no-explicit-any
export type AnyObjectSchema = z.ZodObject<any>;

/** A tool definition; see the module doc. */
export interface ToolDefinition<
  I extends AnyObjectSchema = AnyObjectSchema,
  O extends AnyObjectSchema = AnyObjectSchema,
> {
  /** snake_case, verb first, e.g. `get_issue_details`. */
  name: string;
  /** A short title for client UIs. */
  title: string;
  /** For a model: when to use the tool and what it returns. */
  description: string;
  /** The arguments (zod); tools/list shows them as JSON Schema. */
  inputSchema: I;
  /** The shape of `structured` (zod). */
  outputSchema: O;
  /** MCP hints: read-only, destructive, idempotent, open world. */
  annotations: ToolAnnotations;
  /** Answers one call with arguments already validated against `inputSchema`. */
  handler(args: z.infer<I>, ctx: ToolContext): Promise<ToolOutput<z.infer<O>>>;
}

/** Identity helper that keeps the schema types attached to the handler. */
export function defineTool<I extends AnyObjectSchema, O extends AnyObjectSchema>(
  definition: ToolDefinition<I, O>,
): ToolDefinition<I, O> {
  return definition;
}
