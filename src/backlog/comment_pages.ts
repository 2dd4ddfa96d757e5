/**
 * An issue's comments as Backlog pages them (`GET /issues/:key/comments`,
 * newest first by id, at most {@linkcode PAGE_SIZE} a request): the newest
 * few with the total, and one window between two comment ids. Bounds are
 * sent as given and enforced here, so both are right whether Backlog's
 * `minId`/`maxId` include the bound or not.
 *
 * @module
 */

import type { BacklogApi } from "./api.ts";
import { PAGE_SIZE } from "./paging.ts";
import type { Comment } from "./types.ts";

/**
 * The newest `limit` comments (oldest first) and the total. One extra
 * comment is requested to learn whether older ones exist; only then is the
 * total counted. Paging uses `maxId = last - 1`.
 */
export async function newestComments(
  api: BacklogApi,
  issueKey: string,
  limit: number,
): Promise<{ comments: Comment[]; total: number }> {
  const collected: Comment[] = [];
  let maxId: number | undefined;
  while (collected.length <= limit) {
    const want = Math.min(PAGE_SIZE, limit + 1 - collected.length);
    const page = await api.listComments(issueKey, { order: "desc", count: want, maxId });
    collected.push(...page.slice(0, want));
    if (page.length < want) break;
    maxId = page[page.length - 1].id - 1;
  }
  const more = collected.length > limit;
  const newest = collected.slice(0, limit);
  const total = more ? await api.countComments(issueKey) : newest.length;
  return { comments: newest.reverse(), total: Math.max(total, newest.length) };
}

/** Which comments a window holds. */
export interface CommentWindow {
  order: "asc" | "desc";
  count: number;
  /** Only comments with a lower id. */
  beforeId?: number;
  /** Only comments with a higher id. */
  afterId?: number;
}

/**
 * Up to `count` comments strictly between the bounds, in `order`, the
 * issue's total, and whether more follow. Up to two boundary comments may be
 * dropped, so three extra are asked for (one to learn whether more follow).
 */
export async function commentWindow(
  api: BacklogApi,
  issueKey: string,
  window: CommentWindow,
): Promise<{ comments: Comment[]; total: number; hasMore: boolean }> {
  const { order, count, beforeId: before, afterId: after } = window;
  const want = Math.min(PAGE_SIZE, count + 3);
  const [page, total] = await Promise.all([
    api.listComments(issueKey, { order, count: want, maxId: before, minId: after }),
    api.countComments(issueKey),
  ]);
  const inRange = page.filter((c) =>
    (before === undefined || c.id < before) && (after === undefined || c.id > after)
  );
  const hasMore = inRange.length > count || (want < count + 3 && page.length === want);
  return { comments: inRange.slice(0, count), total, hasMore };
}
