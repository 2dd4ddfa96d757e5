/**
 * set_watching: start or stop watching an issue (as the API key's user), and
 * set the watching's note. Says when nothing needed changing.
 *
 * @module
 */

import { SWITCHES_IN_BACKLOG } from "./annotations.ts";
import { z } from "zod";
import {
  renderWatchingSetText,
  type WatchingSet,
  watchingSetSchema,
  watchingSetView,
} from "../render/watchings.ts";
import { issueInScope } from "../resolve/in_scope.ts";
import { issueKeyParam, textParam, toolInput } from "./params.ts";
import { defineTool } from "./tool.ts";

const inputSchema = toolInput({
  issue_key: issueKeyParam,
  watch: z.boolean({ error: "watch is required: true to watch, false to stop" })
    .describe("false: stop (deletes the note)."),
  note: textParam("note", 1_000, "My note on it."),
});

/** The set_watching tool. */
export const setWatching = defineTool({
  name: "set_watching",
  title: "Watch or unwatch a Backlog issue",
  description: "Use when asked to watch or stop watching an issue (as the API key's user).",
  inputSchema,
  outputSchema: watchingSetSchema,
  annotations: SWITCHES_IN_BACKLOG,
  async handler(args, ctx) {
    const { issue } = await issueInScope(ctx, { ref: args.issue_key, parameter: "issue_key" });
    const owner = await ctx.metadata.myself();
    const [existing] = await ctx.api.listWatchings(owner.id, { issueId: [issue.id], count: 1 });
    const key = issue.issueKey;
    let result: WatchingSet;
    let noteUpdated = false;
    if (args.watch) {
      if (!existing) {
        const added = await ctx.api.addWatching(key, args.note);
        result = { issue_key: key, watching: true, changed: true, note: added.note ?? null };
      } else if (args.note !== undefined && args.note !== (existing.note ?? "")) {
        const updated = await ctx.api.updateWatching(existing.id, args.note);
        result = { issue_key: key, watching: true, changed: true, note: updated.note ?? null };
        noteUpdated = true;
      } else {
        result = { issue_key: key, watching: true, changed: false, note: existing.note ?? null };
      }
    } else if (existing) {
      await ctx.api.deleteWatching(existing.id);
      result = { issue_key: key, watching: false, changed: true, note: null };
    } else {
      result = { issue_key: key, watching: false, changed: false, note: null };
    }
    const view = watchingSetView(result);
    return { text: renderWatchingSetText(view, { noteUpdated }), structured: view };
  },
});
