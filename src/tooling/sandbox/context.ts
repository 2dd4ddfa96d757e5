/**
 * Per-request context handed to route handlers, and id-or-key resolution (backlog-api.md §1.4, §10 item 3).
 *
 * @module
 */
import { ApiError } from "./http.ts";
import type { ResolvedOptions } from "./options.ts";
import type { Params } from "./query.ts";
import type { RateLimiter } from "./ratelimit.ts";
import type { IssueRecord, Project, SandboxState, User } from "./types.ts";

/** What a handler sees. */
export interface Ctx {
  state: SandboxState;
  params: Params;
  method: string;
  /** Path relative to `/api/v2/`, decoded. */
  path: string;
  /** Values of `:name` path segments. */
  pathParams: Record<string, string>;
  opts: ResolvedOptions;
  rate: RateLimiter;
  /** Base URL of the sandbox (for `Location` headers). */
  baseUrl: string;
}

/** Resolves `:projectIdOrKey` (numeric id, else key) or throws 404 "No project.". */
export function resolveProject(ctx: Ctx, idOrKey: string): Project {
  const p = /^\d+$/.test(idOrKey)
    ? ctx.state.projects.find((x) => x.id === Number(idOrKey))
    : ctx.state.projects.find((x) => x.projectKey === idOrKey);
  if (!p) throw ApiError.notFound(ctx.opts.messages.noProject);
  return p;
}

/** Resolves `:issueIdOrKey` (numeric id, else `KEY-n`) or throws 404 "No issue.". */
export function resolveIssue(ctx: Ctx, idOrKey: string): IssueRecord {
  const i = /^\d+$/.test(idOrKey)
    ? ctx.state.issues.find((x) => x.id === Number(idOrKey))
    : ctx.state.issues.find((x) => x.issueKey === idOrKey);
  if (!i) throw ApiError.notFound(ctx.opts.messages.noIssue);
  return i;
}

/** Resolves a numeric `:userId` or throws 404. */
export function resolveUser(ctx: Ctx, id: string): User {
  const u = /^\d+$/.test(id) ? ctx.state.users.find((x) => x.id === Number(id)) : undefined;
  if (!u) throw ApiError.notFound(ctx.opts.messages.noUser);
  return u;
}

/** The API key's owner. */
export function myself(ctx: Ctx): User {
  return ctx.state.users.find((u) => u.id === ctx.state.myselfId)!;
}
