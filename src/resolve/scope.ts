/**
 * The project allowlist (`BACKLOG_PROJECTS`), in one place that every tool
 * consults: lists narrow to it, named projects outside it are refused, and an
 * issue from another project is refused before any of its content is used.
 * Issue keys are checked by their prefix before anything is fetched; a fetched
 * issue is checked again by its project id, since a key prefix alone can
 * mislead (project keys can be renamed). Under an allowlist, a project or
 * issue outside it and one that does not exist get one and the same refusal,
 * so the refusals cannot tell which projects or issues exist elsewhere.
 *
 * @module
 */

import { BacklogError } from "../backlog/errors.ts";
import type { Issue, Project } from "../backlog/types.ts";
import { ToolInputError } from "../shared/input_error.ts";

/** Which projects the tools may touch. Without an allowlist: every visible project. */
export class ProjectScope {
  readonly #allowed?: ReadonlySet<string>;

  /** `allowlist`: BACKLOG_PROJECTS's keys; undefined allows every project. */
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

  /** The refusal for a project `ref` outside the allowlist, or not found: the same sentence. */
  projectRefused(parameter: string, ref: string | number): ToolInputError {
    return new ToolInputError(
      parameter,
      `project ${
        clip(ref)
      } is not among the projects this server may use ${this.describe()}: it does not exist, the API key cannot see it, or it is not in that list. Use one of those, or change BACKLOG_PROJECTS.`,
    );
  }

  /** The refusal for an issue `ref` outside the allowlist, or not found: the same sentence. */
  issueRefused(parameter: string, ref: string | number): ToolInputError {
    return new ToolInputError(
      parameter,
      `issue ${
        clip(ref)
      } is not among the issues this server may use ${this.describe()}: it does not exist, or its project is not in that list. Use an issue of those projects, or change BACKLOG_PROJECTS.`,
    );
  }

  /**
   * Under an allowlist, Backlog's "not found" for issue `ref` becomes
   * {@linkcode issueRefused}, so it reads like a refusal; any other error is returned as is.
   */
  hideMissingIssue(error: unknown, parameter: string, ref: string | number): unknown {
    const missing = error instanceof BacklogError && error.kind === "not_found";
    return this.restricted && missing ? this.issueRefused(parameter, ref) : error;
  }

  /** Refuses an issue key whose project prefix is not allowed, before anything is fetched. */
  checkIssueKey(issueKey: string, parameter: string): void {
    const prefix = issueKey.slice(0, issueKey.lastIndexOf("-"));
    if (!this.allowsKey(prefix)) throw this.issueRefused(parameter, issueKey);
  }

  /** Whether a fetched issue's project is an allowed one among `visible` (always, unrestricted). */
  allowsIssue(issue: Issue, visible: readonly Project[]): boolean {
    if (!this.restricted) return true;
    const project = visible.find((p) => p.id === issue.projectId);
    const prefix = issue.issueKey?.slice(0, issue.issueKey.lastIndexOf("-")) ?? "";
    return project !== undefined && this.allowsKey(project.projectKey) && this.allowsKey(prefix);
  }

  /**
   * Refuses a fetched issue unless {@linkcode allowsIssue}. The message names
   * only what the caller passed (`ref`), never anything read from the issue.
   */
  checkIssue(issue: Issue, visible: readonly Project[], parameter: string, ref: string): void {
    if (!this.allowsIssue(issue, visible)) throw this.issueRefused(parameter, ref);
  }
}

/** A reference as the caller typed it, cut to 60 characters. */
function clip(ref: string | number): string {
  const chars = [...String(ref).trim()];
  return chars.length > 60 ? `"${chars.slice(0, 60).join("")}…"` : `"${chars.join("")}"`;
}
