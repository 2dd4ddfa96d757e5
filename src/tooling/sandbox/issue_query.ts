/**
 * Issue list filtering and sorting (backlog-api.md §4.12, §4.13): AND across parameters, OR within one
 * multi-value parameter.
 *
 * @module
 */
import type { Ctx } from "./context.ts";
import { customFieldFilters, customFieldSortValue } from "./custom_fields.ts";
import { dateOf, linkedSharedFiles } from "./format.ts";
import type { IssueRecord, SandboxState } from "./types.ts";

/** Documented sort keys (`customField_{id}` is handled separately). */
export const SORT_KEYS = [
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
] as const;

type Pred = (i: IssueRecord) => boolean;

/** Hierarchy level: 1 top, 2 child, 3 grandchild. */
export function issueDepth(state: SandboxState, issue: IssueRecord): number {
  let d = 1;
  let cur: IssueRecord | undefined = issue;
  while (cur?.parentIssueId != null && d < 3) {
    const pid: number = cur.parentIssueId;
    cur = state.issues.find((x) => x.id === pid);
    d++;
  }
  return d;
}

const hasChildren = (s: SandboxState, i: IssueRecord) =>
  s.issues.some((x) => x.parentIssueId === i.id);

/** `parentChild` 0–10 (2026 JA docs; 0–4 agree with the old EN meanings). */
function parentChildPred(s: SandboxState, v: number): Pred {
  const checks: Record<number, Pred> = {
    0: () => true,
    1: (i) => issueDepth(s, i) === 1,
    2: (i) => issueDepth(s, i) >= 2,
    3: (i) => issueDepth(s, i) === 1 && !hasChildren(s, i),
    4: (i) => hasChildren(s, i),
    5: (i) => issueDepth(s, i) === 3,
    6: (i) => issueDepth(s, i) === 2,
    7: (i) => issueDepth(s, i) === 1,
    8: (i) => issueDepth(s, i) <= 2,
    9: (i) => issueDepth(s, i) >= 2,
    10: (i) => !hasChildren(s, i),
  };
  return checks[v];
}

/**
 * Builds the filter predicate from the request parameters. Validation problems are collected on
 * `ctx.params`; call `throwIfInvalid()` afterwards.
 */
export function issueFilter(ctx: Ctx): Pred {
  const p = ctx.params;
  const s = ctx.state;
  const preds: Pred[] = [];
  const multi = (key: string, get: (i: IssueRecord) => number | null | number[]) => {
    const ids = p.intList(key);
    if (!ids?.length) return;
    const set = new Set(ids);
    preds.push((i) => {
      const v = get(i);
      return Array.isArray(v) ? v.some((x) => set.has(x)) : v !== null && set.has(v);
    });
  };
  multi("projectId", (i) => i.projectId);
  multi("issueTypeId", (i) => i.issueTypeId);
  multi("categoryId", (i) => i.categoryIds);
  multi("versionId", (i) => i.versionIds);
  multi("milestoneId", (i) => i.milestoneIds);
  multi("statusId", (i) => i.statusId);
  multi("priorityId", (i) => i.priorityId);
  multi("assigneeId", (i) => i.assigneeId);
  multi("createdUserId", (i) => i.createdUserId);
  multi("resolutionId", (i) => i.resolutionId);
  multi("id", (i) => i.id);
  multi("parentIssueId", (i) => i.parentIssueId);

  const pc = p.int("parentChild", { min: 0, max: 10 });
  if (pc) preds.push(parentChildPred(s, pc));
  const att = p.bool("attachment");
  if (att !== undefined) preds.push((i) => (i.attachments.length > 0) === att);
  const shared = p.bool("sharedFile");
  if (shared !== undefined) {
    preds.push((i) => (linkedSharedFiles(s, i.id).length > 0) === shared);
  }

  const off = ctx.opts.dateFilterOffsetMinutes;
  const range = (name: string, get: (i: IssueRecord) => string | null) => {
    const since = p.date(`${name}Since`);
    const until = p.date(`${name}Until`);
    if (since) preds.push((i) => (get(i) ?? "") >= since);
    if (until) preds.push((i) => get(i) !== null && get(i)! <= until);
  };
  range("created", (i) => dateOf(i.created, off));
  range("updated", (i) => dateOf(i.updated, off));
  range("startDate", (i) => i.startDate);
  range("dueDate", (i) => i.dueDate);

  const hasDue = p.bool("hasDueDate");
  if (hasDue === true) p.problems.push("hasDueDate=true is not supported.");
  if (hasDue === false) preds.push((i) => i.dueDate === null);

  const kw = p.str("keyword")?.trim().toLowerCase();
  if (kw) preds.push((i) => `${i.summary}\n${i.description}`.toLowerCase().includes(kw));
  preds.push(...customFieldFilters(ctx));

  return (i) => preds.every((f) => f(i));
}

type SortValue = number | string | null;

function sortValue(s: SandboxState, key: string): ((i: IssueRecord) => SortValue) | undefined {
  const order = <T extends { id: number; displayOrder: number }>(list: T[], ids: number[]) =>
    ids.length ? list.find((x) => x.id === ids[0])?.displayOrder ?? null : null;
  const userName = (id: number | null) =>
    id === null ? null : s.users.find((u) => u.id === id)?.name ?? null;
  const table: Record<string, (i: IssueRecord) => SortValue> = {
    issueType: (i) => order(s.issueTypes, [i.issueTypeId]),
    category: (i) => order(s.categories, i.categoryIds),
    version: (i) => order(s.versions, i.versionIds),
    milestone: (i) => order(s.versions, i.milestoneIds),
    summary: (i) => i.summary,
    status: (i) =>
      s.statuses.find((x) => x.projectId === i.projectId && x.id === i.statusId)?.displayOrder ??
        null,
    // High (2) ranks above Normal (3) above Low (4): "desc" puts High first.
    priority: (i) => -i.priorityId,
    attachment: (i) => i.attachments.length,
    sharedFile: (i) => linkedSharedFiles(s, i.id).length,
    created: (i) => i.created,
    createdUser: (i) => userName(i.createdUserId),
    updated: (i) => i.updated,
    updatedUser: (i) => userName(i.updatedUserId),
    assignee: (i) => userName(i.assigneeId),
    startDate: (i) => i.startDate,
    dueDate: (i) => i.dueDate,
    estimatedHours: (i) => i.estimatedHours,
    actualHours: (i) => i.actualHours,
    childIssue: (i) => s.issues.filter((x) => x.parentIssueId === i.id).length,
  };
  return table[key] ?? customFieldSortValue(s, key);
}

/**
 * Sorts in place by `sort`/`order`. Nulls always sort last [UNCONFIRMED]; ties fall back to the
 * issue id in the same direction. Returns false for an unknown sort key.
 */
export function sortIssues(
  s: SandboxState,
  issues: IssueRecord[],
  { key, order }: { key: string; order: "asc" | "desc" },
): boolean {
  const get = sortValue(s, key);
  if (!get) return false;
  const dir = order === "asc" ? 1 : -1;
  const cmp = (a: SortValue, b: SortValue) => (a! < b! ? -1 : a! > b! ? 1 : 0);
  const keyed = issues.map((i) => ({ i, v: get(i) }));
  keyed.sort((a, b) => {
    if (a.v === null || b.v === null) {
      if (a.v !== b.v) return a.v === null ? 1 : -1;
    } else {
      const c = cmp(a.v, b.v);
      if (c) return c * dir;
    }
    return (a.i.id - b.i.id) * dir;
  });
  keyed.forEach((k, n) => (issues[n] = k.i));
  return true;
}
