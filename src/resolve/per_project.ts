/**
 * Names that live in projects (statuses, milestones): a name is looked up in
 * each selected project and the ids found are united, so "In Progress" means
 * that status wherever it exists and "Waiting for QA" the custom status of
 * the one project that has it. A name found nowhere lists the valid names; a
 * name that matches two different things within one project is refused.
 *
 * @module
 */

import type { Project } from "../backlog/types.ts";
import {
  ambiguousName,
  asId,
  candidate,
  type Looked,
  matchName,
  type NamedItem,
  unknownName,
} from "./match.ts";

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

/** Options for {@linkcode resolveAcrossProjects} (`where` is said by the projects). */
export interface AcrossOptions<T> extends Omit<Looked, "where"> {
  aliases?: (item: T) => readonly string[];
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
          { ...options, where: ` in ${project.projectKey}` },
          text,
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
      throw unknownName({ ...options, where }, text, valid);
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
