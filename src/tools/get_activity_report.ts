/**
 * get_activity_report: what I (or a named user) did between two times,
 * across projects, grouped by project and issue, from the user's activities.
 *
 * @module
 */

import { READS_BACKLOG } from "./annotations.ts";
import { PAGE_SIZE, readPages } from "../backlog/paging.ts";
import type { Activity } from "../backlog/types.ts";
import {
  activityAccount,
  activityReportSchema,
  buildReport,
  renderReportText,
  selfLabel,
} from "../render/activity_report.ts";
import { safeLine } from "../render/sanitize.ts";
import { scopeTest } from "../resolve/in_scope.ts";
import { idsOf, me, usableProjects } from "../resolve/resolver.ts";
import { refParam, timezoneParam, toolInput } from "./params.ts";
import { resolveRange, timeParam } from "./time_args.ts";
import { defineTool, type ToolContext } from "./tool.ts";
import { zoneName } from "../resolve/timezone.ts";

/** Pages of activities read at most. */
const PAGES_MAX = 10;

const inputSchema = toolInput({
  user: refParam("user", '"hanako"', { meaning: 'Default "me".' }).optional(),
  since: timeParam("since", "Default today."),
  until: timeParam("until", "Default now."),
  timezone: timezoneParam,
});

/** The get_activity_report tool. */
export const getActivityReport = defineTool({
  name: "get_activity_report",
  title: "Backlog activity report",
  description:
    "Use when asked for a daily or weekly report: what I (or someone) did between two times, by project and issue.",
  inputSchema,
  outputSchema: activityReportSchema,
  annotations: READS_BACKLOG,
  async handler(args, ctx) {
    const tz = await zoneName(ctx, args.timezone);
    const { since, until } = resolveRange({
      since: args.since,
      until: args.until,
      defaultSince: { word: "today" },
      sinceName: "since",
    }, { tz, now: ctx.now() });
    const allowed = await scopeTest(ctx);
    const who = await person(ctx, args.user);
    const scan = await scanActivities(ctx, who.id, since.at.getTime());
    const inRange = scan.list.filter((a) => {
      const t = Date.parse(a.created);
      return t >= since.at.getTime() && t < until.at.getTime() &&
        !!a.project && allowed({ id: a.project.id, key: a.project.projectKey });
    });
    const statuses = new Map<number, Map<string, string>>();
    for (const id of new Set(inRange.map((a) => a.project!.id))) {
      const list = await ctx.metadata.statuses(id).catch(() => []);
      statuses.set(id, new Map(list.map((s) => [String(s.id), s.name])));
    }
    const report = {
      who: who.label,
      since: since.label,
      until: until.label,
      actions: inRange.length,
      projects: buildReport(inRange, (p, id) => statuses.get(p)?.get(id)),
      ...activityAccount({
        userId: who.id,
        pages: scan.pages,
        read: scan.list.length,
        capped: scan.capped,
        oldest: scan.oldest,
        restricted: ctx.scope.restricted,
        timezone: tz,
      }),
      timezone: tz,
    };
    return { text: renderReportText(report), structured: report };
  },
});

async function person(
  ctx: ToolContext,
  ref: number | string | undefined,
): Promise<{ id: number; label: string }> {
  if (ref === undefined || String(ref).trim().toLowerCase() === "me") {
    const self = await me(ctx);
    return { id: self.id, label: selfLabel(self.name) };
  }
  const projects = await usableProjects(ctx);
  const found = await idsOf(ctx, "user", { refs: [ref], parameter: "user", projects });
  return { id: found.ids[0], label: safeLine(found.labels[0]) };
}

/** The user's activities newest first, until older than `sinceMs` or {@linkcode PAGES_MAX} pages. */
async function scanActivities(
  ctx: ToolContext,
  userId: number,
  sinceMs: number,
): Promise<{ list: Activity[]; pages: number; capped: boolean; oldest?: string }> {
  const read = await readPages({
    by: "maxId",
    read: (at) =>
      ctx.api.listUserActivities(userId, { count: PAGE_SIZE, order: "desc", maxId: at.maxId }),
    maxPages: PAGES_MAX,
    enough: (page) => Date.parse(page[page.length - 1].created) < sinceMs,
  });
  const capped = !read.ended && !read.enough;
  const oldest = capped ? read.items.at(-1)?.created : undefined;
  return { list: read.items, pages: read.pages, capped, oldest };
}
