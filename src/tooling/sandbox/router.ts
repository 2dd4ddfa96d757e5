/**
 * Route table for `/api/v2/*` and dispatch of a matched route to its handler.
 *
 * @module
 */
import type { Ctx } from "./context.ts";
import * as activity from "./handlers_activity.ts";
import * as attention from "./handlers_attention.ts";
import { getCustomFields } from "./custom_fields.ts";
import * as issues from "./handlers_issues.ts";
import * as projects from "./handlers_projects.ts";
import * as writes from "./handlers_writes.ts";
import { ApiError, jsonResponse } from "./http.ts";

/** A handler returns a JSON-able body (sent as 200) or a complete Response. */
export type Handler = (ctx: Ctx) => unknown;

type Route = [method: string, pattern: string, handler: Handler];

// Order matters: literal segments ("issues/count") come before parameters ("issues/:issue").
const ROUTES: Route[] = [
  ["GET", "users/myself", projects.getMyself],
  ["GET", "users", projects.getUsers],
  ["GET", "users/:userId", projects.getUser],
  ["GET", "users/:userId/icon", projects.getUserIcon],
  ["GET", "space", projects.getSpace],
  ["GET", "projects", projects.getProjects],
  ["GET", "projects/:project", projects.getProject],
  ["GET", "projects/:project/statuses", projects.getStatuses],
  ["GET", "projects/:project/issueTypes", projects.getIssueTypes],
  ["GET", "projects/:project/categories", projects.getCategories],
  ["GET", "projects/:project/versions", projects.getVersions],
  ["GET", "projects/:project/users", projects.getProjectUsers],
  ["GET", "projects/:project/customFields", getCustomFields],
  ["GET", "priorities", projects.getPriorities],
  ["GET", "resolutions", projects.getResolutions],
  ["GET", "rateLimit", projects.getRateLimit],
  ["GET", "issues", issues.getIssues],
  ["GET", "issues/count", issues.countIssues],
  ["POST", "issues", writes.addIssue],
  ["GET", "issues/:issue", issues.getIssue],
  ["PATCH", "issues/:issue", writes.updateIssue],
  ["GET", "issues/:issue/comments", issues.getComments],
  ["POST", "issues/:issue/comments", writes.addComment],
  ["GET", "issues/:issue/comments/count", issues.countComments],
  ["GET", "issues/:issue/comments/:commentId", issues.getComment],
  ["GET", "issues/:issue/attachments", issues.getAttachments],
  // Notifications, watchings, activities, files (backlog-api.md §12.4–§12.8).
  ["GET", "issues/:issue/attachments/:attachmentId", activity.downloadAttachment],
  ["GET", "issues/:issue/sharedFiles", activity.getIssueSharedFiles],
  ["GET", "projects/:project/files/:sharedFileId", activity.downloadSharedFile],
  ["GET", "space/activities", activity.getSpaceActivities],
  ["GET", "projects/:project/activities", activity.getProjectActivities],
  ["GET", "users/:userId/activities", activity.getUserActivities],
  ["GET", "activities/:activityId", activity.getActivity],
  ["GET", "notifications", attention.getNotifications],
  ["GET", "notifications/count", attention.countNotifications],
  ["POST", "notifications/markAsRead", attention.resetNotifications],
  ["POST", "notifications/:id/markAsRead", attention.markNotificationRead],
  ["GET", "users/:userId/watchings", attention.getWatchings],
  ["GET", "users/:userId/watchings/count", attention.countWatchings],
  ["POST", "watchings", attention.addWatching],
  ["GET", "watchings/:watchingId", attention.getWatching],
  ["PATCH", "watchings/:watchingId", attention.updateWatching],
  ["DELETE", "watchings/:watchingId", attention.deleteWatching],
  ["POST", "watchings/:watchingId/markAsRead", attention.markWatchingRead],
];

/** Finds the route for `method` and a decoded path relative to `/api/v2/`. */
export function matchRoute(
  method: string,
  path: string,
): { handler: Handler; pathParams: Record<string, string> } | undefined {
  const segs = path.split("/");
  for (const [m, pattern, handler] of ROUTES) {
    if (m !== method) continue;
    const parts = pattern.split("/");
    if (parts.length !== segs.length) continue;
    const pathParams: Record<string, string> = {};
    const ok = parts.every((part, i) => {
      if (part.startsWith(":")) {
        if (segs[i] === "") return false;
        pathParams[part.slice(1)] = segs[i];
        return true;
      }
      return part === segs[i];
    });
    if (ok) return { handler, pathParams };
  }
  return undefined;
}

/** Runs a handler, turning its result or ApiError into a Response. */
export function runHandler(handler: Handler, ctx: Ctx): Response {
  try {
    const out = handler(ctx);
    return out instanceof Response ? out : jsonResponse(out);
  } catch (e) {
    if (e instanceof ApiError) return jsonResponse({ errors: e.errors }, e.status);
    console.error("sandbox: handler failed", e);
    return jsonResponse(
      { errors: [{ message: "Internal server error.", code: 1, moreInfo: "" }] },
      500,
    );
  }
}
