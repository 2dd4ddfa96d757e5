/**
 * Which notifications this server has shown, so that marking as read can be
 * limited to them: a model can mark what the person saw, never what neither
 * of them has looked at. Kept per server (one per MCP session) in memory.
 *
 * @module
 */

import type { ToolContext } from "./tool.ts";

/** Shown notification id → whether it was read when shown (or since). */
export type Shown = Map<number, boolean>;

// Keyed by the session's metadata cache: one per server, the same for every call (each call
// gets its own view of `api`, bound to its cancellation signal).
const shownBy = new WeakMap<ToolContext["metadata"], Shown>();

/** Records notifications a tool answer contains. */
export function rememberShown(ctx: ToolContext, list: { id: number; read: boolean }[]): void {
  const shown = shownBy.get(ctx.metadata) ?? new Map();
  for (const n of list) shown.set(n.id, n.read);
  shownBy.set(ctx.metadata, shown);
}

/** The notifications shown so far in this session (empty before any). */
export function shownNotifications(ctx: ToolContext): Shown {
  return shownBy.get(ctx.metadata) ?? new Map();
}
