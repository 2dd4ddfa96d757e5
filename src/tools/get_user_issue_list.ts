/**
 * get_user_issue_list: issues matching filters, by default the caller's open
 * issues. Parameter names and defaults follow the Python backlog_mcp server;
 * beyond it, projects, people, statuses and milestones may be given by name
 * and dates by relative words.
 *
 * @module
 */

import { z } from "zod";
import { ISSUE_SORT_KEYS, type IssueQuery } from "../backlog/api.ts";
import type { Issue } from "../backlog/types.ts";
import { fitRows } from "../render/fit.ts";
import { issueListSchema, issueRow, renderIssueList } from "../render/issue_list.ts";
import { RELATIVE_DATE_WORDS } from "../render/time.ts";
import { customFieldsFilterParam } from "./custom_field_args.ts";
import { buildQuery, resolveDateFilters } from "./issue_filters.ts";
import { dateFilterParam, idListParam, refListParam, timezoneParam, toolInput } from "./params.ts";
import { defineTool, READS_BACKLOG, type ToolContext } from "./tool.ts";

/** Backlog returns at most this many issues per request. */
const PAGE_SIZE = 100;

const inputSchema = toolInput({
  project_ids: refListParam(
    "project_ids",
    '[12345, "PROJ"]',
    "Default: all active projects.",
  ),
  assignee_ids: refListParam(
    "assignee_ids",
    '["me", "hanako", 5002]',
    'Default ["me"]; [] = anyone.',
  ),
  status_ids: refListParam(
    "status_ids",
    '["In Progress", 2]',
    "Any language, custom ones too. Default: all but Closed; [] = any.",
  ),
  milestone_ids: refListParam("milestone_ids", '["Sprint 24", 4103]'),
  parent_issue_ids: idListParam("parent_issue_ids", "Lists the children of these issue ids."),
  created_since: dateFilterParam("created_since"),
  created_until: dateFilterParam("created_until"),
  updated_since: dateFilterParam("updated_since"),
  updated_until: dateFilterParam("updated_until"),
  start_date_since: dateFilterParam("start_date_since"),
  start_date_until: dateFilterParam("start_date_until"),
  due_date_since: dateFilterParam("due_date_since"),
  due_date_until: dateFilterParam("due_date_until", true),
  keyword: z.string({ error: "keyword must be a string" }).trim()
    .min(1, { error: "keyword must not be empty" })
    .max(200, { error: "keyword must be at most 200 characters" })
    .optional(),
  custom_fields: customFieldsFilterParam,
  sort: z.string({
    error: `sort must be a string: ${ISSUE_SORT_KEYS.join(", ")} or a custom field name`,
  })
    .trim().min(1, { error: "sort must not be empty" }).max(200, { error: "sort is too long" })
    .default("updated")
    .describe("updated, created, dueDate, priority, status … or a custom field name."),
  order: z.enum(["asc", "desc"], { error: "order must be asc or desc" }).default("desc"),
  limit: z.number({ error: "limit must be a number from 1 to 1000" })
    .int({ error: "limit must be a whole number from 1 to 1000" })
    .min(1, { error: "limit must be from 1 to 1000" })
    .max(1000, { error: "limit must be from 1 to 1000" })
    .default(100),
  offset: z.number({ error: "offset must be a number ≥ 0" })
    .int({ error: "offset must be a whole number ≥ 0" })
    .min(0, { error: "offset must be ≥ 0" })
    .max(1_000_000, { error: "offset must be at most 1000000" })
    .default(0),
  timezone: timezoneParam,
});

const DATE_WORDS = RELATIVE_DATE_WORDS.filter((w) => w !== "overdue").join(", ");

/** The get_user_issue_list tool. */
export const getUserIssueList = defineTool({
  name: "get_user_issue_list",
  title: "List Backlog issues",
  description:
    `Use when asked about Backlog issues; default: the user's open issues (assigned to me, not Closed, in active projects). Filters: project, assignee, status, milestone, parent, keyword (in summary or description), custom fields, and inclusive created/updated/start_date/due_date _since/_until dates: YYYY-MM-DD or ${DATE_WORDS} (weeks run Monday–Sunday; a range word gives _since its first day, _until its last); due_date_until also takes overdue. Returns one line per issue, the filters, the total and the next offset.`,
  inputSchema,
  outputSchema: issueListSchema,
  annotations: READS_BACKLOG,
  async handler(args, ctx) {
    const tz = args.timezone ?? ctx.config.timezone;
    const dates = resolveDateFilters(args, tz, ctx.now());
    const { query, filters, notes, columns } = await buildQuery(args, ctx, dates, tz);
    const { issues, total } = await fetchIssues(ctx, query, args.offset, args.limit);
    const rows = issues.map((issue) => issueRow(issue, tz, columns));
    const page = { filters, total, offset: args.offset, rows, timezone: tz, notes, columns };
    return fitRows({
      count: rows.length,
      build: (shown) => renderIssueList({ ...page, shown }),
      maxChars: ctx.config.maxResultChars,
      structured: ctx.config.structuredOutput,
    }).output;
  },
});

/**
 * Fetches `limit` issues from `offset` in pages of 100. The total comes free
 * when a page comes back short; otherwise one count request supplies it.
 */
async function fetchIssues(
  ctx: ToolContext,
  query: IssueQuery,
  offset: number,
  limit: number,
): Promise<{ issues: Issue[]; total: number }> {
  if (query.projectId?.length === 0) return { issues: [], total: 0 };
  const issues: Issue[] = [];
  let total: number | undefined;
  while (issues.length < limit) {
    const count = Math.min(PAGE_SIZE, limit - issues.length);
    const at = offset + issues.length;
    const page = await ctx.api.listIssues(query, at, count);
    issues.push(...page.slice(0, count));
    if (page.length < count) {
      if (page.length > 0 || at === 0) total = at + page.length;
      break;
    }
  }
  total ??= await ctx.api.countIssues(query);
  return { issues, total: Math.max(total, offset + issues.length) };
}
