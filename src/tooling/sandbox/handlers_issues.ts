/**
 * Read handlers for issues, comments and attachments (backlog-api.md §4.12–§4.17).
 *
 * @module
 */
import { type Ctx, resolveIssue } from "./context.ts";
import { attachmentJson, commentJson, issueJson } from "./format.ts";
import { ApiError } from "./http.ts";
import { issueFilter, SORT_KEYS, sortIssues } from "./issue_query.ts";
import type { CommentRecord } from "./types.ts";

function wantsChildSummary(ctx: Ctx): boolean {
  return (ctx.params.list("expand") ?? []).includes("childIssueSummary");
}

/** `GET /issues` (backlog-api.md §4.12): filters, sort/order, offset/count (1–100, default 20). */
export function getIssues(ctx: Ctx): unknown {
  const p = ctx.params;
  const pred = issueFilter(ctx);
  const sortParam = p.str("sort");
  const order = p.oneOf("order", ["asc", "desc"] as const) ?? "desc";
  const offset = p.int("offset", { min: 0 }) ?? 0;
  const count = p.int("count", { min: 1, max: 100 }) ?? 20;
  const sort = sortParam || ctx.opts.defaultSort;
  if (
    sortParam && !SORT_KEYS.includes(sortParam as never) && !/^customField_\d+$/.test(sortParam)
  ) {
    p.problems.push(`Invalid sort: "${sortParam}".`);
  }
  p.throwIfInvalid();
  const hits = ctx.state.issues.filter(pred);
  if (!sortIssues(ctx.state, hits, { key: sort, order })) {
    throw ApiError.invalid(`Invalid sort: "${sort}".`);
  }
  const expand = wantsChildSummary(ctx);
  return hits.slice(offset, offset + count).map((i) =>
    issueJson(ctx.state, i, { childIssueSummary: expand, customFields: ctx.opts.customFields })
  );
}

/** `GET /issues/count` (backlog-api.md §4.13): same filters; sort/order/offset/count are validated and ignored. */
export function countIssues(ctx: Ctx): unknown {
  const p = ctx.params;
  const pred = issueFilter(ctx);
  p.oneOf("order", ["asc", "desc"] as const);
  p.int("offset", { min: 0 });
  p.int("count", { min: 1, max: 100 });
  p.throwIfInvalid();
  return { count: ctx.state.issues.filter(pred).length };
}

/** `GET /issues/:issueIdOrKey` (backlog-api.md §4.14). */
export function getIssue(ctx: Ctx): unknown {
  const issue = resolveIssue(ctx, ctx.pathParams.issue);
  return issueJson(ctx.state, issue, {
    childIssueSummary: wantsChildSummary(ctx),
    customFields: ctx.opts.customFields,
  });
}

function commentsOf(ctx: Ctx, issueId: number): CommentRecord[] {
  return ctx.state.comments.filter((c) => c.issueId === issueId);
}

/**
 * `GET /issues/:issueIdOrKey/comments` (backlog-api.md §4.15): `minId`/`maxId` (inclusive unless
 * `commentIdBoundsInclusive: false`), `count` 1–100 default 20, `order` default desc.
 */
export function getComments(ctx: Ctx): unknown {
  const issue = resolveIssue(ctx, ctx.pathParams.issue);
  const p = ctx.params;
  const minId = p.int("minId");
  const maxId = p.int("maxId");
  const count = p.int("count", { min: 1, max: 100 }) ?? 20;
  const order = p.oneOf("order", ["asc", "desc"] as const) ?? "desc";
  p.throwIfInvalid();
  const incl = ctx.opts.commentIdBoundsInclusive;
  const list = commentsOf(ctx, issue.id).filter((c) =>
    (minId === undefined || (incl ? c.id >= minId : c.id > minId)) &&
    (maxId === undefined || (incl ? c.id <= maxId : c.id < maxId))
  );
  list.sort((a, b) => (order === "asc" ? a.id - b.id : b.id - a.id));
  return list.slice(0, count).map((c) => commentJson(ctx.state, c));
}

/** `GET /issues/:issueIdOrKey/comments/count` (backlog-api.md §4.16). */
export function countComments(ctx: Ctx): unknown {
  const issue = resolveIssue(ctx, ctx.pathParams.issue);
  return { count: commentsOf(ctx, issue.id).length };
}

/** `GET /issues/:issueIdOrKey/comments/:commentId`. */
export function getComment(ctx: Ctx): unknown {
  const issue = resolveIssue(ctx, ctx.pathParams.issue);
  const id = ctx.pathParams.commentId;
  const c = /^\d+$/.test(id)
    ? commentsOf(ctx, issue.id).find((x) => x.id === Number(id))
    : undefined;
  if (!c) throw ApiError.notFound(ctx.opts.messages.noComment);
  return commentJson(ctx.state, c);
}

/** `GET /issues/:issueIdOrKey/attachments` (backlog-api.md §4.17). */
export function getAttachments(ctx: Ctx): unknown {
  const issue = resolveIssue(ctx, ctx.pathParams.issue);
  return issue.attachments.map((a) => attachmentJson(ctx.state, a));
}
