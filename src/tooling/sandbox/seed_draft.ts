/**
 * Seed building blocks: a seeded PRNG, issue/comment drafts, and the step that turns drafts into
 * stored records with ids that increase with creation time (as Backlog's do).
 *
 * @module
 */
import { prng } from "../support/prng.ts";
import { addDays, dateOf } from "./format.ts";
import type { ChangeLogEntry, CommentRecord, IssueRecord } from "./types.ts";

/** Small deterministic PRNG (mulberry32). Never use Math.random in the seed. */
export class Prng {
  /** Uniform float in [0, 1). */
  readonly next: () => number;
  constructor(seed: number) {
    this.next = prng(seed);
  }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  /** Picks by weight from `[value, weight]` pairs. */
  weighted<T>(pairs: readonly (readonly [T, number])[]): T {
    const total = pairs.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [v, w] of pairs) {
      r -= w;
      if (r < 0) return v;
    }
    return pairs[pairs.length - 1][0];
  }
}

/** A comment before ids are assigned. */
export interface DraftComment {
  content: string | null;
  changeLog: ChangeLogEntry[] | null;
  userId: number;
  created: number;
}

/** An issue before ids are assigned. `keyId` is fixed for fixtures, generated otherwise. */
export interface DraftIssue extends
  Omit<
    IssueRecord,
    "id" | "keyId" | "issueKey" | "parentIssueId" | "updated" | "updatedUserId"
  > {
  keyId?: number;
  parent?: DraftIssue;
  comments: DraftComment[];
  /** Set after finalising. */
  record?: IssueRecord;
}

/** A change-log entry with Backlog's field naming (backlog-api.md §3.9): `field` from `originalValue` to `newValue`. */
export function change(
  field: string,
  originalValue: string | null,
  newValue: string | null,
): ChangeLogEntry {
  return {
    field,
    newValue,
    originalValue,
    attachmentInfo: null,
    attributeInfo: null,
    notificationInfo: null,
  };
}

/** The change-log entry of a file attached to an issue; `info` is kept as Backlog's `attachmentInfo`. */
export function attachmentAdded(info: { id: number; name: string }): ChangeLogEntry {
  return { ...change("attachment", null, info.name), attachmentInfo: { ...info } };
}

/** A draft with empty collections and nulls, to be overridden by `fields`. */
export function draft(
  fields: Partial<DraftIssue> & Pick<DraftIssue, "projectId" | "summary" | "created">,
): DraftIssue {
  return {
    issueTypeId: 0,
    description: "",
    resolutionId: null,
    priorityId: 3,
    statusId: 1,
    assigneeId: null,
    categoryIds: [],
    versionIds: [],
    milestoneIds: [],
    startDate: null,
    dueDate: null,
    estimatedHours: null,
    actualHours: null,
    createdUserId: 0,
    customFieldValues: {},
    attachments: [],
    comments: [],
    ...fields,
  };
}

/** Epoch ms of an ISO timestamp literal. */
export const at = (iso: string): number => Date.parse(iso);

/** Today's date in the seeded world; due dates cluster around it. */
export const REFERENCE_DATE = "2026-11-21";
/** Inclusive window "within a week of the reference date". */
export const DUE_SOON = { from: addDays(REFERENCE_DATE, -7), to: addDays(REFERENCE_DATE, 7) };

/**
 * Turns drafts into records. Keys are numbered per project in creation order (after any fixed
 * fixture keys); issue and comment ids grow with creation time across the whole space.
 */
export function finalise(
  drafts: DraftIssue[],
  projectKeys: Record<number, string>,
  rng: Prng,
): {
  issues: IssueRecord[];
  comments: CommentRecord[];
  nextIssueId: number;
  nextCommentId: number;
} {
  const byCreated = (a: DraftIssue, b: DraftIssue) =>
    a.created - b.created || a.projectId - b.projectId;
  const nextKey: Record<number, number> = {};
  for (const d of drafts) {
    if (d.keyId !== undefined) {
      nextKey[d.projectId] = Math.max(nextKey[d.projectId] ?? 0, d.keyId);
    }
  }
  for (const d of [...drafts].sort(byCreated)) {
    if (d.keyId === undefined) d.keyId = nextKey[d.projectId] = (nextKey[d.projectId] ?? 0) + 1;
  }
  // Just below 2^31 so later issues carry ids above it (backlog-api.md §2: use 64-bit ids).
  let issueId = 2_147_483_000;
  const issues: IssueRecord[] = [];
  for (const d of [...drafts].sort(byCreated)) {
    issueId += rng.int(1, 3);
    const last = d.comments.reduce<DraftComment | undefined>(
      (m, c) => (!m || c.created >= m.created ? c : m),
      undefined,
    );
    const { comments: _c, parent: _p, record: _r, keyId, ...rest } = d;
    d.record = {
      ...rest,
      id: issueId,
      keyId: keyId!,
      issueKey: `${projectKeys[d.projectId]}-${keyId}`,
      parentIssueId: null,
      updatedUserId: last ? last.userId : d.createdUserId,
      updated: last ? Math.max(last.created, d.created) : d.created,
    };
    issues.push(d.record);
  }
  for (const d of drafts) {
    if (d.parent) d.record!.parentIssueId = d.parent.record!.id;
  }
  const all = drafts.flatMap((d) => d.comments.map((c) => ({ d, c })));
  all.sort((a, b) => a.c.created - b.c.created || a.d.record!.id - b.d.record!.id);
  let commentId = 9_100_000;
  const comments: CommentRecord[] = all.map(({ d, c }) => ({
    id: commentId += rng.int(1, 4),
    projectId: d.projectId,
    issueId: d.record!.id,
    content: c.content,
    changeLog: c.changeLog,
    createdUserId: c.userId,
    created: c.created,
    updated: c.created,
  }));
  issues.sort((a, b) => a.id - b.id);
  return { issues, comments, nextIssueId: issueId + 1, nextCommentId: commentId + 1 };
}

/** `yyyy-MM-dd` of a draft's creation, used to keep generated dates after it. */
export const createdDate = (d: { created: number }): string => dateOf(d.created);
