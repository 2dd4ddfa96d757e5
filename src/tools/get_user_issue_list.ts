/**
 * get_user_issue_list: issues matching filters, by default the caller's open
 * issues. Parameter names and defaults follow the Python backlog_mcp server.
 *
 * @module
 */

import { z } from "zod";
import type { IssueQuery } from "../backlog/api.ts";
import { CLOSED_STATUS_ID, type Issue, type Project } from "../backlog/types.ts";
import { issueRow, issueRowSchema, renderIssueListText } from "../render/issue_list.ts";
import { dateParam, idListParam, timezoneParam, toolInput } from "./params.ts";
import { defineTool, type ToolContext, ToolInputError } from "./tool.ts";

/** Backlog's sort keys for `GET /issues` (custom fields aside). */
const SORT_KEYS = [
  "issueType",
  "category",
  "version",
  "milestone",
  "summary",
  "status",
  "priority",
  "attachment",
  "sharedFile",
  "created",
  "createdUser",
  "updated",
  "updatedUser",
  "assignee",
  "startDate",
  "dueDate",
  "estimatedHours",
  "actualHours",
  "childIssue",
] as const; // deno-fmt-ignore

/** Date filters: tool parameter → Backlog parameter. */
const DATE_FILTERS = [
  ["created_since", "createdSince", "created_until", "createdUntil", "created"],
  ["updated_since", "updatedSince", "updated_until", "updatedUntil", "updated"],
  ["start_date_since", "startDateSince", "start_date_until", "startDateUntil", "start date"],
  ["due_date_since", "dueDateSince", "due_date_until", "dueDateUntil", "due date"],
] as const;

/** Backlog returns at most this many issues per request. */
const PAGE_SIZE = 100;

const inputSchema = toolInput({
  project_ids: idListParam(
    "project_ids",
    "Project ids to search. Default: every non-archived project you can see.",
  ),
  assignee_ids: idListParam(
    "assignee_ids",
    "Assignee user ids. Default: you (the API key's user). [] means any assignee.",
  ),
  status_ids: idListParam(
    "status_ids",
    "Status ids. Default: every status of the selected projects except Closed (custom statuses included). [] means any status.",
  ),
  milestone_ids: idListParam("milestone_ids", "Milestone ids."),
  parent_issue_ids: idListParam("parent_issue_ids", "Parent issue ids (lists their children)."),
  created_since: dateParam("created_since", "Created on or after"),
  created_until: dateParam("created_until", "Created on or before"),
  updated_since: dateParam("updated_since", "Updated on or after"),
  updated_until: dateParam("updated_until", "Updated on or before"),
  start_date_since: dateParam("start_date_since", "Start date on or after"),
  start_date_until: dateParam("start_date_until", "Start date on or before"),
  due_date_since: dateParam("due_date_since", "Due date on or after"),
  due_date_until: dateParam("due_date_until", "Due date on or before"),
  timezone: timezoneParam,
  keyword: z.string({ error: "keyword must be a string" }).trim()
    .min(1, { error: "keyword must not be empty" })
    .max(200, { error: "keyword must be at most 200 characters" })
    .optional()
    .describe("Text to search for in summaries and descriptions."),
  sort: z.enum(SORT_KEYS, { error: `sort must be one of: ${SORT_KEYS.join(", ")}` })
    .default("updated")
    .describe("Sort key (default updated)."),
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

type Args = z.infer<typeof inputSchema>;

const outputSchema = z.object({
  total: z.number().describe("issues matching the filters"),
  offset: z.number(),
  count: z.number().describe("issues in this answer"),
  next_offset: z.number().nullable().describe(
    "offset of the next page, null when this is the last",
  ),
  timezone: z.string(),
  filters: z.array(z.string()),
  issues: z.array(issueRowSchema),
});

/** The get_user_issue_list tool. */
export const getUserIssueList = defineTool({
  name: "get_user_issue_list",
  title: "List Backlog issues",
  description:
    "Use when asked about a person's Backlog issues (by default: my open issues, i.e. assigned to the API key's user, any status but Closed, in all non-archived projects), optionally filtered by project, assignee, status, milestone, parent issue, created/updated/start/due date ranges or keyword. Returns one line per issue (key, summary, status, priority, assignee, due date, updated time) with the total count and paging (limit/offset). Dates are YYYY-MM-DD.",
  inputSchema,
  outputSchema,
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  async handler(args, ctx) {
    const tz = args.timezone ?? ctx.config.timezone;
    checkDateRanges(args);
    const filters: string[] = [];
    const notes: string[] = [];
    const query = await buildQuery(args, ctx, filters, notes);
    const { issues, total } = await fetchIssues(ctx, query, args.offset, args.limit);
    const rows = issues.map((issue) => issueRow(issue, tz));
    const end = args.offset + rows.length;
    return {
      text: renderIssueListText({ filters, total, offset: args.offset, rows, timezone: tz, notes }),
      structured: {
        total,
        offset: args.offset,
        count: rows.length,
        next_offset: end < total && rows.length > 0 ? end : null,
        timezone: tz,
        filters,
        issues: rows,
      },
    };
  },
});

function checkDateRanges(args: Args): void {
  for (const [since, , until] of DATE_FILTERS) {
    const from = args[since];
    const to = args[until];
    if (from && to && from > to) {
      throw new ToolInputError(since, `${since} (${from}) is after ${until} (${to}).`);
    }
  }
}

/** Resolves defaults (me, non-closed statuses, visible projects) into Backlog parameters. */
async function buildQuery(
  args: Args,
  ctx: ToolContext,
  filters: string[],
  notes: string[],
): Promise<IssueQuery> {
  const projects = await selectProjects(args.project_ids, ctx, filters, notes);
  const query: IssueQuery = {
    projectId: projects.map((p) => p.id),
    sort: args.sort,
    order: args.order,
  };

  if (args.assignee_ids === undefined) {
    const me = ctx.config.userId ? { id: ctx.config.userId } : await ctx.metadata.myself();
    query.assigneeId = [me.id];
    filters.push(`assignee: me (${"name" in me ? `${me.name}, ` : ""}user id ${me.id})`);
  } else if (args.assignee_ids.length === 0) {
    filters.push("assignee: anyone");
  } else {
    query.assigneeId = args.assignee_ids;
    filters.push(`assignee ids: ${args.assignee_ids.join(", ")}`);
  }

  if (args.status_ids === undefined) {
    const lists = await Promise.all(projects.map((p) => ctx.metadata.statuses(p.id)));
    // Built-in ids are shared across projects; their names may differ (Open / 未対応).
    const open = new Map<number, Set<string>>();
    for (const status of lists.flat()) {
      if (status.id === CLOSED_STATUS_ID) continue;
      open.set(status.id, (open.get(status.id) ?? new Set()).add(status.name));
    }
    query.statusId = [...open.keys()].sort((a, b) => a - b);
    const names = query.statusId.map((id) => [...open.get(id)!].join("/"));
    filters.push(`status: not Closed (${names.join(", ")})`);
  } else if (args.status_ids.length === 0) {
    filters.push("status: any");
  } else {
    query.statusId = args.status_ids;
    filters.push(`status ids: ${args.status_ids.join(", ")}`);
  }

  if (args.milestone_ids?.length) {
    query.milestoneId = args.milestone_ids;
    filters.push(`milestone ids: ${args.milestone_ids.join(", ")}`);
  }
  if (args.parent_issue_ids?.length) {
    query.parentIssueId = args.parent_issue_ids;
    filters.push(`parent issue ids: ${args.parent_issue_ids.join(", ")}`);
  }
  for (const [since, sinceParam, until, untilParam, label] of DATE_FILTERS) {
    if (args[since]) query[sinceParam] = args[since];
    if (args[until]) query[untilParam] = args[until];
    if (args[since] || args[until]) {
      filters.push(`${label}: ${args[since] ?? "…"} to ${args[until] ?? "…"}`);
    }
  }
  if (args.keyword) {
    query.keyword = args.keyword;
    filters.push(`keyword: "${args.keyword}"`);
  }
  filters.push(`sorted by ${args.sort} ${args.order}`);
  return query;
}

/** Explicit ids must be visible projects; the default is every non-archived one. */
async function selectProjects(
  ids: number[] | undefined,
  ctx: ToolContext,
  filters: string[],
  notes: string[],
): Promise<Project[]> {
  const visible = await ctx.metadata.projects();
  if (ids === undefined || ids.length === 0) {
    const active = visible.filter((p) => !p.archived);
    filters.push(`projects: ${active.map((p) => p.projectKey).join(", ") || "none"}`);
    const archived = visible.length - active.length;
    if (archived > 0) {
      notes.push(
        `${archived} archived project${
          archived === 1 ? " was" : "s were"
        } left out; pass its id in project_ids to include it.`,
      );
    }
    return active;
  }
  const byId = new Map(visible.map((p) => [p.id, p]));
  const unknown = ids.filter((id) => !byId.has(id));
  if (unknown.length > 0) {
    const known = visible.map((p) => `${p.projectKey} (${p.id})`).join(", ");
    throw new ToolInputError(
      "project_ids",
      `${unknown.join(", ")} ${
        unknown.length === 1 ? "is not a project" : "are not projects"
      } this API key can see. Visible projects: ${known || "none"}.`,
    );
  }
  const chosen = ids.map((id) => byId.get(id)!);
  filters.push(`projects: ${chosen.map((p) => p.projectKey).join(", ")}`);
  return chosen;
}

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
