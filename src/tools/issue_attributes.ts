/**
 * get_user_issue_list's attribute filters: issue types, categories,
 * priorities, resolutions and reporters by name, and the `only` conditions
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
import { projectItemIds, type ResolveContext, spaceItemIds, userIds } from "../resolve/resolver.ts";
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
  resolution_ids: refListParam("resolution_ids", '["Fixed", 1]', '"Fixed" is 0.', { zero: true }),
  reporter_ids: refListParam("reporter_ids", '["me"]', "Who created the issues."),
  only: z.array(z.enum(ONLY_WORDS as [OnlyWord, ...OnlyWord[]], { error: onlyError }), {
    error: onlyError,
  })
    .max(ONLY_WORDS.length, { error: onlyError })
    .optional()
    .describe("x or no_x; at most one of parents, children, not_children, standalone."),
};

/** The arguments this module reads. */
export interface AttributeArgs {
  issue_type_ids?: Ref[];
  category_ids?: Ref[];
  priority_ids?: Ref[];
  resolution_ids?: Ref[];
  reporter_ids?: Ref[];
  only?: OnlyWord[];
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
  args: AttributeArgs & { due_date_since?: unknown; due_date_until?: unknown },
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

/** Issue types, categories, priorities, resolutions and reporters by name → ids. */
export async function resolveAttributes(
  args: AttributeArgs,
  ctx: ResolveContext,
  projects: readonly Project[],
): Promise<QueryPart> {
  const query: IssueQuery = {};
  const filters: string[] = [];
  if (args.issue_type_ids?.length) {
    const r = await projectItemIds(
      ctx,
      "issueTypes",
      args.issue_type_ids,
      projects,
      "issue_type_ids",
    );
    query.issueTypeId = r.ids;
    filters.push(`issue type: ${r.labels.join(", ")}`);
  }
  if (args.category_ids?.length) {
    const r = await projectItemIds(ctx, "categories", args.category_ids, projects, "category_ids");
    query.categoryId = r.ids;
    filters.push(`category: ${r.labels.join(", ")}`);
  }
  if (args.priority_ids?.length) {
    const r = await spaceItemIds(ctx, "priorities", args.priority_ids, "priority_ids");
    query.priorityId = r.ids;
    filters.push(`priority: ${r.labels.join(", ")}`);
  }
  if (args.resolution_ids?.length) {
    const r = await spaceItemIds(ctx, "resolutions", args.resolution_ids, "resolution_ids");
    query.resolutionId = r.ids;
    filters.push(`resolution: ${r.labels.join(", ")}`);
  }
  if (args.reporter_ids?.length) {
    const r = await userIds(ctx, args.reporter_ids, projects, "reporter_ids");
    query.createdUserId = r.ids;
    filters.push(`reporter: ${r.labels.join(", ")}`);
  }
  return { query, filters };
}
