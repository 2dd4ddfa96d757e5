/**
 * Typed Backlog endpoints. Tools call these and never see URLs or HTTP.
 *
 * @module
 */

import type { BacklogClient } from "./client.ts";
import { BacklogError } from "./errors.ts";
import type { Params } from "./query.ts";
import type {
  Category,
  Comment,
  Count,
  CustomField,
  Issue,
  IssueType,
  Named,
  Project,
  Status,
  User,
  Version,
} from "./types.ts";

/** Backlog's sort keys for `GET /issues` (§4.12); `customField_{id}` aside. */
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
  "parentIssueId"?: number[];
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
}

/** Comment paging parameters (`GET /issues/:key/comments`). */
export interface CommentQuery extends Params {
  count?: number;
  order?: "asc" | "desc";
  minId?: number;
  maxId?: number;
}

/**
 * Form fields of `POST /issues` and `PATCH /issues/:key` (§4.18, §4.19), by
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

/** The Backlog endpoints this server uses. */
export class BacklogApi {
  constructor(readonly client: BacklogClient) {}

  /** `GET /users/myself`: the key's owner. */
  getMyself(): Promise<User> {
    return this.client.get<User>(["users", "myself"]);
  }

  /** `GET /projects`: projects the key's user has joined. */
  getProjects(): Promise<Project[]> {
    return this.client.get<Project[]>(["projects"]);
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

  /** `GET /projects/:key/customFields` (§12.2.1): the project's custom field definitions. */
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

  /** `GET /issues/:key`; a 404 becomes "issue X not found". */
  async getIssue(issueIdOrKey: string | number): Promise<Issue> {
    try {
      return await this.client.get<Issue>(["issues", issueIdOrKey]);
    } catch (error) {
      throw notFoundAs(error, `Issue ${issueIdOrKey} was not found`);
    }
  }

  /** One page of `GET /issues` (count 1–100). */
  listIssues(query: IssueQuery, offset: number, count: number): Promise<Issue[]> {
    return this.client.get<Issue[]>(["issues"], { ...query, offset, count });
  }

  /** `GET /issues/count` with the same filters. */
  async countIssues(query: IssueQuery): Promise<number> {
    const { sort: _sort, order: _order, ...filters } = query;
    return (await this.client.get<Count>(["issues", "count"], filters)).count;
  }

  /** One page of `GET /issues/:key/comments`. */
  async listComments(issueIdOrKey: string | number, query: CommentQuery): Promise<Comment[]> {
    try {
      return await this.client.get<Comment[]>(["issues", issueIdOrKey, "comments"], query);
    } catch (error) {
      throw notFoundAs(error, `Issue ${issueIdOrKey} was not found`);
    }
  }

  /** `GET /issues/:key/comments/count`. */
  async countComments(issueIdOrKey: string | number): Promise<number> {
    return (await this.client.get<Count>(["issues", issueIdOrKey, "comments", "count"])).count;
  }

  /** `POST /issues` (§4.18): creates an issue; answers the new issue. */
  addIssue(form: IssueForm): Promise<Issue> {
    return this.client.post<Issue>(["issues"], form);
  }

  /** `PATCH /issues/:key` (§4.19): changes the fields in `form`; answers the updated issue. */
  async updateIssue(issueIdOrKey: string | number, form: IssueForm): Promise<Issue> {
    try {
      return await this.client.patch<Issue>(["issues", issueIdOrKey], form);
    } catch (error) {
      throw notFoundAs(error, `Issue ${issueIdOrKey} was not found`);
    }
  }

  /** `POST /issues/:key/comments` (§4.20); answers the new comment. */
  async addComment(
    issueIdOrKey: string | number,
    form: { content: string; notifiedUserId?: number[] },
  ): Promise<Comment> {
    try {
      return await this.client.post<Comment>(["issues", issueIdOrKey, "comments"], form);
    } catch (error) {
      throw notFoundAs(error, `Issue ${issueIdOrKey} was not found`);
    }
  }
}

/** Rewrites a 404 with a sentence naming the missing thing; other errors pass through. */
function notFoundAs(error: unknown, sentence: string): unknown {
  if (!(error instanceof BacklogError) || error.kind !== "not_found") return error;
  const said = error.backlogMessage ? ` (Backlog: ${error.backlogMessage})` : "";
  return new BacklogError(`${sentence}${said}. Check the key, e.g. PROJ-123.`, {
    kind: "not_found",
    status: error.status,
    entries: error.entries,
    request: error.request,
  });
}
