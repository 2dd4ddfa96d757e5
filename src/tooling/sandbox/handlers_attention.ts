/**
 * Notifications (backlog-api.md §12.5) and watchings (§12.6) of the key's user.
 *
 * Choices where the reference is [UNCONFIRMED]: id bounds follow
 * `commentIdBoundsInclusive`; an unknown or foreign notification or watching
 * is 404; watching an issue twice is 400; the counter reset marks every
 * notification read and answers the count left unread (0).
 *
 * @module
 */
import { type Ctx, myself, resolveIssue, resolveUser } from "./context.ts";
import { commentJson, formatTimestamp, issueJson, userById } from "./format.ts";
import { ApiError, jsonResponse } from "./http.ts";
import type { NotificationRecord, WatchingRecord } from "./types_attention.ts";

/** Id-paged list parameters shared by notifications and activities. */
export function idPage(ctx: Ctx): {
  keep: (id: number) => boolean;
  count: number;
  order: "asc" | "desc";
} {
  const p = ctx.params;
  const minId = p.int("minId");
  const maxId = p.int("maxId");
  const count = p.int("count", { min: 1, max: 100 }) ?? 20;
  const order = p.oneOf("order", ["asc", "desc"] as const) ?? "desc";
  const incl = ctx.opts.commentIdBoundsInclusive;
  return {
    keep: (id) =>
      (minId === undefined || (incl ? id >= minId : id > minId)) &&
      (maxId === undefined || (incl ? id <= maxId : id < maxId)),
    count,
    order,
  };
}

function projectJson(ctx: Ctx, projectId: number) {
  return ctx.state.projects.find((p) => p.id === projectId) ?? null;
}

function notificationJson(ctx: Ctx, n: NotificationRecord): Record<string, unknown> {
  const s = ctx.state;
  const issue = n.issueId === null ? null : s.issues.find((i) => i.id === n.issueId) ?? null;
  const comment = n.commentId === null ? null : s.comments.find((c) => c.id === n.commentId);
  const sender = userById(s, n.senderId);
  const pr = n.pullRequest;
  const out: Record<string, unknown> = {
    id: n.id,
    alreadyRead: n.alreadyRead,
    reason: n.reason,
    resourceAlreadyRead: n.resourceAlreadyRead,
    project: projectJson(ctx, n.projectId),
    issue: issue ? issueJson(s, issue) : undefined,
    comment: comment ? commentJson(s, comment) : undefined,
    repository: pr
      ? { id: pr.repositoryId, projectId: n.projectId, name: pr.repositoryName }
      : null,
    pullRequest: pr
      ? {
        id: pr.id,
        projectId: n.projectId,
        repositoryId: pr.repositoryId,
        number: pr.number,
        summary: pr.summary,
        description: "",
        base: "main",
        branch: `feature/pr-${pr.number}`,
        status: { id: 1, name: "Open" },
        createdUser: sender,
        created: formatTimestamp(n.created),
      }
      : null,
    pullRequestComment: n.pullRequestComment === null ? null : {
      id: n.id + 1,
      content: n.pullRequestComment,
      changeLog: [],
      createdUser: sender,
      created: formatTimestamp(n.created),
      updated: formatTimestamp(n.created),
      stars: [],
      notifications: [],
    },
    sender,
    created: formatTimestamp(n.created),
  };
  if (n.document) {
    out.document = { id: n.document.id, projectId: n.projectId, title: n.document.title };
    if (n.documentComment !== null) {
      const key = n.reason === 15 ? "documentCommentReply" : "documentComment";
      out[key] = { id: n.id + 2, content: n.documentComment };
    }
  }
  return out;
}

function mine(ctx: Ctx): NotificationRecord[] {
  return ctx.state.attention.notifications.filter((n) => n.userId === ctx.state.myselfId);
}

/** `GET /notifications`: `minId`, `maxId`, `count` 1–100 (20), `order` (desc), `senderId`. */
export function getNotifications(ctx: Ctx): unknown {
  const page = idPage(ctx);
  const sender = ctx.params.int("senderId");
  ctx.params.throwIfInvalid();
  const list = mine(ctx).filter((n) =>
    page.keep(n.id) && (sender === undefined || n.senderId === sender)
  );
  list.sort((a, b) => page.order === "asc" ? a.id - b.id : b.id - a.id);
  return list.slice(0, page.count).map((n) => notificationJson(ctx, n));
}

/** `GET /notifications/count`: optional `alreadyRead`, `resourceAlreadyRead`. */
export function countNotifications(ctx: Ctx): unknown {
  const read = ctx.params.bool("alreadyRead");
  const resource = ctx.params.bool("resourceAlreadyRead");
  ctx.params.throwIfInvalid();
  const hits = mine(ctx).filter((n) =>
    (read === undefined || n.alreadyRead === read) &&
    (resource === undefined || n.resourceAlreadyRead === resource)
  );
  return { count: hits.length };
}

/** `POST /notifications/markAsRead`: resets the unread counter → `{count}`. */
export function resetNotifications(ctx: Ctx): unknown {
  for (const n of mine(ctx)) n.alreadyRead = true;
  return { count: 0 };
}

/** `POST /notifications/:id/markAsRead` → 204. */
export function markNotificationRead(ctx: Ctx): Response {
  const id = ctx.pathParams.id;
  const n = /^\d+$/.test(id) ? mine(ctx).find((x) => x.id === Number(id)) : undefined;
  if (!n) throw ApiError.notFound("No notification.");
  n.alreadyRead = true;
  return new Response(null, { status: 204 });
}

function watchingJson(ctx: Ctx, w: WatchingRecord): Record<string, unknown> {
  const issue = ctx.state.issues.find((i) => i.id === w.issueId)!;
  return {
    id: w.id,
    resourceAlreadyRead: w.resourceAlreadyRead,
    note: w.note,
    type: "issue",
    issue: issueJson(ctx.state, issue),
    lastContentUpdated: formatTimestamp(issue.updated),
    created: formatTimestamp(w.created),
    updated: formatTimestamp(w.updated),
  };
}

function watchingsOf(ctx: Ctx, userId: number): WatchingRecord[] {
  return ctx.state.attention.watchings.filter((w) => w.userId === userId);
}

/** `GET /users/:userId/watchings` (backlog-api.md §12.6). */
export function getWatchings(ctx: Ctx): unknown {
  const user = resolveUser(ctx, ctx.pathParams.userId);
  const p = ctx.params;
  const order = p.oneOf("order", ["asc", "desc"] as const) ?? "desc";
  const sort = p.oneOf("sort", ["created", "updated", "issueUpdated"] as const) ?? "issueUpdated";
  const count = p.int("count", { min: 1, max: 100 }) ?? 20;
  const offset = p.int("offset", { min: 0 }) ?? 0;
  const read = p.bool("resourceAlreadyRead");
  const issueIds = p.intList("issueId");
  p.throwIfInvalid();
  const issueUpdated = (w: WatchingRecord) =>
    ctx.state.issues.find((i) => i.id === w.issueId)?.updated ?? 0;
  const key = sort === "created"
    ? (w: WatchingRecord) => w.created
    : sort === "updated"
    ? (w: WatchingRecord) => w.updated
    : issueUpdated;
  const list = watchingsOf(ctx, user.id).filter((w) =>
    (read === undefined || w.resourceAlreadyRead === read) &&
    (!issueIds?.length || issueIds.includes(w.issueId))
  );
  list.sort((a, b) => (order === "asc" ? 1 : -1) * (key(a) - key(b) || a.id - b.id));
  return list.slice(offset, offset + count).map((w) => watchingJson(ctx, w));
}

/** `GET /users/:userId/watchings/count`: optional `resourceAlreadyRead` (and `alreadyRead`, the same here). */
export function countWatchings(ctx: Ctx): unknown {
  const user = resolveUser(ctx, ctx.pathParams.userId);
  const read = ctx.params.bool("resourceAlreadyRead") ?? ctx.params.bool("alreadyRead");
  ctx.params.throwIfInvalid();
  const hits = watchingsOf(ctx, user.id).filter((w) =>
    read === undefined || w.resourceAlreadyRead === read
  );
  return { count: hits.length };
}

function ownWatching(ctx: Ctx): WatchingRecord {
  const id = ctx.pathParams.watchingId;
  const w = /^\d+$/.test(id)
    ? watchingsOf(ctx, myself(ctx).id).find((x) => x.id === Number(id))
    : undefined;
  if (!w) throw ApiError.notFound("No watching.");
  return w;
}

/** `GET /watchings/:watchingId`. */
export function getWatching(ctx: Ctx): unknown {
  return watchingJson(ctx, ownWatching(ctx));
}

/** `POST /watchings` (`issueIdOrKey` required, `note`) → 201. */
export function addWatching(ctx: Ctx): Response {
  const ref = ctx.params.str("issueIdOrKey") ?? "";
  if (ref === "") throw ApiError.invalid("issueIdOrKey is required.");
  const issue = resolveIssue(ctx, ref);
  const me = myself(ctx).id;
  if (watchingsOf(ctx, me).some((w) => w.issueId === issue.id)) {
    throw ApiError.invalid("Already watching this issue.");
  }
  const now = ctx.opts.now();
  const w: WatchingRecord = {
    id: ctx.state.attention.nextWatchingId++,
    userId: me,
    issueId: issue.id,
    note: ctx.params.str("note") ?? "",
    resourceAlreadyRead: true,
    created: now,
    updated: now,
  };
  ctx.state.attention.watchings.push(w);
  return jsonResponse(watchingJson(ctx, w), 201);
}

/** `PATCH /watchings/:watchingId` (`note`). */
export function updateWatching(ctx: Ctx): unknown {
  const w = ownWatching(ctx);
  w.note = ctx.params.str("note") ?? w.note;
  w.updated = ctx.opts.now();
  return watchingJson(ctx, w);
}

/** `DELETE /watchings/:watchingId` → the deleted watching. */
export function deleteWatching(ctx: Ctx): unknown {
  const w = ownWatching(ctx);
  const body = watchingJson(ctx, w);
  const list = ctx.state.attention.watchings;
  list.splice(list.indexOf(w), 1);
  return body;
}

/** `POST /watchings/:watchingId/markAsRead` → 204. */
export function markWatchingRead(ctx: Ctx): Response {
  ownWatching(ctx).resourceAlreadyRead = true;
  return new Response(null, { status: 204 });
}
