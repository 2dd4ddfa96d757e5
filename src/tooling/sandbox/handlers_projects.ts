/**
 * Read handlers for users, space, projects and their lookup lists, priorities, resolutions and
 * the rate-limit endpoint.
 *
 * @module
 */
import { type Ctx, myself, resolveProject, resolveUser } from "./context.ts";

/** `GET /users/myself` (backlog-api.md §4.1). */
export function getMyself(ctx: Ctx): unknown {
  return myself(ctx);
}

/** `GET /users` (backlog-api.md §4.2). "me" is an administrator, so the list is allowed. */
export function getUsers(ctx: Ctx): unknown {
  return ctx.state.users;
}

/** `GET /users/:userId`. */
export function getUser(ctx: Ctx): unknown {
  return resolveUser(ctx, ctx.pathParams.userId);
}

// A 1×1 transparent PNG, so the icon rate-limit class has an endpoint.
const PNG = Uint8Array.from(
  atob(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  ),
  (c) => c.charCodeAt(0),
);

/** `GET /users/:userId/icon`: binary image (icon class). */
export function getUserIcon(ctx: Ctx): Response {
  resolveUser(ctx, ctx.pathParams.userId);
  return new Response(PNG, { headers: { "content-type": "image/png" } });
}

/** `GET /space`. */
export function getSpace(ctx: Ctx): unknown {
  return ctx.state.space;
}

/**
 * `GET /projects` (backlog-api.md §4.3). `archived` omitted → all, `false` → active only, `true` → archived only.
 * `all=true` (admins) lists every project; otherwise only projects "me" has joined.
 */
export function getProjects(ctx: Ctx): unknown {
  const archived = ctx.params.bool("archived");
  const all = ctx.params.bool("all") ?? false;
  ctx.params.throwIfInvalid();
  const me = ctx.state.myselfId;
  return ctx.state.projects.filter((p) =>
    (archived === undefined || p.archived === archived) &&
    (all || ctx.state.projectMembers[p.id]?.includes(me))
  );
}

/** `GET /projects/:projectIdOrKey` (backlog-api.md §4.4). */
export function getProject(ctx: Ctx): unknown {
  return resolveProject(ctx, ctx.pathParams.project);
}

/** `GET /projects/:p/statuses` (backlog-api.md §4.5), sorted by displayOrder. */
export function getStatuses(ctx: Ctx): unknown {
  const p = resolveProject(ctx, ctx.pathParams.project);
  return ctx.state.statuses.filter((s) => s.projectId === p.id)
    .sort((a, b) => a.displayOrder - b.displayOrder);
}

/** `GET /projects/:p/issueTypes` (backlog-api.md §4.8), with template fields. */
export function getIssueTypes(ctx: Ctx): unknown {
  const p = resolveProject(ctx, ctx.pathParams.project);
  return ctx.state.issueTypes.filter((t) => t.projectId === p.id);
}

/** `GET /projects/:p/categories` (backlog-api.md §4.9). */
export function getCategories(ctx: Ctx): unknown {
  const p = resolveProject(ctx, ctx.pathParams.project);
  return ctx.state.categories.filter((c) => c.projectId === p.id);
}

/** `GET /projects/:p/versions` (backlog-api.md §4.10). Archived versions are included [UNCONFIRMED]. */
export function getVersions(ctx: Ctx): unknown {
  const p = resolveProject(ctx, ctx.pathParams.project);
  return ctx.state.versions.filter((v) => v.projectId === p.id);
}

/** `GET /projects/:p/users` (backlog-api.md §4.11). `excludeGroupMembers` is accepted (there are no groups). */
export function getProjectUsers(ctx: Ctx): unknown {
  const p = resolveProject(ctx, ctx.pathParams.project);
  ctx.params.bool("excludeGroupMembers");
  ctx.params.throwIfInvalid();
  const ids = ctx.state.projectMembers[p.id] ?? [];
  return ctx.state.users.filter((u) => ids.includes(u.id));
}

/** `GET /priorities` (backlog-api.md §4.6). */
export function getPriorities(ctx: Ctx): unknown {
  return ctx.state.priorities;
}

/** `GET /resolutions` (backlog-api.md §4.7). */
export function getResolutions(ctx: Ctx): unknown {
  return ctx.state.resolutions;
}

/** `GET /rateLimit` (backlog-api.md §4.23): the budgets after this request was counted. */
export function getRateLimit(ctx: Ctx): unknown {
  return ctx.rate.snapshot();
}
