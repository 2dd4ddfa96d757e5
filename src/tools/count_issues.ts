/**
 * count_issues: how many issues, grouped by status, priority, assignee,
 * project, milestone or due bucket, under get_user_issue_list's filters
 * (resolved by the same code). Backlog's `/issues/count` answers one count
 * per group; only when there are more groups than {@linkcode COUNT_MAX} are
 * the issues listed (up to {@linkcode LIST_MAX}) and counted here.
 *
 * @module
 */

import { READS_BACKLOG } from "./annotations.ts";
import { z } from "zod";
import type { IssueQuery } from "../backlog/api.ts";
import { PAGE_SIZE, readPages } from "../backlog/paging.ts";
import type { Issue, Project } from "../backlog/types.ts";
import {
  countMethodText,
  countsSchema,
  dueLabels,
  groupLabel,
  MILESTONE_NOTES,
  renderCountsText,
  REST_LABELS,
} from "../render/counts.ts";
import { addDays, calendarDate, isoWeekday, todayIn } from "../shared/dates.ts";
import { members, statusNames } from "../resolve/resolver.ts";
import { ToolInputError } from "../shared/input_error.ts";
import { safeLines } from "../render/issue_list.ts";
import { buildQuery, FILTER_PARAMS, resolveDateFilters } from "./issue_query.ts";
import { timezoneParam, toolInput } from "./params.ts";
import { defineTool, type ToolContext } from "./tool.ts";
import { outputZone } from "../resolve/timezone.ts";
import { resolveConditions } from "./issue_attributes.ts";

const GROUPS = ["status", "priority", "assignee", "project", "milestone", "due"] as const;
type GroupBy = typeof GROUPS[number];
/** Count requests one call may make. */
const COUNT_MAX = 60;
/** Issues one call may list to count them itself. */
const LIST_MAX = 2_000;

/** get_user_issue_list's filters: its parameters but paging and sorting. */
const filterSchema = toolInput({ ...FILTER_PARAMS, timezone: timezoneParam });

const inputSchema = toolInput({
  group_by: z.enum(GROUPS, { error: `group_by must be one of: ${GROUPS.join(", ")}` })
    .describe("due: overdue, today, rest of week, later, none"),
  filters: z.record(z.string(), z.unknown(), { error: "filters must be an object" }).optional()
    .describe("get_user_issue_list's filters but sort/order/limit/offset; default my open issues"),
});

/** One group: its label and how to narrow the query to it (or how to recognise its issues). */
interface Group {
  label: string;
  /** Added to the query; null: the group is empty by the filters themselves. */
  narrow: IssueQuery | null;
  has: (issue: Issue) => boolean;
}

/** The count_issues tool. */
export const countIssues = defineTool({
  name: "count_issues",
  title: "Count Backlog issues by group",
  description:
    "Use when asked how many issues: counts per status, priority, assignee, project, milestone or due bucket.",
  inputSchema,
  outputSchema: countsSchema,
  annotations: READS_BACKLOG,
  async handler(args, ctx) {
    const parsed = filterSchema.safeParse(args.filters ?? {});
    if (!parsed.success) {
      throw new ToolInputError("filters", parsed.error.issues.map((i) => i.message).join("; "));
    }
    const filters = parsed.data;
    const zone = await outputZone(ctx, filters.timezone);
    const tz = zone.zone;
    const now = ctx.now();
    const listArgs = { ...filters, sort: "updated", order: "desc" } as const;
    const dates = resolveDateFilters(listArgs, zone, now);
    const conditions = resolveConditions(listArgs);
    const built = await buildQuery(listArgs, ctx, { dates, conditions, zone });
    const { sort: _sort, order: _order, ...query } = built.query;
    const projectIds = new Set(query.projectId ?? []);
    const projects = (await ctx.metadata.projects()).filter((p) => projectIds.has(p.id));
    const notes = safeLines(built.notes);
    const base = {
      group_by: args.group_by,
      // Filters name statuses, people and milestones: made safe here for the structured answer.
      filters: safeLines(built.filters.filter((f) => !f.startsWith("sorted by"))),
      notes,
    };
    if (projects.length === 0) {
      const empty = { ...base, total: 0, groups: [], method: countMethodText({ by: "none" }) };
      return { text: renderCountsText(empty), structured: empty };
    }
    const groups = await groupsFor(args.group_by, ctx, { query, projects, tz, now, notes });
    const total = await ctx.api.countIssues(query);
    const countable = groups.filter((g) => g.narrow !== null).length;
    let rows: { group: string; count: number }[];
    let method: string;
    if (countable > COUNT_MAX) {
      if (total > LIST_MAX) {
        throw new ToolInputError(
          "group_by",
          `${countable} ${args.group_by} groups and ${total} issues are too many to count in one call; narrow filters (e.g. project_ids).`,
        );
      }
      const issues = await listAll(ctx, query, total);
      rows = groups.map((g) => ({ group: g.label, count: issues.filter(g.has).length }));
      const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
      method = countMethodText({ by: "list", pages, groups: countable, countMax: COUNT_MAX });
      const rest = issues.filter(restTest(args.group_by)).length;
      if (rest) rows.push({ group: restLabel(args.group_by), count: rest });
    } else {
      rows = [];
      for (const g of groups) {
        const count = g.narrow === null ? 0 : await ctx.api.countIssues({ ...query, ...g.narrow });
        rows.push({ group: g.label, count });
      }
      method = countMethodText({ by: "count", groups: countable });
      const sum = rows.reduce((n, r) => n + r.count, 0);
      if (args.group_by === "assignee" && query.assigneeId === undefined) {
        rows.push({ group: REST_LABELS.assignee, count: total - sum });
      } else if (args.group_by === "milestone") {
        notes.push(MILESTONE_NOTES.perMilestone);
      }
    }
    const result = { ...base, notes: safeLines(notes), total, groups: rows, method };
    return { text: renderCountsText(result), structured: result };
  },
});

function restLabel(groupBy: GroupBy): string {
  return REST_LABELS[groupBy === "assignee" ? "assignee" : "milestone"];
}

/** The issues no group of `groupBy` holds by definition: unassigned, without milestone. */
function restTest(groupBy: GroupBy): (issue: Issue) => boolean {
  if (groupBy === "assignee") return (i) => !i.assignee;
  if (groupBy === "milestone") return (i) => (i.milestone ?? []).length === 0;
  return () => false;
}

interface GroupContext {
  query: IssueQuery;
  projects: Project[];
  tz: string;
  now: Date;
  notes: string[];
}

async function groupsFor(groupBy: GroupBy, ctx: ToolContext, g: GroupContext): Promise<Group[]> {
  const { query, projects } = g;
  const only = (ids: number[] | undefined, all: number[]) =>
    ids === undefined ? all : all.filter((id) => ids.includes(id));
  switch (groupBy) {
    case "status": {
      const names = await statusNames(ctx, projects);
      const ids = only(query.statusId as number[] | undefined, [...names.keys()]);
      return ids.map((id) => ({
        label: groupLabel(names.get(id)!),
        narrow: { statusId: [id] },
        has: (i) => i.status?.id === id,
      }));
    }
    case "priority": {
      const list = await ctx.metadata.priorities();
      const ids = only(query.priorityId as number[] | undefined, list.map((p) => p.id));
      return ids.map((id) => ({
        label: groupLabel(list.find((p) => p.id === id)!.name),
        narrow: { priorityId: [id] },
        has: (i) => i.priority?.id === id,
      }));
    }
    case "assignee": {
      const people = await members(ctx, projects);
      const ids = query.assigneeId ?? people.map((u) => u.id);
      return ids.map((id) => ({
        label: groupLabel(people.find((u) => u.id === id)?.name ?? `user ${id}`),
        narrow: { assigneeId: [id] },
        has: (i) => i.assignee?.id === id,
      }));
    }
    case "project":
      return projects.map((p) => ({
        label: groupLabel(`${p.projectKey} ${p.name}`),
        narrow: { projectId: [p.id] },
        has: (i) => i.projectId === p.id,
      }));
    case "milestone": {
      const versions = (await Promise.all(projects.map((p) => ctx.metadata.versions(p.id)))).flat();
      const wanted = query.milestoneId as number[] | undefined;
      const chosen = versions.filter((v) => wanted ? wanted.includes(v.id) : !v.archived);
      if (!wanted && chosen.length < versions.length) {
        g.notes.push(MILESTONE_NOTES.archived);
      }
      return chosen.map((v) => ({
        label: groupLabel(
          projects.length > 1 ? `${v.name} (${projectKey(projects, v.projectId)})` : v.name,
        ),
        narrow: { milestoneId: [v.id] },
        has: (i) => (i.milestone ?? []).some((m) => m.id === v.id),
      }));
    }
    case "due":
      return dueBuckets(g);
  }
}

function projectKey(projects: Project[], id: number | undefined): string {
  return projects.find((p) => p.id === id)?.projectKey ?? "?";
}

/** Overdue / today / rest of this week / later / no due date, within any due-date filter. */
function dueBuckets(g: GroupContext): Group[] {
  const today = todayIn(g.tz, g.now);
  const sunday = addDays(today, 7 - isoWeekday(today));
  const since = g.query.dueDateSince as string | undefined;
  const until = g.query.dueDateUntil as string | undefined;
  const range = (label: string, from?: string, to?: string): Group => {
    const lo = [from, since].filter(Boolean).sort().at(-1);
    const hi = [to, until].filter(Boolean).sort()[0];
    const empty = lo !== undefined && hi !== undefined && lo > hi;
    return {
      label,
      narrow: empty ? null : { dueDateSince: lo, dueDateUntil: hi },
      has: (i) => {
        const due = calendarDate(i.dueDate);
        return !empty && due !== null && (!lo || due >= lo) && (!hi || due <= hi);
      },
    };
  };
  const tomorrow = addDays(today, 1);
  const monday = addDays(sunday, 1);
  const labels = dueLabels({ today, tomorrow, sunday, monday });
  const rest = tomorrow <= sunday
    ? range(labels.restOfWeek, tomorrow, sunday)
    : { label: labels.restOfWeek, narrow: null, has: () => false };
  return [
    range(labels.overdue, undefined, addDays(today, -1)),
    range(labels.today, today, today),
    rest,
    range(labels.later, monday),
    {
      label: labels.none,
      narrow: since || until ? null : { hasDueDate: false },
      has: (i) => !since && !until && calendarDate(i.dueDate) === null,
    },
  ];
}

/** The `total` issues of `query`, oldest first, a page at a time. */
async function listAll(ctx: ToolContext, query: IssueQuery, total: number): Promise<Issue[]> {
  const ordered = { ...query, sort: "created", order: "asc" } as const;
  const read = await readPages({
    by: "offset",
    read: (at) => ctx.api.listIssues(ordered, at.offset, PAGE_SIZE),
    maxPages: Math.ceil(total / PAGE_SIZE),
  });
  return read.items;
}
