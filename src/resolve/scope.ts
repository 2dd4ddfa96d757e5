/**
 * The project allowlist (`BACKLOG_PROJECTS`), in one place that every tool
 * consults: lists narrow to it, named projects outside it are refused, and an
 * issue from another project is refused before any of its content is used.
 * Issue keys are checked by their prefix before anything is fetched; a fetched
 * issue is checked again by its project id, since a key prefix alone can
 * mislead (project keys can be renamed).
 *
 * @module
 */

import type { Issue, Project } from "../backlog/types.ts";
import { ToolInputError } from "../shared/input_error.ts";

/** Which projects the tools may touch. Without an allowlist: every visible project. */
export class ProjectScope {
  readonly #allowed?: ReadonlySet<string>;

  constructor(readonly allowlist?: readonly string[]) {
    this.#allowed = allowlist ? new Set(allowlist.map((k) => k.toUpperCase())) : undefined;
  }

  /** True when BACKLOG_PROJECTS is set. */
  get restricted(): boolean {
    return this.#allowed !== undefined;
  }

  /** Whether a project key is allowed. */
  allowsKey(projectKey: string): boolean {
    return !this.#allowed || this.#allowed.has(projectKey.toUpperCase());
  }

  /** The allowed ones among `projects`. */
  filter<T extends Pick<Project, "projectKey">>(projects: readonly T[]): T[] {
    return projects.filter((p) => this.allowsKey(p.projectKey));
  }

  /** `(BACKLOG_PROJECTS: PROJ, DEMO)`, or "" without an allowlist. */
  describe(): string {
    return this.allowlist ? `(BACKLOG_PROJECTS: ${this.allowlist.join(", ")})` : "";
  }

  /** The refusal for `what` (e.g. `project OPS`), naming the allowed projects. */
  outside(parameter: string, what: string): ToolInputError {
    return new ToolInputError(
      parameter,
      `${what} is outside the projects this server may use ${this.describe()}. Ask for one of those, or change BACKLOG_PROJECTS.`,
    );
  }

  /** Refuses an issue key whose project prefix is not allowed, before anything is fetched. */
  checkIssueKey(issueKey: string, parameter: string): void {
    const prefix = issueKey.slice(0, issueKey.lastIndexOf("-"));
    if (!this.allowsKey(prefix)) throw this.outside(parameter, `${issueKey} (project ${prefix})`);
  }

  /**
   * Refuses a fetched issue unless its project is an allowed one among
   * `visible`. The message names only what the caller passed (`ref`), never
   * anything read from the issue.
   */
  checkIssue(issue: Issue, visible: readonly Project[], parameter: string, ref: string): void {
    if (!this.restricted) return;
    const project = visible.find((p) => p.id === issue.projectId);
    const prefix = issue.issueKey?.slice(0, issue.issueKey.lastIndexOf("-")) ?? "";
    if (!project || !this.allowsKey(project.projectKey) || !this.allowsKey(prefix)) {
      throw this.outside(parameter, `issue ${ref} is in a project that`);
    }
  }
}
