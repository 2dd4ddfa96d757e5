/**
 * get_user_issue_list's filters by id or name (people, statuses, milestones,
 * issue types, categories, priorities, resolutions, reporters, with the
 * defaults: me, not Closed) and the `only` conditions
 * (due date set or not, with or without attachments or shared files, where
 * an issue sits among parents and children), turned into Backlog's
 * parameters with one sentence each for the answer.
 *
 * @module
 */

import { z } from "zod";
import { type IssueQuery, PARENT_CHILD } from "../backlog/api.ts";
import { ANY_DUE_DATE } from "../backlog/issue_search.ts";
import type { Project } from "../backlog/types.ts";
import type { Resolved } from "../resolve/per_project.ts";
import { idsOf, type Kind, me, openStatuses, type ResolveContext } from "../resolve/resolver.ts";
import { ToolInputError } from "../shared/input_error.ts";
import { refListParam } from "./params.ts";

type Ref = number | string;

/** The `only` words and what each sends and says. */
const CONDITIONS = {
  due_date: { group: "due", say: `due date: set (sent as due on or after ${ANY_DUE_DATE})` },
  no_due_date: { group: "due", say: "due date: none", query: { hasDueDate: false } },
  attachments: { group: "att", say: "with attachments", query: { attachment: true } },
  no_attachments: { group: "att", say: "without attachments", query: { attachment: false } },
  shared_files: { group: "file", say: "with shared files", query: { sharedFile: true } },
  no_shared_files: { group: "file", say: "without shared files", query: { sharedFile: false } },
  parents: {
    group: "tree",
    say: "parent issues (with child issues)",
    query: { parentChild: PARENT_CHILD.parent },
  },
  children: { group: "tree", say: "child issues", query: { parentChild: PARENT_CHILD.child } },
  not_children: {
    group: "tree",
    say: "not child issues",
    query: { parentChild: PARENT_CHILD.notChild },
  },
  standalone: {
    group: "tree",
    say: "neither parent nor child",
    query: { parentChild: PARENT_CHILD.standalone },
  },
} as const satisfies Record<string, { group: string; say: string; query?: IssueQuery }>;

/** Words `only` accepts. */
export const ONLY_WORDS = Object.keys(CONDITIONS) as (keyof typeof CONDITIONS)[];
type OnlyWord = keyof typeof CONDITIONS;

const onlyError = `only must be a list of: ${ONLY_WORDS.join(", ")}`;

/** The parameters (zod shapes), kept terse: each costs context in every session. */
export const ATTRIBUTE_PARAMS = {
  issue_type_ids: refListParam("issue_type_ids", '["Bug"]'),
  category_ids: refListParam("category_ids", '["Frontend"]'),
  priority_ids: refListParam("priority_ids", '["High"]'),
  resolution_ids: refListParam("resolution_ids", '["Fixed", 1]', {
    meaning: '"Fixed" is 0.',
    zero: true,
  }),
  reporter_ids: refListParam("reporter_ids", '["me"]', { meaning: "Who created the issues." }),
  only: z.array(z.enum(ONLY_WORDS as [OnlyWord, ...OnlyWord[]], { error: onlyError }), {
    error: onlyError,
  })
    .max(ONLY_WORDS.length, { error: onlyError })
    .optional()
    .describe("x or no_x; at most one of parents, children, not_children, standalone."),
};

/** The `only` conditions. */
export interface ConditionArgs {
  only?: OnlyWord[];
}

/** The filters by ids or names this module resolves. */
export interface NamedArgs {
  assignee_ids?: Ref[];
  status_ids?: Ref[];
  milestone_ids?: Ref[];
  parent_issue_ids?: number[];
  issue_type_ids?: Ref[];
  category_ids?: Ref[];
  priority_ids?: Ref[];
  resolution_ids?: Ref[];
  reporter_ids?: Ref[];
}

/** A query part and the sentences that describe it. */
export interface QueryPart {
  query: IssueQuery;
  filters: string[];
}

/**
 * The `only` conditions, checked for contradictions before Backlog is asked
 * anything (`due_date` with `no_due_date`, two hierarchy words, `no_due_date`
 * with a due-date range).
 */
export function resolveConditions(
  args: ConditionArgs & { due_date_since?: unknown; due_date_until?: unknown },
): QueryPart {
  const words = [...new Set(args.only ?? [])];
  const query: IssueQuery = {};
  const filters: string[] = [];
  const taken = new Map<string, OnlyWord>();
  for (const word of words) {
    const condition = CONDITIONS[word];
    const other = taken.get(condition.group);
    if (other) {
      throw new ToolInputError("only", `"${other}" and "${word}" cannot both apply; keep one.`);
    }
    taken.set(condition.group, word);
    const ranged = args.due_date_since !== undefined || args.due_date_until !== undefined;
    if (word === "no_due_date" && ranged) {
      throw new ToolInputError(
        "only",
        '"no_due_date" contradicts due_date_since/due_date_until (an issue without a due date is in no due-date range); drop one.',
      );
    }
    if (word === "due_date") {
      // Backlog has no "has a due date" filter (hasDueDate=true is refused): a range from
      // 1970 says it, unless a due-date range (which implies one) is given anyway.
      if (!ranged) {
        query.dueDateSince = ANY_DUE_DATE;
        filters.push(condition.say);
      }
      continue;
    }
    Object.assign(query, "query" in condition ? condition.query : {});
    filters.push(condition.say);
  }
  return { query, filters };
}

/** A filter by ids or names: its parameter, what it names, Backlog's parameter, its label. */
interface NamedFilter {
  arg: keyof NamedArgs;
  /** What its names are; `id`: plain ids, no lookup. */
  kind: Kind | "user" | "id";
  param:
    | "assigneeId"
    | "statusId"
    | "milestoneId"
    | "parentIssueId"
    | "issueTypeId"
    | "categoryId"
    | "priorityId"
    | "resolutionId"
    | "createdUserId";
  label: string;
  /** What `[]` means where it is not "no filter": the default is lifted. */
  none?: string;
  /** The filter applied when the parameter is absent. */
  byDefault?: (ctx: ResolveContext, projects: readonly Project[]) => Promise<Resolved>;
}

/** The named filters, in the order the answer says them. */
const NAMED_FILTERS: readonly NamedFilter[] = [
  {
    arg: "assignee_ids",
    kind: "user",
    param: "assigneeId",
    label: "assignee",
    none: "anyone",
    byDefault: myself,
  },
  {
    arg: "status_ids",
    kind: "status",
    param: "statusId",
    label: "status",
    none: "any",
    byDefault: notClosed,
  },
  { arg: "milestone_ids", kind: "milestone", param: "milestoneId", label: "milestone" },
  { arg: "parent_issue_ids", kind: "id", param: "parentIssueId", label: "parent issue ids" },
  { arg: "issue_type_ids", kind: "issueType", param: "issueTypeId", label: "issue type" },
  { arg: "category_ids", kind: "category", param: "categoryId", label: "category" },
  { arg: "priority_ids", kind: "priority", param: "priorityId", label: "priority" },
  { arg: "resolution_ids", kind: "resolution", param: "resolutionId", label: "resolution" },
  { arg: "reporter_ids", kind: "user", param: "createdUserId", label: "reporter" },
];

async function myself(ctx: ResolveContext): Promise<Resolved> {
  const self = await me(ctx);
  return {
    ids: [self.id],
    labels: [`me (${self.name ? `${self.name}, ` : ""}user id ${self.id})`],
  };
}

async function notClosed(ctx: ResolveContext, projects: readonly Project[]): Promise<Resolved> {
  const open = await openStatuses(ctx, projects);
  return { ids: open.ids, labels: [`not Closed (${open.labels.join(", ")})`] };
}

/**
 * People, statuses, milestones, parent issues, issue types, categories,
 * priorities, resolutions and reporters by id or name → ids, each looked up
 * in the selected `projects`; the defaults (me, not Closed) where absent.
 */
export async function resolveNamedFilters(
  args: NamedArgs,
  ctx: ResolveContext,
  projects: readonly Project[],
): Promise<QueryPart> {
  const query: IssueQuery = {};
  const filters: string[] = [];
  for (const filter of NAMED_FILTERS) {
    const refs = args[filter.arg];
    let found: Resolved | undefined;
    if (refs === undefined) {
      found = await filter.byDefault?.(ctx, projects);
    } else if (refs.length === 0) {
      if (filter.none) filters.push(`${filter.label}: ${filter.none}`);
    } else if (filter.kind === "id") {
      found = { ids: refs as number[], labels: refs.map(String) };
    } else {
      found = await idsOf(ctx, filter.kind, { refs, parameter: filter.arg, projects });
    }
    if (!found) continue;
    query[filter.param] = found.ids;
    filters.push(`${filter.label}: ${found.labels.join(", ")}`);
  }
  return { query, filters };
}
