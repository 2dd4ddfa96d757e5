/**
 * The seed's notifications for "me" (part of `seed_attention.ts`): one per
 * recent comment by someone else on my issues, and one of every other reason.
 *
 * @module
 */
import { at } from "./seed_draft.ts";
import { P, U } from "./seed_data.ts";
import type { SandboxState } from "./types.ts";
import type { AttentionState, NotificationRecord } from "./types_attention.ts";

/** Notifications before this instant have been read. */
const READ_BEFORE = at("2026-11-20T12:00:00Z");
/** Comments by others since then notify "me". */
const NOTIFY_SINCE = at("2026-11-14T00:00:00Z");

/**
 * Notifications for "me": one per comment by someone else since
 * {@linkcode NOTIFY_SINCE} on an issue "me" is assigned to, reported or
 * watches (reason by what the comment did), plus one of every other reason.
 */
export function seedNotifications(state: SandboxState, attention: AttentionState): void {
  const watched = new Set(attention.watchings.map((w) => w.issueId));
  const issues = new Map(state.issues.map((i) => [i.id, i]));
  const out: Omit<NotificationRecord, "id" | "alreadyRead" | "resourceAlreadyRead">[] = [];
  const base = {
    userId: U.taro,
    pullRequest: null,
    pullRequestComment: null,
    document: null,
    documentComment: null,
  };
  for (const c of state.comments) {
    const issue = issues.get(c.issueId)!;
    const mine = issue.assigneeId === U.taro || issue.createdUserId === U.taro ||
      watched.has(issue.id);
    if (c.created < NOTIFY_SINCE || c.createdUserId === U.taro || !mine) continue;
    const log = c.changeLog ?? [];
    const reason = log.some((e) => e.field === "assigner" && e.newValue === "Taro Yamada")
      ? 1
      : log.some((e) => e.field === "attachment")
      ? 5
      : log.length
      ? 4
      : 2;
    out.push({
      ...base,
      reason,
      projectId: issue.projectId,
      issueId: issue.id,
      commentId: c.id,
      senderId: c.createdUserId,
      created: c.created,
    });
  }
  const latestAdded = state.issues
    .filter((i) => i.assigneeId === U.taro && i.createdUserId !== U.taro && i.projectId !== P.OLD)
    .sort((a, b) => b.created - a.created)[0];
  const child = state.issues.find((i) => i.issueKey === "DEMO-4")!;
  const childComment = state.comments.find((c) => c.issueId === child.id)!;
  const pr = (number: number, summary: string) => ({
    id: 600 + number,
    number,
    summary,
    repositoryId: 801,
    repositoryName: "portal-web",
  });
  const doc = { id: "0195d3a1c2b34e5f8a9b0c1d2e3f4a5b", title: "Release checklist" };
  const other = (
    reason: number,
    projectId: number,
    senderId: number,
    iso: string,
    extra: Partial<NotificationRecord> = {},
  ) =>
    out.push({
      ...base,
      reason,
      projectId,
      issueId: null,
      commentId: null,
      senderId,
      created: at(iso),
      ...extra,
    });
  other(
    3,
    latestAdded.projectId,
    latestAdded.createdUserId,
    new Date(latestAdded.created).toISOString(),
    {
      issueId: latestAdded.id,
    },
  );
  other(9, P.DEMO, U.hanako, new Date(childComment.created).toISOString(), {
    issueId: child.id,
    commentId: childComment.id,
  });
  other(6, P.PROJ, U.hanako, "2026-11-16T00:10:00Z");
  other(16, P.PROJ, U.john, "2026-11-18T02:00:00Z", { issueId: latestAdded.id });
  other(10, P.PROJ, U.hanako, "2026-11-19T03:00:00Z", { pullRequest: pr(41, "Retry exports") });
  other(11, P.PROJ, U.john, "2026-11-20T23:30:00Z", {
    pullRequest: pr(41, "Retry exports"),
    pullRequestComment: "LGTM after the timeout is configurable.",
  });
  other(12, P.PROJ, U.maria, "2026-11-21T01:00:00Z", { pullRequest: pr(43, "Bump Deno to 2.9") });
  other(13, P.PROJ, U.hanako, "2026-11-21T04:00:00Z", { pullRequest: pr(41, "Retry exports") });
  other(14, P.DEMO, U.kenji, "2026-11-20T05:00:00Z", {
    document: doc,
    documentComment: "Step 4 needs the new rollback command.",
  });
  other(15, P.DEMO, U.hanako, "2026-11-21T02:30:00Z", {
    document: doc,
    documentComment: "Agreed, I updated it.",
  });
  other(17, P.DEMO, U.hanako, "2026-11-21T03:00:00Z", { document: doc });
  out.sort((a, b) => a.created - b.created || (a.commentId ?? 0) - (b.commentId ?? 0));
  let id = 3_000_100;
  attention.notifications = out.map((n) => {
    id += 3;
    const read = n.created < READ_BEFORE;
    return { ...n, id, alreadyRead: read, resourceAlreadyRead: read };
  });
}
