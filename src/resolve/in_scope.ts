/**
 * The allowlist gate every tool passes (`BACKLOG_PROJECTS`; the rule itself
 * is {@linkcode ProjectScope.allows}). An issue named by a caller is checked
 * by its key before any request about it, and by its project once fetched,
 * before any of its content (or of work run alongside the fetch) is used;
 * listed things (search rows, notifications, watchings, activities, linked
 * files) are tested one by one with {@linkcode scopeTest}.
 *
 * @module
 */

import type { BacklogApi } from "../backlog/api.ts";
import { projectKeyOf } from "../backlog/issue_keys.ts";
import type { Metadata } from "../backlog/metadata.ts";
import type { Issue, Project } from "../backlog/types.ts";
import type { ProjectRef, ProjectScope } from "./scope.ts";

/** What the gate needs of a tool's context. */
export interface ScopeContext {
  api: BacklogApi;
  metadata: Metadata;
  scope: ProjectScope;
}

/** An issue to fetch within the scope, and work to run alongside its fetch. */
export interface IssueRequest<T> {
  /** The issue key or id, as the caller passed it. */
  ref: string | number;
  /** The parameter a refusal names. */
  parameter: string;
  /** Ask Backlog for the child issue summary too. */
  childIssueSummary?: boolean;
  /**
   * Started with the fetch, once the key passed (so e.g. comments need not
   * wait for the issue); its result is returned only if the issue is allowed.
   */
  alongside?: () => Promise<T>;
}

/** The allowed issue and the result of the work run alongside its fetch. */
export interface InScope<T> {
  issue: Issue;
  alongside: T;
}

/**
 * Fetches an issue (by key or id) only if it is within the scope: keys are
 * checked before the request, every issue by its project after it, so
 * nothing of an issue from another project reaches the caller. Under an
 * allowlist, "not found" reads like the refusal.
 */
export async function issueInScope<T = undefined>(
  ctx: ScopeContext,
  request: IssueRequest<T>,
): Promise<InScope<T>> {
  const { ref, parameter } = request;
  if (typeof ref === "string") ctx.scope.checkIssueKey(ref, parameter);
  const options = request.childIssueSummary ? { childIssueSummary: true } : undefined;
  const [issue, alongside] = await Promise.all([
    ctx.api.getIssue(ref, options),
    request.alongside?.() as Promise<T>,
  ]).catch((error) => {
    throw ctx.scope.hideMissingIssue(error, { parameter, ref });
  });
  if (ctx.scope.restricted) {
    ctx.scope.checkIssue(issue, await ctx.metadata.projects(), { parameter, ref: String(ref) });
  }
  return { issue, alongside };
}

/**
 * An issue key checked against the scope for a request that names the issue
 * by its key alone (a comment): under an allowlist the issue is fetched to
 * check its project and returned; otherwise nothing is fetched (Backlog
 * answers "not found" to the request itself).
 */
export async function keyInScope(
  ctx: ScopeContext,
  issueKey: string,
  parameter: string,
): Promise<Issue | undefined> {
  ctx.scope.checkIssueKey(issueKey, parameter);
  if (!ctx.scope.restricted) return undefined;
  return (await issueInScope(ctx, { ref: issueKey, parameter })).issue;
}

/**
 * The allowlist test for listed things: whether what a row says of its
 * project is allowed. Unrestricted, it allows everything without a request.
 */
export async function scopeTest(ctx: ScopeContext): Promise<(ref: ProjectRef) => boolean> {
  if (!ctx.scope.restricted) return () => true;
  const visible = await ctx.metadata.projects();
  return (ref) => ctx.scope.allows(ref, visible);
}

/** The project an issue belongs to (it is visible, since its issue was). */
export async function projectOf(ctx: ScopeContext, issue: Issue): Promise<Project> {
  const found = (await ctx.metadata.projects()).find((p) => p.id === issue.projectId);
  if (found) return found;
  // Visible issue, unlisted project (e.g. an administrator outside it): a minimal stand-in.
  const key = projectKeyOf(issue.issueKey);
  return { id: issue.projectId, projectKey: key, name: key, archived: false };
}

/**
 * The project an issue key names (`PROJ-12` → PROJ), from the cached project
 * list; fetches the issue only when no visible project has that key.
 */
export async function projectOfKey(
  ctx: ScopeContext,
  issueKey: string,
  parameter: string,
): Promise<Project> {
  const prefix = projectKeyOf(issueKey);
  const found = (await ctx.metadata.projects()).find((p) => p.projectKey === prefix);
  return found ??
    await projectOf(ctx, (await issueInScope(ctx, { ref: issueKey, parameter })).issue);
}
