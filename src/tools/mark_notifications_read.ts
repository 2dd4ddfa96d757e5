/**
 * mark_notifications_read: marks notifications read, but only ones
 * get_notifications has shown in this session — by id, or every shown one up
 * to an id that was itself shown. Anything else is refused before a request.
 *
 * @module
 */

import { MARKS_IN_BACKLOG } from "./annotations.ts";
import { BacklogError } from "../backlog/errors.ts";
import { notificationsMarkedSchema, renderMarkedText } from "../render/notifications.ts";
import { ToolInputError } from "../shared/input_error.ts";
import { idListParam, idParam, toolInput } from "./params.ts";
import { shownNotifications } from "./shown_notifications.ts";
import { defineTool } from "./tool.ts";

const inputSchema = toolInput({
  ids: idListParam("ids", "Shown ids."),
  up_to_id: idParam("up_to_id", "notification").optional().describe(
    "Or: all shown ones up to this shown id.",
  ),
});

/** The mark_notifications_read tool. */
export const markNotificationsRead = defineTool({
  name: "mark_notifications_read",
  title: "Mark Backlog notifications read",
  description:
    "Use when asked to mark notifications read; only ones get_notifications showed in this session.",
  inputSchema,
  outputSchema: notificationsMarkedSchema,
  annotations: MARKS_IN_BACKLOG,
  async handler(args, ctx) {
    const byIds = args.ids !== undefined && args.ids.length > 0;
    if (byIds === (args.up_to_id !== undefined)) {
      throw new ToolInputError("ids", "pass either ids (a list) or up_to_id, not both or neither.");
    }
    const shown = shownNotifications(ctx);
    if (shown.size === 0) {
      throw new ToolInputError(
        byIds ? "ids" : "up_to_id",
        "no notification has been shown in this session yet: call get_notifications first; only notifications it showed can be marked read. Nothing was marked.",
      );
    }
    let targets: number[];
    if (byIds) {
      const unseen = [...new Set(args.ids!)].filter((id) => !shown.has(id));
      if (unseen.length) {
        throw new ToolInputError(
          "ids",
          `${unseen.map((id) => `#${id}`).join(", ")} ${
            unseen.length === 1 ? "was" : "were"
          } not shown by get_notifications in this session, so nothing was marked; pass only ids it showed.`,
        );
      }
      targets = [...new Set(args.ids!)];
    } else {
      if (!shown.has(args.up_to_id!)) {
        throw new ToolInputError(
          "up_to_id",
          `#${args.up_to_id} was not shown by get_notifications in this session; pass an id it showed. Nothing was marked.`,
        );
      }
      targets = [...shown.keys()].filter((id) => id <= args.up_to_id!);
    }
    targets.sort((a, b) => b - a);
    const alreadyRead = targets.filter((id) => shown.get(id));
    const marked: number[] = [];
    let failure: { ids: number[]; message: string } | undefined;
    for (const id of targets.filter((id) => !shown.get(id))) {
      try {
        await ctx.api.markNotificationRead(id);
      } catch (error) {
        // Nothing applied yet: an ordinary failure. Otherwise the ones marked are reported.
        if (marked.length === 0) throw error;
        const rest = targets.filter((t) => !shown.get(t) && !marked.includes(t));
        failure = {
          ids: rest,
          message: error instanceof BacklogError ? error.message : String(error),
        };
        break;
      }
      marked.push(id);
      shown.set(id, true);
    }
    const unreadTotal = ctx.scope.restricted || failure
      ? null
      : await ctx.api.countNotifications({ alreadyRead: false }).catch(() => null);
    const result = {
      marked,
      already_read: alreadyRead,
      failed: failure?.ids ?? [],
      error: failure?.message ?? null,
      unread_total: unreadTotal,
    };
    return { text: renderMarkedText(result), structured: result };
  },
});
