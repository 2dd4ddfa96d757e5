/**
 * get_notifications: my notifications, unread first, grouped by issue (or
 * pull request, document, project), with the unread count. What it shows is
 * remembered so that mark_notifications_read can only mark those.
 *
 * @module
 */

import { READS_BACKLOG } from "./annotations.ts";
import { PAGE_SIZE, readPages } from "../backlog/paging.ts";
import type { Notification } from "../backlog/types.ts";
import {
  groupNotifications,
  notificationNotes,
  notificationPageSchema,
  renderNotificationsText,
} from "../render/notifications.ts";
import { idParam, pagedListParams, timezoneParam, toolInput } from "./params.ts";
import { rememberShown } from "./shown_notifications.ts";
import { defineTool, type ToolContext } from "./tool.ts";
import { zoneName } from "../resolve/timezone.ts";
import { scopeTest } from "../resolve/in_scope.ts";
import { projectKeyOf } from "../backlog/issue_keys.ts";

/** Pages read at most to find the unread ones. */
const SCAN_PAGES = 3;

const inputSchema = toolInput({
  ...pagedListParams(),
  before_id: idParam("before_id", "notification").optional().describe(
    "Next page, from the answer.",
  ),
  timezone: timezoneParam,
});

/** The get_notifications tool. */
export const getNotifications = defineTool({
  name: "get_notifications",
  title: "My Backlog notifications",
  description:
    "Use when asked what needs my attention: my notifications, unread first, by issue (why, who, when, snippet), and the unread count.",
  inputSchema,
  outputSchema: notificationPageSchema,
  annotations: READS_BACKLOG,
  async handler(args, ctx) {
    const tz = await zoneName(ctx, args.timezone);
    const [unreadAll, reader] = await Promise.all([
      ctx.api.countNotifications({ alreadyRead: false }),
      readerOf(ctx),
    ]);
    const paging = args.before_id !== undefined;
    const allowedProject = await scopeTest(ctx);
    const inScope = (n: Notification) =>
      allowedProject({
        id: n.project?.id,
        key: n.project?.projectKey ?? (n.issue?.issueKey && projectKeyOf(n.issue.issueKey)),
      });
    const scan = await scanNotifications(ctx, args.before_id, (list) => {
      const allowed = list.filter(inScope);
      const unread = allowed.filter((n) => !n.alreadyRead).length;
      if (paging) return (args.unread_only ? unread : allowed.length) >= args.limit;
      const allUnreadSeen = list.filter((n) => !n.alreadyRead).length >= unreadAll;
      return unread >= args.limit ||
        (allUnreadSeen && (args.unread_only || allowed.length >= args.limit));
    });
    const allowed = scan.list.filter(inScope);
    const unread = allowed.filter((n) => !n.alreadyRead);
    const read = allowed.filter((n) => n.alreadyRead);
    // A later page lists newest first; the first puts the unread ones first.
    const shown = paging
      ? (args.unread_only ? unread : allowed).slice(0, args.limit)
      : [...unread, ...(args.unread_only ? [] : read)].slice(0, args.limit);
    rememberShown(ctx, shown.map((n) => ({ id: n.id, read: n.alreadyRead })));

    const more = !scan.exhausted || allowed.length > shown.length;
    const shownRead = shown.filter((n) => n.alreadyRead);
    const oldest = (list: Notification[]) => Math.min(...list.map((n) => n.id));
    const next = more && shown.length ? oldest(shownRead.length ? shownRead : shown) : null;
    let unreadTotal: number | null = unreadAll;
    if (ctx.scope.restricted) {
      const allUnreadSeen = scan.list.filter((n) => !n.alreadyRead).length >= unreadAll;
      unreadTotal = !paging && allUnreadSeen ? unread.length : null;
    }
    const notes = notificationNotes({
      restricted: ctx.scope.restricted,
      moreUnread: !paging && unread.length > shown.filter((n) => !n.alreadyRead).length,
    });
    const page = {
      unread_total: unreadTotal,
      shown: shown.length,
      groups: groupNotifications(shown, tz, reader),
      next_before_id: next,
      timezone: tz,
      notes,
    };
    return { text: renderNotificationsText(page), structured: page };
  },
});

/** The login "@mentions" of me use; unknown when USER_ID names someone other than the key's owner. */
async function readerOf(ctx: ToolContext): Promise<{ login?: string | null }> {
  const self = await ctx.metadata.myself();
  return ctx.config.userId && ctx.config.userId !== self.id ? {} : { login: self.userId };
}

/**
 * Reads notifications newest first, a page at a time, until `enough` says so,
 * the list ends, or {@linkcode SCAN_PAGES} pages were read.
 */
async function scanNotifications(
  ctx: ToolContext,
  beforeId: number | undefined,
  enough: (list: readonly Notification[]) => boolean,
): Promise<{ list: Notification[]; exhausted: boolean }> {
  const read = await readPages({
    by: "maxId",
    belowId: beforeId,
    read: (at) => ctx.api.listNotifications({ maxId: at.maxId, count: PAGE_SIZE, order: "desc" }),
    maxPages: SCAN_PAGES,
    enough: (_page, all) => enough(all),
  });
  return { list: read.items, exhausted: read.ended };
}
