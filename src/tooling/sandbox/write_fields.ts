/**
 * Reading and validating the writable issue fields of add/update issue (backlog-api.md §4.18, §4.19), and the
 * display strings change logs use (backlog-api.md §3.9: names, not ids).
 *
 * @module
 */
import type { Ctx } from "./context.ts";
import { type CustomFieldChanges, readCustomFieldWrites } from "./custom_field_writes.ts";
import { issueDepth } from "./issue_query.ts";
import type { IssueRecord, Project, SandboxState } from "./types.ts";

/** Form parameters add issue documents (array keys without `[]`). */
export const ADD_PARAMS = [
  "projectId",
  "summary",
  "issueTypeId",
  "priorityId",
  "parentIssueId",
  "description",
  "startDate",
  "dueDate",
  "estimatedHours",
  "actualHours",
  "categoryId",
  "versionId",
  "milestoneId",
  "assigneeId",
  "notifiedUserId",
  "attachmentId",
];

/** Form parameters update issue documents. */
export const UPDATE_PARAMS = [
  ...ADD_PARAMS.filter((k) => k !== "projectId"),
  "statusId",
  "resolutionId",
  "comment",
];

/** Lists problems for parameters outside `known` (custom fields are always allowed). */
export function unknownParams(ctx: Ctx, known: string[]): string[] {
  return ctx.params.keys()
    .filter((k) => !known.includes(k) && !/^customField_\d+(_otherValue)?$/.test(k))
    .map((k) => `Unknown parameter: ${k}.`);
}

/** A field value that may be "not sent" (undefined), "cleared" (null) or set. */
export type Maybe<T> = T | null | undefined;

/** The issue fields a request sets, validated against the project. */
export interface FieldValues {
  summary?: string;
  description?: string;
  issueTypeId?: number;
  priorityId?: number;
  statusId?: number;
  resolutionId: Maybe<number>;
  assigneeId: Maybe<number>;
  parentIssueId: Maybe<number>;
  startDate: Maybe<string>;
  dueDate: Maybe<string>;
  estimatedHours: Maybe<number>;
  actualHours: Maybe<number>;
  categoryIds?: number[];
  versionIds?: number[];
  milestoneIds?: number[];
  customFields: CustomFieldChanges;
}

/**
 * Reads every writable field. An empty value clears a nullable field [UNCONFIRMED: backlog-api.md §4.19 leaves
 * open how to clear]; `k[]=` clears a list. Problems collect on `ctx.params`.
 */
export function readFields(ctx: Ctx, project: Project, self?: IssueRecord): FieldValues {
  const p = ctx.params;
  const s = ctx.state;
  const problems = p.problems;
  const nullable = <T>(key: string, read: () => T | undefined): Maybe<T> =>
    p.has(key) && p.str(key) === "" ? null : read();
  const check = <V extends number | null | undefined>(
    v: V,
    ok: (v: number) => boolean,
    key: string,
  ): V => {
    if (v !== undefined && v !== null && !ok(v)) problems.push(`Invalid ${key}: ${v}.`);
    return v;
  };
  const inProject = (list: { id: number; projectId: number }[]) => (id: number) =>
    list.some((x) => x.id === id && x.projectId === project.id);
  const ids = (key: string, list: { id: number; projectId: number }[]) => {
    const v = p.intList(key);
    v?.forEach((id) => check(id, inProject(list), key));
    return v;
  };
  const members = s.projectMembers[project.id] ?? [];
  const f: FieldValues = {
    summary: p.str("summary"),
    description: p.str("description"),
    issueTypeId: check(p.int("issueTypeId"), inProject(s.issueTypes), "issueTypeId"),
    priorityId: check(
      p.int("priorityId"),
      (v) => s.priorities.some((x) => x.id === v),
      "priorityId",
    ),
    statusId: check(p.int("statusId"), inProject(s.statuses), "statusId"),
    resolutionId: check(
      nullable("resolutionId", () => p.int("resolutionId")),
      (v) => s.resolutions.some((x) => x.id === v),
      "resolutionId",
    ),
    assigneeId: check(
      nullable("assigneeId", () => p.int("assigneeId")),
      (v) => members.includes(v),
      "assigneeId",
    ),
    parentIssueId: check(
      nullable("parentIssueId", () => p.int("parentIssueId")),
      (v) => validParent(s, v, { project, self }),
      "parentIssueId",
    ),
    startDate: nullable("startDate", () => p.date("startDate")),
    dueDate: nullable("dueDate", () => p.date("dueDate")),
    estimatedHours: nullable("estimatedHours", () => p.decimal("estimatedHours")),
    actualHours: nullable("actualHours", () => p.decimal("actualHours")),
    categoryIds: ids("categoryId", s.categories),
    versionIds: ids("versionId", s.versions),
    milestoneIds: ids("milestoneId", s.versions),
    customFields: {},
  };
  for (const k of ["issueTypeId", "priorityId", "statusId"]) {
    if (p.has(k) && p.str(k) === "") problems.push(`Invalid ${k}: empty.`);
  }
  if (f.summary !== undefined && f.summary.trim() === "") {
    problems.push("summary must not be empty.");
  }
  if (f.startDate && f.dueDate && f.startDate > f.dueDate) {
    problems.push("startDate must not be after dueDate.");
  }
  p.intList("notifiedUserId")?.forEach((id) =>
    check(id, (v) => s.users.some((u) => u.id === v), "notifiedUserId")
  );
  // Uploads (POST /space/attachment) are not modelled, so no attachment id is valid.
  p.intList("attachmentId")?.forEach((id) => problems.push(`Invalid attachmentId: ${id}.`));
  f.customFields = readCustomFieldWrites(ctx, project, f.issueTypeId ?? self?.issueTypeId);
  return f;
}

/** Whether issue `id` may be the parent of `self` (a new issue when absent) in `project`. */
function validParent(
  s: SandboxState,
  id: number,
  { project, self }: { project: Project; self?: IssueRecord },
): boolean {
  const parent = s.issues.find((i) => i.id === id);
  if (!parent || parent.projectId !== project.id || !project.subtaskingEnabled) return false;
  // No cycles: the new parent must not be the issue itself or one of its descendants.
  for (let cur: IssueRecord | undefined = parent; cur;) {
    if (self && cur.id === self.id) return false;
    const pid: number | null = cur.parentIssueId;
    cur = pid === null ? undefined : s.issues.find((i) => i.id === pid);
  }
  const below = (i: IssueRecord): number =>
    Math.max(0, ...s.issues.filter((c) => c.parentIssueId === i.id).map((c) => 1 + below(c)));
  const maxDepth = project.grandchildIssueEnabled ? 3 : 2;
  return issueDepth(s, parent) + 1 + (self ? below(self) : 0) <= maxDepth;
}

/** Display strings for change logs. */
export function display(s: SandboxState, issue: IssueRecord) {
  const name = <T extends { id: number; name: string }>(list: T[], id: number | null) =>
    id === null ? null : list.find((x) => x.id === id)?.name ?? null;
  const names = <T extends { id: number; name: string }>(list: T[], ids: number[]) =>
    ids.length ? ids.map((id) => name(list, id)).join(", ") : null;
  return {
    status: (id: number) => name(s.statuses.filter((x) => x.projectId === issue.projectId), id),
    user: (id: number | null) => name(s.users, id),
    issueType: (id: number) => name(s.issueTypes, id),
    priority: (id: number) => name(s.priorities, id),
    resolution: (id: number | null) => name(s.resolutions, id),
    categories: (ids: number[]) => names(s.categories, ids),
    versions: (ids: number[]) => names(s.versions, ids),
    issueKey: (id: number | null) =>
      id === null ? null : s.issues.find((i) => i.id === id)?.issueKey ?? null,
    hours: (n: number | null) => (n === null ? null : String(n)),
  };
}
