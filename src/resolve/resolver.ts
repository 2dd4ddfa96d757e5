/**
 * The one entrance for names: what every tool calls to turn the ids and
 * names it was given into Backlog ids, for reads (many references across the
 * selected projects) and writes (one issue's project, every id checked)
 * alike, within the project scope. The matching rules and their wording live
 * in the sibling modules; the allowlist gate for issues and listed things is
 * `in_scope.ts`.
 *
 * @module
 */

import { CLOSED_STATUS_ID, type Named, type Project, type User } from "../backlog/types.ts";
import type { Config } from "../config/config.ts";
import type { ProjectFields } from "./custom_fields.ts";
import { type Kind, type KindItems, type KindRule, KINDS } from "./kinds.ts";
import { resolveNamed } from "./match.ts";
import { METADATA_HINT, resolveAcrossProjects, type Resolved } from "./per_project.ts";
import { resolveProject, resolveProjects } from "./projects.ts";
import type { ScopeContext } from "./in_scope.ts";
import { ME, type Me, resolveMember, resolveUsers } from "./users.ts";

export type { Kind } from "./kinds.ts";

/** What resolution needs of a tool's context. */
export interface ResolveContext extends ScopeContext {
  config: Pick<Config, "userId">;
}

type Ref = number | string;

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
  refs: readonly Ref[] | undefined,
  parameter: string,
): Promise<ProjectSelection> {
  const visible = await ctx.metadata.projects();
  if (refs === undefined || refs.length === 0) {
    const usable = ctx.scope.filter(visible);
    const active = usable.filter((p) => !p.archived);
    return { projects: active, defaulted: true, archivedLeftOut: usable.length - active.length };
  }
  return {
    projects: resolveProjects(refs, { visible, scope: ctx.scope, parameter }),
    defaulted: false,
    archivedLeftOut: 0,
  };
}

/** One project by id, key or name, within the scope. */
export async function projectByRef(
  ctx: ResolveContext,
  ref: Ref,
  parameter: string,
): Promise<Project> {
  return resolveProject(ref, {
    visible: await ctx.metadata.projects(),
    scope: ctx.scope,
    parameter,
  });
}

/** References of a read, named by `parameter`, looked up in each of `projects`. */
export interface Lookup {
  refs: readonly Ref[];
  parameter: string;
  projects: readonly Project[];
}

/**
 * Ids or names → ids for a filter. A name is looked up in each project and
 * the ids found are united ("In Progress" wherever it exists); ids of
 * project things pass unchanged, space-wide ones (priorities, resolutions)
 * must exist. Users: ids, "me", logins or display names among the members.
 */
export async function idsOf(
  ctx: ResolveContext,
  kind: Kind | "user",
  lookup: Lookup,
): Promise<Resolved> {
  const { refs, parameter, projects } = lookup;
  if (kind === "user") return await userIds(ctx, lookup);
  const rule: KindRule<Named> = KINDS[kind];
  if (rule.space) {
    const items = await rule.list(ctx.metadata, 0);
    const found = refs.map((ref) => resolveNamed(ref, items, { parameter, ...rule }));
    const unique = [...new Map(found.map((item) => [item.id, item])).values()];
    return { ids: unique.map((i) => i.id), labels: unique.map((i) => `${i.name} (${i.id})`) };
  }
  const lists = await Promise.all(
    projects.map(async (project) => ({
      project,
      items: await rule.list(ctx.metadata, project.id),
    })),
  );
  return resolveAcrossProjects(refs, lists, { parameter, ...rule, hint: METADATA_HINT });
}

async function userIds(ctx: ResolveContext, lookup: Lookup): Promise<Resolved> {
  const { refs, parameter, projects } = lookup;
  const names = refs.some((r) =>
    typeof r === "string" && !/^\d+$/.test(r.trim()) && r.trim().toLowerCase() !== ME
  );
  // Ids alone need no lookup; "me" alone needs only myself.
  const users = names ? await members(ctx, projects) : [];
  const where = projects.length
    ? ` among the members of ${projects.map((p) => p.projectKey).join(", ")}`
    : "";
  return resolveUsers(refs, { users, me: await me(ctx), parameter, where });
}

/** Every status of `projects`, not Closed, by id: what a list shows by default. */
export async function openStatuses(
  ctx: ResolveContext,
  projects: readonly Project[],
): Promise<Resolved> {
  const names = await statusNames(ctx, projects);
  const ids = [...names.keys()].filter((id) => id !== CLOSED_STATUS_ID).sort((a, b) => a - b);
  return { ids, labels: ids.map((id) => names.get(id)!) };
}

/**
 * The statuses of `projects` by id, each with its names: built-in ids are
 * shared across projects, their names may differ (`Open/未対応`).
 */
export async function statusNames(
  ctx: ResolveContext,
  projects: readonly Project[],
): Promise<Map<number, string>> {
  const lists = await Promise.all(projects.map((p) => ctx.metadata.statuses(p.id)));
  const names = new Map<number, Set<string>>();
  for (const status of lists.flat()) {
    names.set(status.id, (names.get(status.id) ?? new Set()).add(status.name));
  }
  return new Map([...names].map(([id, set]) => [id, [...set].join("/")]));
}

/** One reference of a write, named by `parameter`, in the issue's `project`. */
export interface WriteRef {
  ref: Ref;
  parameter: string;
  project: Project;
}

/** Several references of a write (a list field), in the issue's `project`. */
export interface WriteRefs {
  refs: readonly Ref[];
  parameter: string;
  project: Project;
}

/** One id or name → the item, for a write: ids must be in the list too, checked before sending. */
export async function itemIn<K extends Kind>(
  ctx: ResolveContext,
  kind: K,
  write: WriteRef,
): Promise<KindItems[K]> {
  const [item] = await itemsIn(ctx, kind, { ...write, refs: [write.ref] });
  return item;
}

/** Ids or names → the distinct items, in order, for a list field of a write. */
export async function itemsIn<K extends Kind>(
  ctx: ResolveContext,
  kind: K,
  write: WriteRefs,
): Promise<KindItems[K][]> {
  const rule: KindRule<KindItems[K]> = KINDS[kind];
  const key = write.project.projectKey;
  const items = await rule.list(ctx.metadata, write.project.id);
  const options = {
    parameter: write.parameter,
    what: rule.what,
    aliases: rule.aliases,
    ...(rule.space
      ? {}
      : { where: ` in ${key}`, hint: ` (get_project_metadata lists ${key}'s values)` }),
  };
  const found = write.refs.map((ref) => resolveNamed(ref, items, options));
  return [...new Set(found)];
}

/**
 * Users for a write (assignee, notified users): each must be a member of the
 * project, ids included, because Backlog refuses anyone else. Each user once.
 */
export async function membersIn(ctx: ResolveContext, write: WriteRefs): Promise<User[]> {
  if (write.refs.length === 0) return [];
  const [users, self] = await Promise.all([ctx.metadata.projectUsers(write.project.id), me(ctx)]);
  const found = write.refs.map((ref) =>
    resolveMember(ref, {
      users,
      me: self,
      parameter: write.parameter,
      projectKey: write.project.projectKey,
    })
  );
  return [...new Map(found.map((user) => [user.id, user])).values()];
}

/** The members of `projects`, each once. */
export async function members(ctx: ResolveContext, projects: readonly Project[]): Promise<User[]> {
  const lists = await Promise.all(projects.map((p) => ctx.metadata.projectUsers(p.id)));
  const byId = new Map<number, User>();
  for (const user of lists.flat()) byId.set(user.id, user);
  return [...byId.values()];
}

/** The custom fields of each of `projects`, to resolve field names against. */
export async function customFieldsOf(
  ctx: ResolveContext,
  projects: readonly Project[],
): Promise<ProjectFields[]> {
  return await Promise.all(
    projects.map(async (project) => ({
      project,
      fields: await ctx.metadata.customFields(project.id),
    })),
  );
}

/** The names of `project`'s issue types by id (for messages about a field's types). */
export async function issueTypeNames(
  ctx: ResolveContext,
  project: Project,
): Promise<Map<number, string>> {
  return new Map((await ctx.metadata.issueTypes(project.id)).map((t) => [t.id, t.name]));
}
