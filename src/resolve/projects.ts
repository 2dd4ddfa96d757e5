/**
 * Projects by id, key (`PROJ`, any case) or exact name, among the projects the
 * key can see, and within the allowlist.
 *
 * @module
 */

import type { Project } from "../backlog/types.ts";
import { ToolInputError } from "../shared/input_error.ts";
import { listNames } from "../render/text.ts";
import { ambiguousName, asId, matchName } from "./match.ts";
import type { ProjectScope } from "./scope.ts";

/** `DEMO (Demo Web App, 101)`. */
export function describeProject(project: Project): string {
  return `${project.projectKey} (${project.name}, ${project.id})`;
}

/** Where project references are looked up. */
export interface ProjectLookup {
  /** The projects the key can see. */
  visible: readonly Project[];
  scope: ProjectScope;
  /** The parameter a refusal names. */
  parameter: string;
}

/** Resolves one project reference; refuses unknown projects and those outside the scope. */
export function resolveProject(ref: number | string, lookup: ProjectLookup): Project {
  const { visible, scope, parameter } = lookup;
  const id = asId(ref);
  const text = String(ref).trim();
  // Under an allowlist only allowed projects are looked at: what lies outside is never matched,
  // listed or told apart from what does not exist.
  const usable = scope.filter(visible);
  let found: Project | undefined;
  if (id !== undefined) {
    found = usable.find((p) => p.id === id);
  } else {
    found = usable.find((p) => p.projectKey.toUpperCase() === text.toUpperCase());
    if (!found) {
      const byName = matchName(text, usable.map((p) => ({ item: p, names: [p.name] })));
      if (byName.length > 1) {
        throw ambiguousName({ parameter, what: "project" }, text, byName.map(describeProject));
      }
      found = byName[0];
    }
  }
  if (!found && scope.restricted) throw scope.projectRefused(parameter, id ?? text);
  if (!found) {
    throw new ToolInputError(
      parameter,
      `${
        id ?? `"${text.slice(0, 60)}"`
      } is not a project this API key can see. Projects you can use: ${
        listNames(usable.map(describeProject))
      }.`,
    );
  }
  return found;
}

/** Resolves several project references, keeping their order and dropping repeats. */
export function resolveProjects(
  refs: readonly (number | string)[],
  lookup: ProjectLookup,
): Project[] {
  const chosen = refs.map((ref) => resolveProject(ref, lookup));
  return [...new Set(chosen)];
}
