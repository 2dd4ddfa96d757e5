/**
 * get_user_issue_list: issues matching filters, by default the caller's open
 * issues. Parameter names and defaults follow the Python backlog_mcp server;
 * beyond it, projects, people, statuses and milestones may be given by name
 * and dates by relative words.
 *
 * @module
 */

import { READS_BACKLOG } from "./annotations.ts";
import { z } from "zod";
import { ISSUE_SORT_KEYS } from "../backlog/api.ts";
import { searchIssues, unappliedFilters } from "../backlog/issue_search.ts";
import { fitRows } from "../render/fit.ts";
import {
  issueListSchema,
  issueRow,
  OUTSIDE_SCOPE_NOTE,
  renderIssueList,
  unappliedNote,
} from "../render/issue_list.ts";
import { RELATIVE_DATE_WORDS } from "../shared/dates.ts";
import { resolveConditions } from "./issue_attributes.ts";
import {
  buildQuery,
  FILTER_PARAMS,
  resolveDateFilters,
  usesRelativeDates,
  zoneNotes,
} from "./issue_query.ts";
import { intParam, NAME_PARAM_MAX, timezoneParam, toolInput } from "./params.ts";
import type { Issue } from "../backlog/types.ts";
import { defineTool, type ToolContext } from "./tool.ts";
import { outputZone } from "../resolve/timezone.ts";
import { scopeTest } from "../resolve/in_scope.ts";
import { projectOfIssue } from "../resolve/scope.ts";

const inputSchema = toolInput({
  ...FILTER_PARAMS,
  sort: z.string({
    error: `sort must be a string: ${ISSUE_SORT_KEYS.join(", ")} or a custom field name`,
  })
    .trim().min(1, { error: "sort must not be empty" }).max(NAME_PARAM_MAX, {
      error: "sort is too long",
    })
    .default("updated")
    .describe("e.g. created, dueDate, priority, or a custom field name."),
  order: z.enum(["asc", "desc"], { error: "order must be asc or desc" }).default("desc"),
  limit: intParam("limit", { min: 0, max: 1000 })
    .default(100)
    .describe("0 only counts."),
  offset: intParam("offset", { min: 0, max: 1_000_000 })
    .default(0),
  timezone: timezoneParam,
});

const DATE_WORDS = RELATIVE_DATE_WORDS.filter((w) => w !== "overdue").join(", ");

/** The get_user_issue_list tool. */
export const getUserIssueList = defineTool({
  name: "get_user_issue_list",
  title: "List Backlog issues",
  description:
    `Use when asked about Backlog issues; default: the user's open issues (assigned to me, not Closed, in active projects). Filters combine with AND; statuses match in any language, custom ones too. Dates (*_since, *_until, inclusive): YYYY-MM-DD or ${DATE_WORDS} (weeks run Monday–Sunday; a range word gives _since its first day, _until its last); due_date_until also takes overdue. Returns one line per issue, the filters, the total when known and the next offset.`,
  inputSchema,
  outputSchema: issueListSchema,
  annotations: READS_BACKLOG,
  async handler(args, ctx) {
    // The zone is needed first only for relative dates and custom field filters (whose dates
    // may be relative too); otherwise only to show times, so it is asked for after the search
    // (a session's first call then needs no GET /space before it).
    const needsZone = usesRelativeDates(args) || Object.keys(args.custom_fields ?? {}).length > 0;
    const early = needsZone ? await outputZone(ctx, args.timezone) : undefined;
    // Checked before Backlog is asked anything: bad ranges, contradictory conditions.
    const dates = resolveDateFilters(args, early, ctx.now());
    const conditions = resolveConditions(args);
    const built = await buildQuery(args, ctx, { dates, conditions, zone: early });
    const { query, filters, notes, columns } = built;
    const { issues, total, more } = await searchIssues(ctx.api, query, args);
    const unapplied = unappliedFilters(query, issues);
    if (unapplied.length) notes.push(unappliedNote(unapplied));
    const zone = early ?? await outputZone(ctx, args.timezone);
    if (!early) notes.push(...zoneNotes(zone));
    const tz = zone.zone;
    const kept = await inScope(ctx, issues, notes);
    const rows = kept.map((issue) => issueRow(issue, tz, columns));
    const page = {
      // Paging counts Backlog's issues, rows left out by inScope included.
      fetched: issues.length,
      positions: kept.map((issue) => issues.indexOf(issue)),
      filters,
      total,
      more,
      countOnly: args.limit === 0,
      offset: args.offset,
      rows,
      timezone: tz,
      notes,
      columns,
    };
    return fitRows({
      count: rows.length,
      build: (shown) => renderIssueList({ ...page, shown }),
      maxChars: ctx.config.maxResultChars,
      structured: ctx.config.structuredOutput,
    }).output;
  },
});

/**
 * The issues within BACKLOG_PROJECTS. The query asks only for allowed
 * projects; each row is checked again all the same, so nothing of another
 * project is shown even if Backlog answered more than was asked.
 */
async function inScope(ctx: ToolContext, issues: Issue[], notes: string[]): Promise<Issue[]> {
  const allowed = await scopeTest(ctx);
  const kept = issues.filter((issue) => allowed(projectOfIssue(issue)));
  if (kept.length < issues.length) {
    ctx.logger.warn("Backlog listed issues outside BACKLOG_PROJECTS; left out", {
      left_out: issues.length - kept.length,
    });
    notes.push(OUTSIDE_SCOPE_NOTE);
  }
  return kept;
}
