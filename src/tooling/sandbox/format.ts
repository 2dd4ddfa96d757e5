/**
 * Wire formatting: timestamps, dates, and expansion of stored issues/comments into Backlog JSON.
 *
 * @module
 */
import { customFieldValuesJson } from "./custom_fields.ts";
import { type CustomFieldOptions, DEFAULT_CUSTOM_FIELD_OPTIONS } from "./options.ts";
import type {
  AttachmentRecord,
  CommentRecord,
  IssueRecord,
  SandboxState,
  Status,
  User,
  Version,
} from "./types.ts";
import type { SharedFileRecord } from "./types_attention.ts";

/** Epoch ms → `yyyy-MM-ddTHH:mm:ssZ` (UTC, second precision, backlog-api.md §2). */
export function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + "Z";
}

/** `yyyy-MM-ddTHH:mm:ssZ` → epoch ms. */
export function parseTimestamp(s: string): number {
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) throw new Error(`bad timestamp ${s}`);
  return ms;
}

/** `yyyy-MM-dd` → the wire form Backlog uses for date-only fields, `yyyy-MM-ddT00:00:00Z`. */
export function formatDate(date: string | null): string | null {
  return date === null ? null : `${date}T00:00:00Z`;
}

/** The `yyyy-MM-dd` calendar date of an epoch-ms instant, shifted by `offsetMinutes` from UTC. */
export function dateOf(ms: number, offsetMinutes = 0): string {
  return new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** Adds whole days to a `yyyy-MM-dd` date. */
export function addDays(date: string, days: number): string {
  return dateOf(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000);
}

/** Lookup helpers over the state; every miss is a seed/write bug, so they throw. */
export function userById(state: SandboxState, id: number): User {
  const u = state.users.find((x) => x.id === id);
  if (!u) throw new Error(`no user ${id}`);
  return u;
}

/** The status object as the issue's project presents it (names can differ per project). */
export function statusOf(state: SandboxState, projectId: number, statusId: number): Status {
  const s = state.statuses.find((x) => x.projectId === projectId && x.id === statusId);
  if (!s) throw new Error(`no status ${statusId} in project ${projectId}`);
  return s;
}

function versionsByIds(state: SandboxState, ids: number[]): Version[] {
  return ids.map((id) => {
    const v = state.versions.find((x) => x.id === id);
    if (!v) throw new Error(`no version ${id}`);
    return v;
  });
}

/** Options controlling issue expansion. */
export interface IssueJsonOptions {
  /** Add `childIssueSummary` (`expand[]=childIssueSummary`). */
  childIssueSummary?: boolean;
  /** How custom field values are listed; defaults to `DEFAULT_CUSTOM_FIELD_OPTIONS`. */
  customFields?: CustomFieldOptions;
}

/** Expands a stored issue into the Issue JSON of backlog-api.md §3.8. */
export function issueJson(
  state: SandboxState,
  issue: IssueRecord,
  opts: IssueJsonOptions = {},
): Record<string, unknown> {
  const type = state.issueTypes.find((t) => t.id === issue.issueTypeId);
  if (!type) throw new Error(`no issue type ${issue.issueTypeId}`);
  const out: Record<string, unknown> = {
    id: issue.id,
    projectId: issue.projectId,
    issueKey: issue.issueKey,
    keyId: issue.keyId,
    // The issueType nested in an Issue omits the template fields (backlog-api.md §3.5).
    issueType: {
      id: type.id,
      projectId: type.projectId,
      name: type.name,
      color: type.color,
      displayOrder: type.displayOrder,
    },
    summary: issue.summary,
    description: issue.description,
    resolution: issue.resolutionId === null
      ? null
      : state.resolutions.find((r) => r.id === issue.resolutionId) ?? null,
    priority: state.priorities.find((p) => p.id === issue.priorityId) ?? null,
    status: statusOf(state, issue.projectId, issue.statusId),
    assignee: issue.assigneeId === null ? null : userById(state, issue.assigneeId),
    category: issue.categoryIds.map((id) => state.categories.find((c) => c.id === id)),
    versions: versionsByIds(state, issue.versionIds),
    milestone: versionsByIds(state, issue.milestoneIds),
    startDate: formatDate(issue.startDate),
    dueDate: formatDate(issue.dueDate),
    estimatedHours: issue.estimatedHours,
    actualHours: issue.actualHours,
    parentIssueId: issue.parentIssueId,
    createdUser: userById(state, issue.createdUserId),
    created: formatTimestamp(issue.created),
    updatedUser: userById(state, issue.updatedUserId),
    updated: formatTimestamp(issue.updated),
    customFields: customFieldValuesJson(
      state,
      issue,
      opts.customFields ?? DEFAULT_CUSTOM_FIELD_OPTIONS,
    ),
    attachments: issue.attachments.map((a) => ({ id: a.id, name: a.name, size: a.size })),
    sharedFiles: linkedSharedFiles(state, issue.id).map((f) => sharedFileJson(state, f)),
    stars: [],
  };
  if (opts.childIssueSummary) {
    const children = state.issues.filter((i) => i.parentIssueId === issue.id);
    out.childIssueSummary = {
      total: children.length,
      closed: children.filter((c) => c.statusId === 4).length,
    };
  }
  return out;
}

/** Expands a stored comment into the Comment JSON of backlog-api.md §3.9. */
export function commentJson(state: SandboxState, c: CommentRecord): Record<string, unknown> {
  return {
    id: c.id,
    projectId: c.projectId,
    issueId: c.issueId,
    content: c.content,
    changeLog: c.changeLog,
    createdUser: userById(state, c.createdUserId),
    created: formatTimestamp(c.created),
    updated: formatTimestamp(c.updated),
    stars: [],
    notifications: [],
  };
}

/** The shared files linked to an issue (backlog-api.md §12.8), in the project's file order. */
export function linkedSharedFiles(state: SandboxState, issueId: number): SharedFileRecord[] {
  const ids = state.attention.issueSharedFiles[issueId] ?? [];
  return state.attention.sharedFiles.filter((f) => ids.includes(f.id));
}

/** SharedFile JSON (backlog-api.md §12.8), as the issue and `/issues/:key/sharedFiles` send it. */
export function sharedFileJson(state: SandboxState, f: SharedFileRecord): Record<string, unknown> {
  return {
    id: f.id,
    projectId: f.projectId,
    type: f.type,
    dir: f.dir,
    name: f.name,
    size: f.size,
    createdUser: userById(state, f.createdUserId),
    created: formatTimestamp(f.created),
    updatedUser: userById(state, f.updatedUserId),
    updated: formatTimestamp(f.updated),
  };
}

/** Attachment JSON of the list endpoint (backlog-api.md §4.17): all five keys. */
export function attachmentJson(state: SandboxState, a: AttachmentRecord): Record<string, unknown> {
  return {
    id: a.id,
    name: a.name,
    size: a.size,
    createdUser: userById(state, a.createdUserId),
    created: formatTimestamp(a.created),
  };
}
