/**
 * The allowlist checks: each BACKLOG_PROJECTS entry is a project in the space
 * that the key's user has joined.
 *
 * @module
 */

import type { BacklogApi } from "../../backlog/api.ts";
import type { Project, User } from "../../backlog/types.ts";
import type { CheckResult } from "./types.ts";

/** One `project:<entry>` result per entry; none when the allowlist is empty. */
export async function checkProjects(
  api: BacklogApi,
  entries: readonly string[],
  me: User,
): Promise<CheckResult[]> {
  if (entries.length === 0) return [];
  let joined: Project[];
  try {
    joined = await api.getProjects();
  } catch (error) {
    return [{
      id: "projects",
      status: "fail",
      message: `Could not list the projects: ${error instanceof Error ? error.message : error}`,
      fix: "run the doctor again; if it persists, check the key's permissions.",
    }];
  }
  const visible = joined.map((p) => p.projectKey).join(", ") || "none";
  const results: CheckResult[] = [];
  for (const entry of entries) {
    const id = `project:${entry}`;
    const found = joined.find((p) =>
      p.projectKey.toUpperCase() === entry.toUpperCase() || String(p.id) === entry
    );
    if (found) {
      results.push({
        id,
        status: "pass",
        message: `Project ${found.projectKey} exists: "${found.name}"${
          found.archived ? " (archived)" : ""
        }.`,
      });
      continue;
    }
    let exists = false;
    try {
      await api.getProject(entry);
      exists = true;
    } catch { /* 404 or worse: treated as absent */ }
    results.push(
      exists
        ? {
          id,
          status: "fail",
          message: `Project ${entry} exists, but ${me.name} has not joined it.`,
          fix: `ask a project administrator to add you, or take ${entry} out of BACKLOG_PROJECTS.`,
        }
        : {
          id,
          status: "fail",
          message: `No project "${entry}" in this space.`,
          fix: `correct BACKLOG_PROJECTS; the key's user has joined: ${visible}.`,
        },
    );
  }
  return results;
}
