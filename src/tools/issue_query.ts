/**
 * get_user_issue_list's filter parameters, and how its arguments become
 * Backlog's `GET /issues` parameters: names resolved to ids, relative dates to calendar dates,
 * defaults (me, not Closed, every usable active project) filled in. Every
 * choice is described in `filters`/`notes` so the answer says what it shows.
 *
 * @module
 */

import { ISSUE_SORT_KEYS, type IssueQuery } from "../backlog/api.ts";
import type { Project } from "../backlog/types.ts";
import { isoWeekday, resolveRelativeDate, todayIn } from "../shared/dates.ts";
import { selectProjects } from "../resolve/resolver.ts";
import type { CustomColumn } from "../render/issue_list.ts";
import { z } from "zod";
import { customFieldListQuery, customFieldsFilterParam } from "./custom_field_args.ts";
import {
  type DateFilter,
  dateFilterParam,
  idListParam,
  NAME_PARAM_MAX,
  refListParam,
} from "./params.ts";
import { type ToolContext } from "./tool.ts";
import { describeZone, type OutputZone } from "../resolve/timezone.ts";
import {
  ATTRIBUTE_PARAMS,
  type ConditionArgs,
  type NamedArgs,
  type QueryPart,
  resolveNamedFilters,
} from "./issue_attributes.ts";
import { ToolInputError } from "../shared/input_error.ts";

/**
 * get_user_issue_list's filters (zod shape), which count_issues takes too:
 * every parameter but sorting, paging and the timezone.
 */
export const FILTER_PARAMS = {
  project_ids: refListParam("project_ids", '[12345, "PROJ"]', {
    meaning: "Default: all active projects.",
  }),
  assignee_ids: refListParam(
    "assignee_ids",
    '["me", "hanako", 5002]',
    { meaning: 'Default ["me"]; [] = anyone.' },
  ),
  status_ids: refListParam(
    "status_ids",
    '["In Progress", 2]',
    { meaning: "Default: all but Closed; [] = any." },
  ),
  milestone_ids: refListParam("milestone_ids", '["Sprint 24", 4103]'),
  parent_issue_ids: idListParam("parent_issue_ids", "Their children."),
  ...ATTRIBUTE_PARAMS,
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
    .max(NAME_PARAM_MAX, { error: `keyword must be at most ${NAME_PARAM_MAX} characters` })
    .optional(),
  custom_fields: customFieldsFilterParam,
};

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
export interface FilterArgs extends Partial<Record<DateArg, DateFilter>>, NamedArgs, ConditionArgs {
  project_ids?: Ref[];
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
export function resolveDateFilters(
  args: FilterArgs,
  zone: OutputZone | undefined,
  now: Date,
): BuiltQuery {
  const query: IssueQuery = {};
  const filters: string[] = [];
  const notes: string[] = [];
  let relative = false;
  for (const [since, sinceParam, until, untilParam, label] of DATE_FILTERS) {
    const pick = (value: DateFilter | undefined, end: "since" | "until") => {
      if (!value) return undefined;
      if ("date" in value) return value.date;
      relative = true;
      if (!zone) throw new Error("a relative date needs the zone (see usesRelativeDates)");
      return resolveRelativeDate(value.word, zone.zone, now)[end];
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
  const boundary = dateBoundaryNote(query);
  if (boundary) notes.push(boundary);
  if (relative && zone) {
    const today = todayIn(zone.zone, now);
    const day = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][
      isoWeekday(today) - 1
    ];
    notes.push(
      `relative dates were resolved in ${
        describeZone(zone)
      }, where today is ${today} (${day}); weeks run Monday–Sunday.`,
    );
  } else if (zone) {
    notes.push(...zoneNotes(zone));
  }
  return { query, filters, notes };
}

/** Whether any date filter is a relative word (which needs the zone before Backlog is asked). */
export function usesRelativeDates(args: FilterArgs): boolean {
  return DATE_FILTERS.some(([since, , until]) =>
    [args[since], args[until]].some((v) => v !== undefined && "word" in v)
  );
}

/** What an answer says about its zone when it is not the one asked for: the fallback's reason. */
export function zoneNotes(zone: OutputZone): string[] {
  return zone.source === "fallback" ? [`times are shown in ${describeZone(zone)}.`] : [];
}

/**
 * What the date filters sent mean on Backlog's side, said once. Nulab's docs
 * give only `yyyy-MM-dd` for each: they say neither whether both ends are
 * included nor, for created/updated (timestamps), in which timezone a day
 * is counted. The stand-in keeps the latter a setting (`dateFilterOffsetMinutes`).
 */
function dateBoundaryNote(query: IssueQuery): string | undefined {
  const stamps = query.createdSince || query.createdUntil || query.updatedSince ||
    query.updatedUntil;
  const dates = query.startDateSince || query.startDateUntil || query.dueDateSince ||
    query.dueDateUntil;
  if (stamps) {
    return "date filters go to Backlog as calendar days, both ends taken as included; for created/updated, Nulab does not document in which timezone Backlog counts a timestamp's day, so an issue within hours of midnight may fall on the other side.";
  }
  if (dates) {
    return "start/due dates are calendar dates (no timezone shifts them); both ends are taken as included, which Nulab's docs do not state.";
  }
  return undefined;
}

/**
 * Builds the whole query: projects, people, statuses, milestones, the
 * attribute filters, the already resolved `dates` and `conditions`, keyword,
 * custom fields, sort.
 */
export async function buildQuery(
  args: FilterArgs,
  ctx: ToolContext,
  resolved: { dates: BuiltQuery; conditions: QueryPart; zone?: OutputZone },
): Promise<BuiltQuery> {
  const { dates, conditions, zone } = resolved;
  const { projects, filters, notes } = await chooseProjects(args, ctx);
  const query: IssueQuery = { projectId: projects.map((p) => p.id) };

  const named = await resolveNamedFilters(args, ctx, projects);
  Object.assign(query, named.query, conditions.query, dates.query);
  filters.push(...named.filters, ...conditions.filters, ...dates.filters);
  if (args.keyword) {
    query.keyword = args.keyword;
    filters.push(`keyword: "${args.keyword}"`);
  }
  const custom = await customFieldListQuery(ctx, {
    projects,
    filters: args.custom_fields,
    sort: args.sort,
    builtInSorts: ISSUE_SORT_KEYS,
    // The zone is read only for custom field filters, for which the handler resolved it first.
    clock: { tz: zone?.zone ?? "UTC", now: ctx.now() },
  });
  Object.assign(query, custom.params);
  filters.push(...custom.filters);
  query.sort = custom.sort;
  query.order = args.order;
  filters.push(`sorted by ${args.sort} ${args.order}`);
  return { query, filters, notes: [...notes, ...dates.notes], columns: custom.columns };
}

/** The projects searched, the filter line that names them and the notes on the default. */
async function chooseProjects(
  args: FilterArgs,
  ctx: ToolContext,
): Promise<{ projects: Project[]; filters: string[]; notes: string[] }> {
  const chosen = await selectProjects(ctx, args.project_ids, "project_ids");
  const filters = [`projects: ${chosen.projects.map((p) => p.projectKey).join(", ") || "none"}`];
  const notes: string[] = [];
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
  return { projects: chosen.projects, filters, notes };
}
