/**
 * Names that live in projects (statuses, milestones): a name is looked up in
 * each selected project and the ids found are united, so "In Progress" means
 * that status wherever it exists and "Waiting for QA" the custom status of
 * the one project that has it. A name found nowhere lists the valid names; a
 * name that matches two different things within one project is refused.
 *
 * @module
 */

import type { Project, Status, Version } from "../backlog/types.ts";
import { statusAliases } from "./builtins.ts";
import { ambiguousName, asId, candidate, matchName, type NamedItem, unknownName } from "./match.ts";

/** One project's list of named things. */
export interface ProjectItems<T extends NamedItem> {
  project: Project;
  items: readonly T[];
}

/** Resolved ids, and how each reference was read (for the answer's filter line). */
export interface Resolved {
  ids: number[];
  labels: string[];
}

/** Options for {@linkcode resolveAcrossProjects}. */
export interface AcrossOptions<T> {
  parameter: string;
  what: string;
  aliases?: (item: T) => readonly string[];
  /** Appended to the "valid names" list, e.g. where to see them all. */
  hint?: string;
}

/** Resolves ids and names against several projects' lists; ids pass through unchanged. */
export function resolveAcrossProjects<T extends NamedItem>(
  refs: readonly (number | string)[],
  lists: readonly ProjectItems<T>[],
  options: AcrossOptions<T>,
): Resolved {
  const ids = new Set<number>();
  const labels: string[] = [];
  for (const ref of refs) {
    const id = asId(ref);
    if (id !== undefined) {
      ids.add(id);
      labels.push(String(id));
      continue;
    }
    const text = String(ref);
    const found = new Map<number, Set<string>>();
    for (const { project, items } of lists) {
      const matches = matchName(text, items.map((i) => candidate(i, options.aliases)));
      if (matches.length > 1) {
        throw ambiguousName(
          options.parameter,
          options.what,
          text,
          ` in ${project.projectKey}`,
          matches.map((m) => `"${m.name}" (${m.id})`),
        );
      }
      if (matches.length === 1) {
        const names = found.get(matches[0].id) ?? new Set();
        found.set(matches[0].id, names.add(matches[0].name));
      }
    }
    if (found.size === 0) {
      const where = lists.length
        ? ` in ${lists.map((l) => l.project.projectKey).join(", ")}`
        : " (no project selected)";
      const valid = lists.flatMap((l) => l.items.map((i) => i.name));
      throw unknownName(options.parameter, options.what, text, where, valid, options.hint);
    }
    for (const id of found.keys()) ids.add(id);
    labels.push(
      [...found].map(([id, names]) => `${[...names].join("/")} (${id})`).join(", "),
    );
  }
  return { ids: [...ids], labels };
}

/** Where a model finds every valid name. */
export const METADATA_HINT = " (get_project_metadata lists them per project)";

/** Status names or ids → ids, per project (custom statuses included). */
export function resolveStatuses(
  refs: readonly (number | string)[],
  lists: readonly ProjectItems<Status>[],
  parameter: string,
): Resolved {
  return resolveAcrossProjects(refs, lists, {
    parameter,
    what: "status",
    aliases: statusAliases,
    hint: METADATA_HINT,
  });
}

/** Milestone names or ids → ids, within the selected projects (archived ones included). */
export function resolveMilestones(
  refs: readonly (number | string)[],
  lists: readonly ProjectItems<Version>[],
  parameter: string,
): Resolved {
  return resolveAcrossProjects(refs, lists, { parameter, what: "milestone", hint: METADATA_HINT });
}
