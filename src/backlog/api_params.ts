/**
 * What the endpoints of `BacklogApi` take: the filters, paging and
 * form fields of Backlog's requests, by Backlog parameter name. `api.ts`
 * re-exports them; import them from there.
 *
 * @module
 */

import type { Params } from "./query.ts";

/** Backlog's sort keys for `GET /issues` (backlog-api.md §4.12); `customField_{id}` aside. */
export const ISSUE_SORT_KEYS = [
  "issueType",
  "category",
  "version",
  "milestone",
  "summary",
  "status",
  "priority",
  "attachment",
  "sharedFile",
  "created",
  "createdUser",
  "updated",
  "updatedUser",
  "assignee",
  "startDate",
  "dueDate",
  "estimatedHours",
  "actualHours",
  "childIssue",
] as const; // deno-fmt-ignore

/** Filters of `GET /issues` and `GET /issues/count`, by Backlog parameter name. */
export interface IssueQuery extends Params {
  "projectId"?: number[];
  "assigneeId"?: number[];
  "statusId"?: number[];
  "milestoneId"?: number[];
  "issueTypeId"?: number[];
  "categoryId"?: number[];
  "priorityId"?: number[];
  "resolutionId"?: number[];
  "createdUserId"?: number[];
  "parentIssueId"?: number[];
  /** See {@linkcode PARENT_CHILD}. */
  "parentChild"?: number;
  /** true: with attachments; false: without (2026 JA docs). */
  "attachment"?: boolean;
  /** true: with shared files; false: without (2026 JA docs). */
  "sharedFile"?: boolean;
  /** Only `false` is allowed: issues without a due date. */
  "hasDueDate"?: false;
  "createdSince"?: string;
  "createdUntil"?: string;
  "updatedSince"?: string;
  "updatedUntil"?: string;
  "startDateSince"?: string;
  "startDateUntil"?: string;
  "dueDateSince"?: string;
  "dueDateUntil"?: string;
  "keyword"?: string;
  "sort"?: string;
  "order"?: "asc" | "desc";
  "expand"?: "childIssueSummary"[];
}

/** `parentChild` values (backlog-api.md §4.12) that mean the same in the old EN and the 2026 JA docs. */
export const PARENT_CHILD = { notChild: 1, child: 2, standalone: 3, parent: 4 } as const;

/** Comment paging parameters (`GET /issues/:key/comments`). */
export interface CommentQuery extends Params {
  count?: number;
  order?: "asc" | "desc";
  minId?: number;
  maxId?: number;
}

/**
 * Form fields of `POST /issues` and `PATCH /issues/:key` (backlog-api.md §4.18, §4.19), by
 * Backlog name. An empty string clears a single value; `[""]` (sent as
 * `key[]=`) clears a list.
 */
export interface IssueForm extends Params {
  projectId?: number;
  summary?: string;
  description?: string;
  issueTypeId?: number;
  priorityId?: number;
  statusId?: number;
  resolutionId?: number | "";
  assigneeId?: number | "";
  parentIssueId?: number;
  startDate?: string;
  dueDate?: string;
  estimatedHours?: number | "";
  actualHours?: number | "";
  categoryId?: (number | "")[];
  milestoneId?: (number | "")[];
  notifiedUserId?: number[];
  comment?: string;
}

/** Id-paged lists (notifications, activities): `maxId`/`minId`, `count` 1–100, `order`. */
export interface IdPageQuery extends Params {
  minId?: number;
  maxId?: number;
  count?: number;
  order?: "asc" | "desc";
  activityTypeId?: number[];
}

/** `GET /users/:id/watchings` parameters (backlog-api.md §12.6). */
export interface WatchingQuery extends Params {
  order?: "asc" | "desc";
  sort?: "created" | "updated" | "issueUpdated";
  count?: number;
  offset?: number;
  resourceAlreadyRead?: boolean;
  issueId?: number[];
}
