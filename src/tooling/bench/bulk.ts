/**
 * A bigger space for the per-call benchmarks: the seeded stand-in grown, in
 * its live state, to 1,000 open issues assigned to "me" and one issue with
 * 200 comments (copies of seeded ones with ids and keys of their own).
 *
 * @module
 */

import type { SandboxState } from "../sandbox/server.ts";
import { SEED } from "../sandbox/server.ts";

/** What {@linkcode growSpace} made. */
export interface BulkSpace {
  /** Open issues assigned to "me", in all. */
  myOpenIssues: number;
  /** The issue with `comments` comments. */
  issueKey: string;
  comments: number;
  /** Its comment ids, newest first. */
  commentIds: number[];
}

const CLOSED = 4;

/** Grows `state` to `issues` open issues of mine and an issue with `comments` comments. */
export function growSpace(state: SandboxState, issues = 1000, comments = 200): BulkSpace {
  const me = state.myselfId;
  const archived = new Set(state.projects.filter((p) => p.archived).map((p) => p.id));
  const isMineOpen = (i: SandboxState["issues"][number]) =>
    i.assigneeId === me && i.statusId !== CLOSED && !archived.has(i.projectId);
  const mine = state.issues.filter(isMineOpen);
  if (mine.length === 0) throw new Error("the seed has no open issue of mine to copy");
  let nextId = Math.max(...state.issues.map((i) => i.id)) + 1;
  const keyIds = new Map<number, number>();
  for (const i of state.issues) {
    keyIds.set(i.projectId, Math.max(keyIds.get(i.projectId) ?? 0, i.keyId));
  }
  const projectKey = new Map(state.projects.map((p) => [p.id, p.projectKey]));
  for (let n = 0; mine.length + n < issues; n++) {
    const template = mine[n % mine.length];
    const keyId = (keyIds.get(template.projectId) ?? 0) + 1;
    keyIds.set(template.projectId, keyId);
    state.issues.push({
      ...structuredClone(template),
      id: nextId++,
      keyId,
      issueKey: `${projectKey.get(template.projectId)}-${keyId}`,
      summary: `${template.summary} (copy ${n + 1})`,
      updated: template.updated - n * 60_000,
    });
  }

  const target = state.issues.find((i) => i.issueKey === SEED.issues.manyComments)!;
  const own = state.comments.filter((c) => c.issueId === target.id);
  let nextComment = Math.max(...state.comments.map((c) => c.id)) + 1;
  const last = Math.max(...own.map((c) => c.created));
  for (let n = 0; own.length + n < comments; n++) {
    const template = own[n % own.length];
    const created = last + (n + 1) * 3_600_000;
    state.comments.push({
      ...structuredClone(template),
      id: nextComment++,
      created,
      updated: created,
    });
  }
  state.nextIds = { issue: nextId, comment: nextComment };
  const commentIds = state.comments.filter((c) => c.issueId === target.id).map((c) => c.id)
    .sort((a, b) => b - a);
  return {
    myOpenIssues: state.issues.filter(isMineOpen).length,
    issueKey: target.issueKey,
    comments: commentIds.length,
    commentIds,
  };
}
