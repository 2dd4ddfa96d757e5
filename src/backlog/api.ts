/**
 * Typed Backlog endpoints. Tools call these and never see URLs or HTTP.
 *
 * @module
 */

import type { BacklogClient } from "./client.ts";
import { BacklogError } from "./errors.ts";
import type { Params } from "./query.ts";
import type { Comment, Count, Issue, Project, Status, User } from "./types.ts";

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
