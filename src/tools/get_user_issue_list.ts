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
import { issueRow, issueRowSchema, renderIssueListText } from "../render/issue_list.ts";
import { customFieldsFilterParam } from "./custom_field_args.ts";
import { buildQuery, resolveDateFilters } from "./issue_filters.ts";
import { dateFilterParam, idListParam, refListParam, timezoneParam, toolInput } from "./params.ts";
import { defineTool, READS_BACKLOG, type ToolContext } from "./tool.ts";

/** Backlog returns at most this many issues per request. */
const PAGE_SIZE = 100;

const inputSchema = toolInput({
  project_ids: refListParam(
    "project_ids",
    'Projects to search, by id or key (e.g. [12345, "PROJ"]). Default: every non-archived project you can use.',
    '[12345, "PROJ"]',
  ),
  assignee_ids: refListParam(
    "assignee_ids",
    'Assignees: user ids, "me", login ids or display names (e.g. ["me", "hanako"]). Default: you (the API key\'s user). [] means any assignee.',
    '["me", "hanako", 5002]',
  ),
  status_ids: refListParam(
    "status_ids",
    'Statuses by id or name, in English or Japanese, custom ones included (e.g. ["In Progress", "処理中", "Waiting for QA"]); a name is looked up in each selected project. Default: every status except Closed. [] means any status.',
    '["In Progress", 2]',
  ),
  milestone_ids: refListParam(
    "milestone_ids",
    'Milestones by id or name within the selected projects (e.g. ["Sprint 24"]).',
    '["Sprint 24", 4103]',
  ),
  parent_issue_ids: idListParam("parent_issue_ids", "Parent issue ids (lists their children)."),
  created_since: dateFilterParam("created_since", "Created on or after"),
  created_until: dateFilterParam("created_until", "Created on or before"),
  updated_since: dateFilterParam("updated_since", "Updated on or after"),
  updated_until: dateFilterParam("updated_until", "Updated on or before"),
  start_date_since: dateFilterParam("start_date_since", "Start date on or after"),
  start_date_until: dateFilterParam("start_date_until", "Start date on or before"),
  due_date_since: dateFilterParam("due_date_since", "Due date on or after"),
  due_date_until: dateFilterParam(
    "due_date_until",
    'Due date on or before ("overdue" = due before today)',
    true,
  ),
  timezone: timezoneParam,
  keyword: z.string({ error: "keyword must be a string" }).trim()
    .min(1, { error: "keyword must not be empty" })
    .max(200, { error: "keyword must be at most 200 characters" })
    .optional()
    .describe("Text to search for in summaries and descriptions."),
  custom_fields: customFieldsFilterParam,
  sort: z.string({
    error: `sort must be a string: ${ISSUE_SORT_KEYS.join(", ")} or a custom field name`,
  })
    .trim().min(1, { error: "sort must not be empty" }).max(200, { error: "sort is too long" })
    .default("updated")
    .describe(
      "Sort key (default updated): created, updated, dueDate, priority, status, … or a custom field name.",
    ),
  order: z.enum(["asc", "desc"], { error: "order must be asc or desc" }).default("desc")
    .describe("Sort order (default desc)."),
  limit: z.number({ error: "limit must be a number from 1 to 1000" })
    .int({ error: "limit must be a whole number from 1 to 1000" })
    .min(1, { error: "limit must be from 1 to 1000" })
    .max(1000, { error: "limit must be from 1 to 1000" })
    .default(100)
    .describe("How many issues to return (default 100, max 1000; pages past Backlog's 100)."),
  offset: z.number({ error: "offset must be a number ≥ 0" })
    .int({ error: "offset must be a whole number ≥ 0" })
    .min(0, { error: "offset must be ≥ 0" })
    .max(1_000_000, { error: "offset must be at most 1000000" })
    .default(0)
    .describe("How many matching issues to skip (for paging; default 0)."),
});

const outputSchema = z.object({
  total: z.number().describe("issues matching the filters"),
  offset: z.number(),
  count: z.number().describe("issues in this answer"),
  next_offset: z.number().nullable().describe(
    "offset of the next page, null when this is the last",
  ),
  timezone: z.string(),
  filters: z.array(z.string()),
  notes: z.array(z.string()).describe("choices the server made, e.g. how relative dates resolved"),
  issues: z.array(issueRowSchema),
});

/** The get_user_issue_list tool. */
export const getUserIssueList = defineTool({
  name: "get_user_issue_list",
  title: "List Backlog issues",
  description:
    'Use when asked about a person\'s Backlog issues (by default: my open issues, i.e. assigned to the API key\'s user, any status but Closed, in all non-archived projects), optionally filtered by project, assignee, status, milestone, parent issue, created/updated/start/due date ranges, keyword or custom fields. Projects, people, statuses and milestones may be given by id or by name ("PROJ", "me", "In Progress", "Sprint 24"); dates as YYYY-MM-DD or words like today, this_week, next_7_days, and due_date_until: "overdue", resolved in the timezone. Returns one line per issue (key, summary, status, priority, assignee, due date, updated time) with the filters applied, the total count and paging (limit/offset).',
  inputSchema,
  outputSchema,
  annotations: READS_BACKLOG,
  async handler(args, ctx) {
    const tz = args.timezone ?? ctx.config.timezone;
    const dates = resolveDateFilters(args, tz, ctx.now());
    const { query, filters, notes, columns } = await buildQuery(args, ctx, dates, tz);
    const { issues, total } = await fetchIssues(ctx, query, args.offset, args.limit);
    const rows = issues.map((issue) => issueRow(issue, tz, columns));
    const end = args.offset + rows.length;
    return {
      text: renderIssueListText({
        filters,
        total,
        offset: args.offset,
        rows,
        timezone: tz,
        notes,
        columns,
      }),
      structured: {
        total,
        offset: args.offset,
        count: rows.length,
        next_offset: end < total && rows.length > 0 ? end : null,
        timezone: tz,
        filters,
        notes,
        issues: rows,
      },
    };
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
