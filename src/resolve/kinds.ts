/**
 * The kinds of named things tools take by name (statuses, milestones, issue
 * types, categories, priorities, resolutions): how messages call each, where
 * its list comes from (the project's, or the space's for every project), and
 * the other names its built-in entries answer to.
 *
 * @module
 */

import type { Metadata } from "../backlog/metadata.ts";
import type { Category, IssueType, Named, Status, Version } from "../backlog/types.ts";
import { priorityAliases, resolutionAliases, statusAliases } from "./builtins.ts";

/** The items of each kind of named thing. */
export interface KindItems {
  status: Status;
  milestone: Version;
  issueType: IssueType;
  category: Category;
  priority: Named;
  resolution: Named;
}

/** A kind of named thing a tool takes by name: statuses, milestones, priorities … */
export type Kind = keyof KindItems;

export interface KindRule<T> {
  /** How messages call it. */
  what: string;
  /** Its list: the project's, or (`space`) the same for every project. */
  list(metadata: Metadata, projectId: number): Promise<T[]>;
  space?: true;
  /** Other names its built-in entries answer to (English and Japanese). */
  aliases?: (item: T) => readonly string[];
}

export const KINDS: { [K in Kind]: KindRule<KindItems[K]> } = {
  status: { what: "status", list: (m, id) => m.statuses(id), aliases: statusAliases },
  milestone: { what: "milestone", list: (m, id) => m.versions(id) },
  issueType: { what: "issue type", list: (m, id) => m.issueTypes(id) },
  category: { what: "category", list: (m, id) => m.categories(id) },
  priority: {
    what: "priority",
    list: (m) => m.priorities(),
    space: true,
    aliases: priorityAliases,
  },
  resolution: {
    what: "resolution",
    list: (m) => m.resolutions(),
    space: true,
    aliases: resolutionAliases,
  },
};
