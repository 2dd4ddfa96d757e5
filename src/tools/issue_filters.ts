/**
 * Turns get_user_issue_list's arguments into Backlog's `GET /issues`
 * parameters: names resolved to ids, relative dates to calendar dates,
 * defaults (me, not Closed, every usable active project) filled in. Every
 * choice is described in `filters`/`notes` so the answer says what it shows.
 *
 * @module
 */

import { ISSUE_SORT_KEYS, type IssueQuery } from "../backlog/api.ts";
import { CLOSED_STATUS_ID, type Project } from "../backlog/types.ts";
import { isoWeekday, resolveRelativeDate, todayIn } from "../shared/dates.ts";
import { me, milestoneIds, selectProjects, statusIds, userIds } from "../resolve/resolver.ts";
import type { CustomColumn } from "../render/issue_list.ts";
import { customFieldListQuery } from "./custom_field_args.ts";
import type { DateFilter } from "./params.ts";
import { type ToolContext } from "./tool.ts";
import { ToolInputError } from "../shared/input_error.ts";

/** Date filters: tool parameter → Backlog parameter. */
export const DATE_FILTERS = [
  ["created_since", "createdSince", "created_until", "createdUntil", "created"],
  ["updated_since", "updatedSince", "updated_until", "updatedUntil", "updated"],
  ["start_date_since", "startDateSince", "start_date_until", "startDateUntil", "start date"],
  ["due_date_since", "dueDateSince", "due_date_until", "dueDateUntil", "due date"],
] as const;

type DateArg = typeof DATE_FILTERS[number][0 | 2];
type Ref = number | string;

/** The arguments this module reads. */
export interface FilterArgs extends Partial<Record<DateArg, DateFilter>> {
  project_ids?: Ref[];
  assignee_ids?: Ref[];
  status_ids?: Ref[];
  milestone_ids?: Ref[];
  parent_issue_ids?: number[];
  keyword?: string;
  custom_fields?: Record<string, unknown>;
  sort: string;
  order: "asc" | "desc";
}

/** A query and the sentences that describe it. */
export interface BuiltQuery {
  query: IssueQuery;
  filters: string[];
  notes: string[];
  /** Custom fields filtered or sorted by, shown as list columns. */
  columns?: CustomColumn[];
}

/**
 * Resolves the date filters (no request needed, so bad ranges are refused
 * before Backlog is asked anything). A range word gives its first day in
 * `*_since` and its last in `*_until`.
 */
export function resolveDateFilters(args: FilterArgs, tz: string, now: Date): BuiltQuery {
  const query: IssueQuery = {};
  const filters: string[] = [];
  const notes: string[] = [];
  let relative = false;
  for (const [since, sinceParam, until, untilParam, label] of DATE_FILTERS) {
    const pick = (value: DateFilter | undefined, end: "since" | "until") => {
      if (!value) return undefined;
      if ("date" in value) return value.date;
      relative = true;
      return resolveRelativeDate(value.word, tz, now)[end];
    };
    const from = pick(args[since], "since");
    const to = pick(args[until], "until");
    if (from && to && from > to) {
      throw new ToolInputError(since, `${since} (${from}) is after ${until} (${to}).`);
    }
    if (from) query[sinceParam] = from;
    if (to) query[untilParam] = to;
    const words = [args[since], args[until]].flatMap((v) => v && "word" in v ? [v.word] : []);
    const said = words.length ? ` (${[...new Set(words)].join(", ")})` : "";
    if (from || to) filters.push(`${label}: ${from ?? "…"} to ${to ?? "…"}${said}`);
  }
  if (relative) {
    const today = todayIn(tz, now);
    const day = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][
      isoWeekday(today) - 1
    ];
    notes.push(
      `relative dates were resolved in ${tz}, where today is ${today} (${day}); weeks run Monday–Sunday.`,
    );
  }
  return { query, filters, notes };
}

/** Builds the whole query: projects, people, statuses, milestones, dates, keyword, custom fields, sort. */
export async function buildQuery(
  args: FilterArgs,
  ctx: ToolContext,
  dates: BuiltQuery,
  tz: string,
): Promise<BuiltQuery> {
  const filters: string[] = [];
  const notes: string[] = [];
  const projects = await chooseProjects(args, ctx, filters, notes);
  const query: IssueQuery = { projectId: projects.map((p) => p.id) };

  if (args.assignee_ids === undefined) {
    const self = await me(ctx);
    query.assigneeId = [self.id];
    filters.push(`assignee: me (${self.name ? `${self.name}, ` : ""}user id ${self.id})`);
  } else if (args.assignee_ids.length === 0) {
    filters.push("assignee: anyone");
  } else {
    const people = await userIds(ctx, args.assignee_ids, projects, "assignee_ids");
    query.assigneeId = people.ids;
    filters.push(`assignee: ${people.labels.join(", ")}`);
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
    const statuses = await statusIds(ctx, args.status_ids, projects, "status_ids");
    query.statusId = statuses.ids;
    filters.push(`status: ${statuses.labels.join(", ")}`);
  }

  if (args.milestone_ids?.length) {
    const milestones = await milestoneIds(ctx, args.milestone_ids, projects, "milestone_ids");
    query.milestoneId = milestones.ids;
    filters.push(`milestone: ${milestones.labels.join(", ")}`);
  }
  if (args.parent_issue_ids?.length) {
    query.parentIssueId = args.parent_issue_ids;
    filters.push(`parent issue ids: ${args.parent_issue_ids.join(", ")}`);
  }
  Object.assign(query, dates.query);
  filters.push(...dates.filters);
  if (args.keyword) {
    query.keyword = args.keyword;
    filters.push(`keyword: "${args.keyword}"`);
  }
  const custom = await customFieldListQuery(
    ctx,
    projects,
    args,
    { tz, now: ctx.now() },
    ISSUE_SORT_KEYS,
  );
  Object.assign(query, custom.params);
  filters.push(...custom.filters);
  query.sort = custom.sort;
  query.order = args.order;
  filters.push(`sorted by ${args.sort} ${args.order}`);
  return { query, filters, notes: [...notes, ...dates.notes], columns: custom.columns };
}

async function chooseProjects(
  args: FilterArgs,
  ctx: ToolContext,
  filters: string[],
  notes: string[],
): Promise<Project[]> {
  const chosen = await selectProjects(ctx, args.project_ids, "project_ids");
  filters.push(`projects: ${chosen.projects.map((p) => p.projectKey).join(", ") || "none"}`);
  if (chosen.defaulted && ctx.scope.restricted) {
    notes.push(`only the projects allowed by BACKLOG_PROJECTS are searched.`);
  }
  const archived = chosen.archivedLeftOut;
  if (archived > 0) {
    notes.push(
      `${archived} archived project${
        archived === 1 ? " was" : "s were"
      } left out; pass its key in project_ids to include it.`,
    );
  }
  return chosen.projects;
}
