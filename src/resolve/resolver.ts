/**
 * Name resolution wired to the cached metadata: what tools call to turn the
 * ids and names they were given into Backlog ids, within the project scope.
 * The matching rules themselves live in the sibling modules.
 *
 * @module
 */

import type { Issue, Named, Project, User } from "../backlog/types.ts";
import type { ToolContext } from "../tools/tool.ts";
import { priorityAliases, resolutionAliases } from "./builtins.ts";
import { resolveNamed } from "./match.ts";
import {
  METADATA_HINT,
  resolveAcrossProjects,
  type Resolved,
  resolveMilestones,
  resolveStatuses,
} from "./per_project.ts";
import { resolveProject, resolveProjects } from "./projects.ts";
import { ME, type Me, resolveUsers } from "./users.ts";

/** What resolution needs from the tool context. */
export type ResolveContext = Pick<ToolContext, "config" | "metadata" | "scope" | "api">;

/** "me": USER_ID when configured, else the key's owner (`GET /users/myself`, cached). */
export async function me(ctx: ResolveContext): Promise<Me> {
  if (ctx.config.userId) return { id: ctx.config.userId };
  const user = await ctx.metadata.myself();
  return { id: user.id, name: user.name };
}

/** The projects a tool may use: visible ones within the allowlist. */
export async function usableProjects(ctx: ResolveContext): Promise<Project[]> {
  return ctx.scope.filter(await ctx.metadata.projects());
}

/** Projects selected for a search. */
export interface ProjectSelection {
  projects: Project[];
  /** True when no project was named and the default (active usable projects) applied. */
  defaulted: boolean;
  /** Archived usable projects the default left out. */
  archivedLeftOut: number;
}

/** Named projects (ids, keys or names), or by default every non-archived usable project. */
export async function selectProjects(
  ctx: ResolveContext,
  refs: readonly (number | string)[] | undefined,
  parameter: string,
): Promise<ProjectSelection> {
  const visible = await ctx.metadata.projects();
  if (refs === undefined || refs.length === 0) {
    const usable = ctx.scope.filter(visible);
    const active = usable.filter((p) => !p.archived);
    return { projects: active, defaulted: true, archivedLeftOut: usable.length - active.length };
  }
  return {
    projects: resolveProjects(refs, visible, ctx.scope, parameter),
    defaulted: false,
    archivedLeftOut: 0,
  };
}

/** One project by id, key or name, within the scope. */
export async function projectByRef(
  ctx: ResolveContext,
  ref: number | string,
  parameter: string,
): Promise<Project> {
  return resolveProject(ref, await ctx.metadata.projects(), ctx.scope, parameter);
}

/** Status ids or names → ids, looked up in each of `projects`. */
export async function statusIds(
  ctx: ResolveContext,
  refs: readonly (number | string)[],
  projects: readonly Project[],
  parameter: string,
): Promise<Resolved> {
  const lists = await Promise.all(
    projects.map(async (project) => ({ project, items: await ctx.metadata.statuses(project.id) })),
  );
  return resolveStatuses(refs, lists, parameter);
}

/** Milestone ids or names → ids, looked up in each of `projects`. */
export async function milestoneIds(
  ctx: ResolveContext,
  refs: readonly (number | string)[],
  projects: readonly Project[],
  parameter: string,
): Promise<Resolved> {
  const lists = await Promise.all(
    projects.map(async (project) => ({ project, items: await ctx.metadata.versions(project.id) })),
  );
  return resolveMilestones(refs, lists, parameter);
}

/** Issue type or category names/ids → ids, looked up in each of `projects`. */
export async function projectItemIds(
  ctx: ResolveContext,
  list: "issueTypes" | "categories",
  refs: readonly (number | string)[],
  projects: readonly Project[],
  parameter: string,
): Promise<Resolved> {
  const lists = await Promise.all(
    projects.map(async (project) => ({ project, items: await ctx.metadata[list](project.id) })),
  );
  const what = list === "issueTypes" ? "issue type" : "category";
  return resolveAcrossProjects(refs, lists, { parameter, what, hint: METADATA_HINT });
}

/** Priority or resolution names (English or Japanese) or ids → ids; resolution 0 is "Fixed". */
export async function spaceItemIds(
  ctx: ResolveContext,
  list: "priorities" | "resolutions",
  refs: readonly (number | string)[],
  parameter: string,
): Promise<Resolved> {
  const items: Named[] = await ctx.metadata[list]();
  const options = list === "priorities"
    ? { parameter, what: "priority", aliases: priorityAliases }
    : { parameter, what: "resolution", aliases: resolutionAliases };
  const found = refs.map((ref) => resolveNamed(ref, items, options));
  const unique = [...new Map(found.map((item) => [item.id, item])).values()];
  return { ids: unique.map((i) => i.id), labels: unique.map((i) => `${i.name} (${i.id})`) };
}

/** The members of `projects`, each once. */
export async function members(ctx: ResolveContext, projects: readonly Project[]): Promise<User[]> {
  const lists = await Promise.all(projects.map((p) => ctx.metadata.projectUsers(p.id)));
  const byId = new Map<number, User>();
  for (const user of lists.flat()) byId.set(user.id, user);
  return [...byId.values()];
}

/** User ids, "me", logins or display names → ids, among the members of `projects`. */
export async function userIds(
  ctx: ResolveContext,
  refs: readonly (number | string)[],
  projects: readonly Project[],
  parameter: string,
): Promise<Resolved> {
  const names = refs.some((r) =>
    typeof r === "string" && !/^\d+$/.test(r.trim()) && r.trim().toLowerCase() !== ME
  );
  // Ids alone need no lookup; "me" alone needs only myself.
  const users = names ? await members(ctx, projects) : [];
  const where = projects.length ? ` among the members of ${keys(projects)}` : "";
  return resolveUsers(refs, users, await me(ctx), parameter, where);
}

/**
 * Fetches an issue (by key or id) only if it is within the scope: keys are
 * checked before the request, every issue by its project after it, so
 * nothing of an issue from another project reaches the caller.
 */
export async function issueInScope(
  ctx: ResolveContext,
  ref: string | number,
  parameter: string,
): Promise<Issue> {
  if (typeof ref === "string") ctx.scope.checkIssueKey(ref, parameter);
  const issue = await ctx.api.getIssue(ref).catch((error) => {
    throw ctx.scope.hideMissingIssue(error, parameter, ref);
  });
  if (ctx.scope.restricted) {
    ctx.scope.checkIssue(issue, await ctx.metadata.projects(), parameter, String(ref));
  }
  return issue;
}

/** The project an issue belongs to (it is visible, since its issue was). */
export async function projectOf(ctx: ResolveContext, issue: Issue): Promise<Project> {
  const found = (await ctx.metadata.projects()).find((p) => p.id === issue.projectId);
  if (found) return found;
  // Visible issue, unlisted project (e.g. an administrator outside it): a minimal stand-in.
  const key = issue.issueKey.slice(0, issue.issueKey.lastIndexOf("-"));
  return { id: issue.projectId, projectKey: key, name: key, archived: false };
}

/**
 * The project an issue key names (`PROJ-12` → PROJ), from the cached project
 * list; fetches the issue only when no visible project has that key.
 */
export async function projectOfKey(ctx: ResolveContext, issueKey: string): Promise<Project> {
  const prefix = issueKey.slice(0, issueKey.lastIndexOf("-"));
  const found = (await ctx.metadata.projects()).find((p) => p.projectKey === prefix);
  return found ?? await projectOf(ctx, await issueInScope(ctx, issueKey, "issue_key"));
}

function keys(projects: readonly Project[]): string {
  return projects.map((p) => p.projectKey).join(", ");
}
