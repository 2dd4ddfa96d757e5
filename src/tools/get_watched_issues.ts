/**
 * get_watched_issues: the issues I watch, those with unread updates first.
 *
 * @module
 */

import { READS_BACKLOG } from "./annotations.ts";
import { PAGE_SIZE } from "../backlog/paging.ts";
import { readWatchings } from "../backlog/watchings.ts";
import {
  isUnread,
  renderWatchedText,
  watchedNotes,
  watchedPageSchema,
  watchedView,
} from "../render/watchings.ts";
import { scopeTest } from "../resolve/in_scope.ts";
import { me } from "../resolve/resolver.ts";
import { projectOfIssue } from "../resolve/scope.ts";
import { intParam, pagedListParams, timezoneParam, toolInput } from "./params.ts";
import { defineTool } from "./tool.ts";
import { zoneName } from "../resolve/timezone.ts";

/** Watchings read at most (whole pages). */
const READ_MAX = 500;

const inputSchema = toolInput({
  ...pagedListParams(),
  offset: intParam("offset", { min: 0, max: READ_MAX }).default(0),
  timezone: timezoneParam,
});

/** The get_watched_issues tool. */
export const getWatchedIssues = defineTool({
  name: "get_watched_issues",
  title: "My watched Backlog issues",
  description: "Use when asked about the issues I watch: unread updates first.",
  inputSchema,
  outputSchema: watchedPageSchema,
  annotations: READS_BACKLOG,
  async handler(args, ctx) {
    const tz = await zoneName(ctx, args.timezone);
    const self = await me(ctx);
    const read = await readWatchings(ctx.api, self.id, { maxPages: READ_MAX / PAGE_SIZE });
    const [list, capped] = [read.items, !read.ended];
    const allowed = await scopeTest(ctx);
    const visible = list.filter((w) => w.issue && allowed(projectOfIssue(w.issue)));
    const unread = visible.filter(isUnread);
    const ordered = args.unread_only ? unread : [...unread, ...visible.filter((w) => !isUnread(w))];
    const shown = ordered.slice(args.offset, args.offset + args.limit);
    const end = args.offset + shown.length;
    const notes = watchedNotes({ capped, readMax: READ_MAX, restricted: ctx.scope.restricted });
    const page = {
      total: visible.length,
      unread_total: unread.length,
      offset: args.offset,
      issues: shown.map((w) => watchedView(w, tz)),
      next_offset: end < ordered.length ? end : null,
      timezone: tz,
      notes,
    };
    return { text: renderWatchedText(page), structured: page };
  },
});
