/**
 * Typed Backlog endpoints. Tools call these and never see URLs or HTTP.
 *
 * @module
 */

import type { ApiPathSegments, BacklogRequests } from "./client.ts";
import { orNotFound } from "./errors.ts";
import type {
  CommentQuery,
  IdPageQuery,
  IssueForm,
  IssueQuery,
  WatchingQuery,
} from "./api_params.ts";
import type {
  Activity,
  AttachmentInfo,
  Category,
  Comment,
  Count,
  CustomField,
  Download,
  Issue,
  IssueType,
  Named,
  Notification,
  Project,
  SharedFile,
  Space,
  Status,
  User,
  Version,
  Watching,
} from "./types.ts";

export { ISSUE_SORT_KEYS, PARENT_CHILD } from "./api_params.ts";
export type {
  CommentQuery,
  IdPageQuery,
  IssueForm,
  IssueQuery,
  WatchingQuery,
} from "./api_params.ts";

/** The Backlog endpoints this server uses. */
export class BacklogApi {
  /** On one call's view: the issue pages it has asked for so far. */
  #call?: { pages: number };

  constructor(readonly client: BacklogRequests) {}

  /**
   * The same endpoints for one tool call. Once `signal` aborts (MCP
   * `notifications/cancelled`), no further request is sent or retried; and
   * the call's later issue pages are bulk requests, spaced as Nulab asks,
   * while its first one goes at once.
   */
  forCall(signal?: AbortSignal): BacklogApi {
    const view = new BacklogApi(signal ? this.client.withSignal(signal) : this.client);
    view.#call = { pages: 0 };
    return view;
  }

  /** `GET /users/myself`: the key's owner. */
  getMyself(): Promise<User> {
    return this.client.get<User>(["users", "myself"]);
  }

  /** `GET /space`: the space, with its timezone. */
  getSpace(): Promise<Space> {
    return this.client.get<Space>(["space"]);
  }

  /** `GET /users/:id`: any user of the space. */
  getUser(userId: number): Promise<User> {
    return this.client.get<User>(["users", userId]);
  }

  /** `GET /projects`: projects the key's user has joined. */
  getProjects(): Promise<Project[]> {
    return this.client.get<Project[]>(["projects"]);
  }

  /** `GET /projects/:key`: one project, joined or not (Backlog answers 404 when it does not exist). */
  getProject(projectIdOrKey: number | string): Promise<Project> {
    return this.client.get<Project>(["projects", projectIdOrKey]);
  }

  /** `GET /projects/:key/statuses`. */
  getStatuses(projectIdOrKey: number | string): Promise<Status[]> {
    return this.client.get<Status[]>(["projects", projectIdOrKey, "statuses"]);
  }

  /** `GET /projects/:key/issueTypes`. */
  getIssueTypes(projectIdOrKey: number | string): Promise<IssueType[]> {
    return this.client.get<IssueType[]>(["projects", projectIdOrKey, "issueTypes"]);
  }

  /** `GET /projects/:key/categories`. */
  getCategories(projectIdOrKey: number | string): Promise<Category[]> {
    return this.client.get<Category[]>(["projects", projectIdOrKey, "categories"]);
  }

  /** `GET /projects/:key/versions`: milestones and versions (one list), archived included. */
  getVersions(projectIdOrKey: number | string): Promise<Version[]> {
    return this.client.get<Version[]>(["projects", projectIdOrKey, "versions"]);
  }

  /** `GET /projects/:key/users`: the project's members. */
  getProjectUsers(projectIdOrKey: number | string): Promise<User[]> {
    return this.client.get<User[]>(["projects", projectIdOrKey, "users"]);
  }

  /** `GET /projects/:key/customFields` (backlog-api.md §12.2.1): the project's custom field definitions. */
  getCustomFields(projectIdOrKey: number | string): Promise<CustomField[]> {
    return this.client.get<CustomField[]>(["projects", projectIdOrKey, "customFields"]);
  }

  /** `GET /priorities` (space-wide). */
  getPriorities(): Promise<Named[]> {
    return this.client.get<Named[]>(["priorities"]);
  }

  /** `GET /resolutions` (space-wide). */
  getResolutions(): Promise<Named[]> {
    return this.client.get<Named[]>(["resolutions"]);
  }

  /**
   * `GET /issues/:key`; a 404 becomes "issue X not found". `childIssueSummary`
   * adds `{total, closed}` of its child issues (backlog-api.md §4.14).
   */
  getIssue(
    issueIdOrKey: string | number,
    options: { childIssueSummary?: boolean } = {},
  ): Promise<Issue> {
    const query = options.childIssueSummary ? { expand: ["childIssueSummary"] } : undefined;
    return ofIssue(issueIdOrKey, this.client.get<Issue>(["issues", issueIdOrKey], query));
  }

  /**
   * One page of `GET /issues` (count 1–100). On a call's view, every page
   * after the call's first is a bulk request: the client spaces it from the
   * previous search, as Nulab asks.
   */
  listIssues(query: IssueQuery, offset: number, count: number): Promise<Issue[]> {
    const later = this.#call !== undefined && this.#call.pages++ > 0;
    return this.client.request<Issue[]>({
      method: "GET",
      path: ["issues"],
      query: { ...query, offset, count },
      bulk: later,
    });
  }

  /** `GET /issues/count` with the same filters. */
  async countIssues(query: IssueQuery): Promise<number> {
    const { sort: _sort, order: _order, expand: _expand, ...filters } = query;
    return (await this.client.get<Count>(["issues", "count"], filters)).count;
  }

  /** One page of `GET /issues/:key/comments`. */
  listComments(issueIdOrKey: string | number, query: CommentQuery): Promise<Comment[]> {
    return ofIssue(
      issueIdOrKey,
      this.client.get<Comment[]>(["issues", issueIdOrKey, "comments"], query),
    );
  }

  /** `GET /issues/:key/comments/count`. */
  async countComments(issueIdOrKey: string | number): Promise<number> {
    return (await this.client.get<Count>(["issues", issueIdOrKey, "comments", "count"])).count;
  }

  /** `POST /issues` (backlog-api.md §4.18): creates an issue; answers the new issue. */
  addIssue(form: IssueForm): Promise<Issue> {
    return this.client.post<Issue>(["issues"], form);
  }

  /** `PATCH /issues/:key` (backlog-api.md §4.19): changes the fields in `form`; answers the updated issue. */
  updateIssue(issueIdOrKey: string | number, form: IssueForm): Promise<Issue> {
    return ofIssue(issueIdOrKey, this.client.patch<Issue>(["issues", issueIdOrKey], form));
  }

  /** `POST /issues/:key/comments` (backlog-api.md §4.20); answers the new comment. */
  addComment(
    issueIdOrKey: string | number,
    form: { content: string; notifiedUserId?: number[] },
  ): Promise<Comment> {
    return ofIssue(
      issueIdOrKey,
      this.client.post<Comment>(["issues", issueIdOrKey, "comments"], form),
    );
  }

  // --- Notifications, activities, watchings, files (backlog-api.md §12.4–§12.8) ---

  /** One page of `GET /notifications` (the key's user's), newest first by default. */
  listNotifications(query: IdPageQuery): Promise<Notification[]> {
    return this.client.get<Notification[]>(["notifications"], query);
  }

  /** `GET /notifications/count`; `alreadyRead: false` counts the unread ones. */
  async countNotifications(query: { alreadyRead?: boolean }): Promise<number> {
    return (await this.client.get<Count>(["notifications", "count"], query)).count;
  }

  /** `POST /notifications/:id/markAsRead` (answers 204). */
  async markNotificationRead(id: number): Promise<void> {
    await this.client.post<unknown>(["notifications", id, "markAsRead"], {});
  }

  /** One page of `GET /users/:id/activities`. */
  listUserActivities(userId: number, query: IdPageQuery): Promise<Activity[]> {
    return this.client.get<Activity[]>(["users", userId, "activities"], query);
  }

  /** One page of `GET /projects/:key/activities`. */
  listProjectActivities(projectIdOrKey: number | string, query: IdPageQuery): Promise<Activity[]> {
    return this.client.get<Activity[]>(["projects", projectIdOrKey, "activities"], query);
  }

  /** One page of `GET /users/:id/watchings`. */
  listWatchings(userId: number, query: WatchingQuery): Promise<Watching[]> {
    return this.client.get<Watching[]>(["users", userId, "watchings"], query);
  }

  /** `GET /users/:id/watchings/count`. */
  async countWatchings(userId: number, query: { resourceAlreadyRead?: boolean }): Promise<number> {
    return (await this.client.get<Count>(["users", userId, "watchings", "count"], query)).count;
  }

  /** `POST /watchings` (201): the key's user starts watching the issue. */
  addWatching(issueIdOrKey: string | number, note?: string): Promise<Watching> {
    return ofIssue(issueIdOrKey, this.client.post<Watching>(["watchings"], { issueIdOrKey, note }));
  }

  /** `PATCH /watchings/:id`: changes the note. */
  updateWatching(watchingId: number, note: string): Promise<Watching> {
    return this.client.patch<Watching>(["watchings", watchingId], { note });
  }

  /** `DELETE /watchings/:id`: stops watching (answers the deleted watching). */
  deleteWatching(watchingId: number): Promise<Watching> {
    return this.client.request<Watching>({ method: "DELETE", path: ["watchings", watchingId] });
  }

  /** `GET /issues/:key/attachments`. */
  listAttachments(issueIdOrKey: string | number): Promise<AttachmentInfo[]> {
    return ofIssue(
      issueIdOrKey,
      this.client.get<AttachmentInfo[]>(["issues", issueIdOrKey, "attachments"]),
    );
  }

  /** `GET /issues/:key/attachments/:id`: the file, read up to `maxBytes`. */
  downloadAttachment(
    issueIdOrKey: string | number,
    attachmentId: number,
    maxBytes: number,
  ): Promise<Download> {
    return this.#download(
      ["issues", issueIdOrKey, "attachments", attachmentId],
      maxBytes,
      `Attachment ${attachmentId} of ${issueIdOrKey} was not found`,
    );
  }

  /** `GET /issues/:key/sharedFiles`: shared files linked to the issue. */
  listIssueSharedFiles(issueIdOrKey: string | number): Promise<SharedFile[]> {
    return ofIssue(
      issueIdOrKey,
      this.client.get<SharedFile[]>(["issues", issueIdOrKey, "sharedFiles"]),
    );
  }

  /** `GET /projects/:key/files/:id`: a shared file, read up to `maxBytes`. */
  downloadSharedFile(
    projectIdOrKey: number | string,
    fileId: number,
    maxBytes: number,
  ): Promise<Download> {
    return this.#download(
      ["projects", projectIdOrKey, "files", fileId],
      maxBytes,
      `Shared file ${fileId} was not found`,
    );
  }

  /** The file at `path`, read up to `maxBytes`; a 404 says `missing`. */
  #download(path: ApiPathSegments, maxBytes: number, missing: string): Promise<Download> {
    const request = this.client.request<Download>({ method: "GET", path, download: { maxBytes } });
    return orNotFound(request, missing);
  }
}

/** A request about one issue: its 404 says the issue was not found. */
function ofIssue<T>(issueIdOrKey: string | number, request: Promise<T>): Promise<T> {
  return orNotFound(request, `Issue ${issueIdOrKey} was not found`);
}
