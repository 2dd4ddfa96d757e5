/**
 * The annotations of each kind of tool, so that every tool says what it does
 * to Backlog with one word (clients ask before running the ones that change
 * things; read-only mode keeps the readers).
 *
 * @module
 */

import type { ToolAnnotations } from "@modelcontextprotocol/sdk/types.js";

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

/** Annotations of a tool that overwrites what is in Backlog (fields of an issue). */
export const CHANGES_BACKLOG: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: false,
  openWorldHint: true,
};

/** Annotations of a tool that sets a flag in Backlog (read, for instance); setting it again changes nothing. */
export const MARKS_IN_BACKLOG: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
};

/** Annotations of a tool that turns something on or off in Backlog (off removes it); idempotent. */
export const SWITCHES_IN_BACKLOG: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: true,
  openWorldHint: true,
};
