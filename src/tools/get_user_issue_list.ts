/**
 * get_user_issue_list: issues matching filters, by default the caller's open
 * issues. Parameter names and defaults follow the Python backlog_mcp server;
 * beyond it, projects, people, statuses and milestones may be given by name
 * and dates by relative words.
 *
 * @module
 */

import { z } from "zod";
import { ISSUE_SORT_KEYS } from "../backlog/api.ts";
import { searchIssues, unappliedFilters } from "../backlog/issue_search.ts";
import type { Issue } from "../backlog/types.ts";
import { issueRow, issueRowSchema, renderIssueListText, safeLines } from "../render/issue_list.ts";
import { customFieldsFilterParam } from "./custom_field_args.ts";
import { ATTRIBUTE_PARAMS, resolveConditions } from "./issue_attributes.ts";
import { buildQuery, resolveDateFilters, usesRelativeDates, zoneNotes } from "./issue_query.ts";
import { dateFilterParam, idListParam, refListParam, timezoneParam, toolInput } from "./params.ts";
import { defineTool, READS_BACKLOG, type ToolContext } from "./tool.ts";
import { outputZone } from "../resolve/timezone.ts";

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
  ...ATTRIBUTE_PARAMS,
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
    .describe("Backlog's keyword search (Nulab does not document which fields it covers)."),
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
  limit: z.number({ error: "limit must be a number from 0 to 1000" })
    .int({ error: "limit must be a whole number from 0 to 1000" })
    .min(0, { error: "limit must be from 0 to 1000" })
    .max(1000, { error: "limit must be from 0 to 1000" })
    .default(100)
    .describe("How many issues to return (default 100, max 1000); 0 only counts them."),
  offset: z.number({ error: "offset must be a number ≥ 0" })
    .int({ error: "offset must be a whole number ≥ 0" })
    .min(0, { error: "offset must be ≥ 0" })
    .max(1_000_000, { error: "offset must be at most 1000000" })
    .default(0)
    .describe("How many matching issues to skip (for paging; default 0)."),
});

const outputSchema = z.object({
  total: z.number().nullable().describe(
    "issues matching the filters; null when not counted (limit 0 counts)",
  ),
  offset: z.number(),
  count: z.number().describe("issues in this answer"),
  next_offset: z.number().nullable().describe(
    "offset of the next page, null when no more match",
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
    'Use when asked about a person\'s Backlog issues (by default: my open issues, i.e. assigned to the API key\'s user, any status but Closed, in all non-archived projects), optionally filtered by project, assignee, status, milestone, issue type, category, priority, resolution, reporter, parent issue, created/updated/start/due date ranges, keyword, custom fields, and `only` conditions (no due date, attachments, shared files, parent/child). Projects, people, statuses and milestones may be given by id or by name ("PROJ", "me", "In Progress", "Sprint 24"); dates as YYYY-MM-DD or words like today, this_week, next_7_days, and due_date_until: "overdue", resolved in the timezone. Returns one line per issue (key, summary, status, priority, assignee, due date, updated time) with the filters applied, the total when known and paging (limit/offset; limit 0 only counts).',
  inputSchema,
  outputSchema,
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
    if (unapplied.length) {
      notes.push(
        `Backlog did not apply every filter: ${
          unapplied.join("; ")
        }. The issues are shown as Backlog sent them.`,
      );
    }
    const zone = early ?? await outputZone(ctx, args.timezone);
    if (!early) notes.push(...zoneNotes(zone));
    const tz = zone.zone;
    const rows = (await inScope(ctx, issues, notes)).map((issue) => issueRow(issue, tz, columns));
    // Paging counts Backlog's issues, rows left out by inScope included.
    const fetched = issues.length;
    const end = args.offset + fetched;
    const page = { filters, total, more, offset: args.offset, rows, fetched, timezone: tz, notes };
    return {
      text: renderIssueListText({ ...page, columns, countOnly: args.limit === 0 }),
      structured: {
        total,
        offset: args.offset,
        count: rows.length,
        next_offset: more !== false && fetched > 0 ? end : null,
        timezone: tz,
        filters: safeLines(filters),
        notes: safeLines(notes),
        issues: rows,
      },
    };
  },
});

/**
 * The issues within BACKLOG_PROJECTS. The query asks only for allowed
 * projects; each row is checked again all the same, so nothing of another
 * project is shown even if Backlog answered more than was asked.
 */
async function inScope(ctx: ToolContext, issues: Issue[], notes: string[]): Promise<Issue[]> {
  if (!ctx.scope.restricted) return issues;
  const visible = await ctx.metadata.projects();
  const kept = issues.filter((issue) => ctx.scope.allowsIssue(issue, visible));
  if (kept.length < issues.length) {
    ctx.logger.warn("Backlog listed issues outside BACKLOG_PROJECTS; left out", {
      left_out: issues.length - kept.length,
    });
    notes.push(
      "Backlog answered with issues outside BACKLOG_PROJECTS; they are left out, so the counts may include them.",
    );
  }
  return kept;
}
