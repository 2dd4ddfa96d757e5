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
import { projectKeyOf } from "../backlog/issue_keys.ts";
import { ToolInputError } from "../shared/input_error.ts";

/** What something says of its project: its id, its key, or both. */
export interface ProjectRef {
  id?: number;
  key?: string;
}

/** The project an issue names: its project id and its key's prefix. */
export function projectOfIssue(issue: Pick<Issue, "projectId" | "issueKey">): ProjectRef {
  return { id: issue.projectId, key: projectKeyOf(issue.issueKey ?? "") };
}

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

  /**
   * The one allowlist rule, which every other check here applies: without
   * an allowlist everything is allowed; with one, a key given must be listed,
   * and an id given must be a project among `visible` whose key is listed.
   * A reference with neither is refused.
   */
  allows(ref: ProjectRef, visible: readonly Pick<Project, "id" | "projectKey">[] = []): boolean {
    const allowed = this.#allowed;
    if (!allowed) return true;
    if (ref.key === undefined && ref.id === undefined) return false;
    if (ref.key !== undefined && !allowed.has(ref.key.toUpperCase())) return false;
    if (ref.id === undefined) return true;
    const project = visible.find((p) => p.id === ref.id);
    return project !== undefined && allowed.has(project.projectKey.toUpperCase());
  }

  /** Whether a project key is allowed. */
  allowsKey(projectKey: string): boolean {
    return this.allows({ key: projectKey });
  }

  /** The allowed ones among `projects`. */
  filter<T extends Pick<Project, "projectKey">>(projects: readonly T[]): T[] {
    return projects.filter((p) => this.allows({ key: p.projectKey }));
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
  hideMissingIssue(error: unknown, refused: Refused): unknown {
    const missing = error instanceof BacklogError && error.kind === "not_found";
    return this.restricted && missing ? this.issueRefused(refused.parameter, refused.ref) : error;
  }

  /** Refuses an issue key whose project prefix is not allowed, before anything is fetched. */
  checkIssueKey(issueKey: string, parameter: string): void {
    if (!this.allows({ key: projectKeyOf(issueKey) })) throw this.issueRefused(parameter, issueKey);
  }

  /** Whether a fetched issue's project (by id, among `visible`, and by key prefix) is allowed. */
  allowsIssue(issue: Issue, visible: readonly Project[]): boolean {
    return this.allows(projectOfIssue(issue), visible);
  }

  /**
   * Refuses a fetched issue unless {@linkcode allowsIssue}. The message names
   * only what the caller passed (`ref`), never anything read from the issue.
   */
  checkIssue(issue: Issue, visible: readonly Project[], refused: Refused): void {
    if (!this.allowsIssue(issue, visible)) throw this.issueRefused(refused.parameter, refused.ref);
  }
}

/** What a refusal names: the parameter, and the reference as the caller passed it. */
export interface Refused {
  parameter: string;
  ref: string | number;
}

/** A reference as the caller typed it, cut to 60 characters. */
function clip(ref: string | number): string {
  const chars = [...String(ref).trim()];
  return chars.length > 60 ? `"${chars.slice(0, 60).join("")}…"` : `"${chars.join("")}"`;
}
