/**
 * The seed's "attention" part: a morning in the seeded world
 * ({@linkcode ATTENTION_NOW}). Others commented on and changed "me"'s issues
 * in the last hour (a mention, a due-date change, a reassignment to me, a
 * resolution, files added), "me" watches a few issues of other people, has
 * notifications of every reason (unread ones first thing today), shared
 * files linked to issues, attachments of every kind the tools tell apart, and
 * a week of activities of every type beside the issue ones.
 *
 * Runs after the issues and comments are generated and picks its issues by
 * rule from them, so it draws nothing from the PRNG. Comments are added after
 * the newest generated one, so ids still grow with time. Notifications are
 * made in `seed_notifications.ts`, shared files and the other activities in
 * `seed_activities.ts`.
 *
 * @module
 */
import { at, attachmentAdded, change } from "./seed_draft.ts";
import { P, U } from "./seed_data.ts";
import { png, TINY_GIF } from "./file_bytes.ts";
import { seedActivities, seedFiles } from "./seed_activities.ts";
import { seedNotifications } from "./seed_notifications.ts";
import type { ChangeLogEntry, IssueRecord, SandboxState } from "./types.ts";
import { emptyAttention } from "./types_attention.ts";

/** "Now" in the seeded world for the attention data (Saturday 2026-11-21, 15:00 in Tokyo). */
export const ATTENTION_NOW = "2026-11-21T06:00:00Z";

const enc = new TextEncoder();

/** Files of the attachments fixture: one of each kind get_attachment tells apart. */
const FILES: { name: string; bytes: Uint8Array }[] = [
  { name: "diagram.png", bytes: png(64, 48) },
  // A PNG uploaded under a .jpg name (Backlog sends image/jpeg for it, backlog-api.md §12.7).
  { name: "photo.jpg", bytes: png(32, 24) },
  { name: "spinner.gif", bytes: TINY_GIF },
  { name: "orders.csv", bytes: enc.encode("id,customer,total\n8812,ACME,1200\n8813,Globex,80\n") },
  { name: "config.json", bytes: enc.encode('{\n  "retries": 3,\n  "timeoutMs": 30000\n}\n') },
  { name: "議事録.txt", bytes: enc.encode("11/20 定例\n- リリースは来週火曜日\n- 担当: 山田\n") },
  // Shift_JIS bytes ("テスト"): not UTF-8, so not shown as text.
  { name: "legacy-sjis.txt", bytes: new Uint8Array([0x83, 0x65, 0x83, 0x58, 0x83, 0x67]) },
  { name: "bundle.zip", bytes: new Uint8Array([0x50, 0x4b, 5, 6, ...new Array(18).fill(0)]) },
];

/** Keys of the issues the attention seed uses (filled in by {@linkcode seedAttention}). */
export interface AttentionKeys {
  /** Mine; hanako mentions me. */
  mentioned: string;
  /** Mine; john moves the due date. */
  dueMoved: string;
  /** Was kenji's; kenji reassigns it to me. */
  reassigned: string;
  /** Reported by me, hanako's; she resolves it. */
  reportedResolved: string;
  /** John's, watched by me; john comments. */
  watchedCommented: string;
  /** Kenji's in JPN, watched by me; kenji comments (hidden by BACKLOG_PROJECTS=DEMO,PROJ). */
  watchedJpn: string;
  /** Mine in DEMO; hanako attaches {@linkcode FILES}. */
  attachments: string;
  /** Watched issue keys, unread ones first. */
  watched: string[];
}

/** Adds the attention data to a freshly generated state; answers the keys it used. */
export function seedAttention(state: SandboxState): AttentionKeys {
  const pick = (what: string, pred: (i: IssueRecord) => boolean): IssueRecord => {
    const found = state.issues
      .filter((i) => i.keyId > 4 && !used.has(i.id) && pred(i))
      .sort((a, b) => b.updated - a.updated || b.id - a.id)[0];
    if (!found) throw new Error(`seed: no issue for ${what}`);
    used.add(found.id);
    return found;
  };
  const used = new Set<number>();
  const open = (i: IssueRecord) => i.statusId === 1 || i.statusId === 2;
  const inP = (p: number) => (i: IssueRecord) => i.projectId === p;
  const mentioned = pick("mentioned", (i) => inP(P.PROJ)(i) && i.assigneeId === U.taro && open(i));
  const dueMoved = pick(
    "due moved",
    (i) => inP(P.PROJ)(i) && i.assigneeId === U.taro && open(i) && i.dueDate !== null,
  );
  const reassigned = pick(
    "reassigned",
    (i) => inP(P.PROJ)(i) && i.assigneeId === U.kenji && open(i),
  );
  const reportedResolved = pick(
    "reported",
    (i) => i.createdUserId === U.taro && i.assigneeId === U.hanako && i.statusId === 2,
  );
  const watchedCommented = pick(
    "watched",
    (i) => inP(P.PROJ)(i) && i.assigneeId === U.john && i.createdUserId !== U.taro && open(i),
  );
  const watchedJpn = pick("watched JPN", (i) => inP(P.JPN)(i) && i.assigneeId === U.kenji);
  const withFiles = pick(
    "attachments",
    (i) => inP(P.DEMO)(i) && i.assigneeId === U.taro && open(i),
  );
  const child = state.issues.find((i) => i.issueKey === "DEMO-4")!;
  const rich = state.issues.find((i) => i.issueKey === "DEMO-1")!;

  const attention = state.attention = emptyAttention();

  // Files first: the comment that adds them names them.
  let attachmentId = 88900;
  const added = FILES.map(({ name, bytes }) => {
    const id = attachmentId++;
    attention.contents[`attachment:${id}`] = bytes;
    const record = {
      id,
      name,
      size: bytes.length,
      createdUserId: U.hanako,
      created: at("2026-11-21T05:40:00Z"),
    };
    withFiles.attachments.push(record);
    return record;
  });

  let commentId = state.nextIds.comment;
  const comment = (
    issue: IssueRecord,
    userId: number,
    iso: string,
    content: string | null,
    changeLog: ChangeLogEntry[] | null = null,
  ) => {
    const created = at(iso);
    state.comments.push({
      id: commentId++,
      projectId: issue.projectId,
      issueId: issue.id,
      content,
      changeLog,
      createdUserId: userId,
      created,
      updated: created,
    });
    issue.updated = created;
    issue.updatedUserId = userId;
  };
  const status = (issue: IssueRecord, id: number) =>
    state.statuses.find((s) => s.projectId === issue.projectId && s.id === id)!.name;

  comment(
    mentioned,
    U.hanako,
    "2026-11-21T05:10:00Z",
    "@taro could you check the staging logs before Tuesday's release?\nThe 504s started after the index change.",
  );
  const newDue = "2026-11-27";
  comment(
    dueMoved,
    U.john,
    "2026-11-21T05:15:00Z",
    "The customer asked for more time, so moving the deadline.",
    [change("limitDate", dueMoved.dueDate, newDue)],
  );
  dueMoved.dueDate = newDue;
  comment(reassigned, U.kenji, "2026-11-21T05:20:00Z", "休暇に入るので山田さんにお願いします。", [
    change("assigner", "佐藤 健二", "Taro Yamada"),
  ]);
  reassigned.assigneeId = U.taro;
  comment(reportedResolved, U.hanako, "2026-11-21T05:25:00Z", "Fixed on my side; please verify.", [
    change("status", status(reportedResolved, 2), status(reportedResolved, 3)),
    change("resolution", null, "Fixed"),
  ]);
  reportedResolved.statusId = 3;
  reportedResolved.resolutionId = 0;
  comment(
    watchedCommented,
    U.john,
    "2026-11-21T05:30:00Z",
    "Started on this; the branch is feature/export-retry.",
  );
  comment(watchedJpn, U.kenji, "2026-11-21T05:35:00Z", "社外秘: 来期の予算案を添付しました。");
  comment(
    withFiles,
    U.hanako,
    "2026-11-21T05:40:00Z",
    "Added the exports and screenshots.",
    added.map((a) => attachmentAdded({ id: a.id, name: a.name })),
  );
  state.nextIds.comment = commentId;

  // Watchings: unread ones first in `watched`.
  const watch = (issue: IssueRecord, w: { read: boolean; note: string; iso: string }) => {
    const { read, note, iso } = w;
    attention.watchings.push({
      id: 7001 + attention.watchings.length,
      userId: U.taro,
      issueId: issue.id,
      note,
      resourceAlreadyRead: read,
      created: at(iso),
      updated: at(iso),
    });
  };
  watch(watchedCommented, {
    read: false,
    note: "Blocks the export release",
    iso: "2026-11-02T01:00:00Z",
  });
  watch(watchedJpn, { read: false, note: "", iso: "2026-10-20T02:00:00Z" });
  watch(reportedResolved, { read: false, note: "", iso: "2026-11-10T03:00:00Z" });
  watch(child, { read: true, note: "Safari CI follow-up", iso: "2026-03-15T06:00:00Z" });
  watch(rich, { read: true, note: "", iso: "2026-03-08T07:00:00Z" });
  attention.nextWatchingId = 7001 + attention.watchings.length;

  seedNotifications(state, attention);
  seedFiles(attention, rich, watchedJpn);
  attention.activities = seedActivities(state);

  return {
    mentioned: mentioned.issueKey,
    dueMoved: dueMoved.issueKey,
    reassigned: reassigned.issueKey,
    reportedResolved: reportedResolved.issueKey,
    watchedCommented: watchedCommented.issueKey,
    watchedJpn: watchedJpn.issueKey,
    attachments: withFiles.issueKey,
    watched: [watchedCommented, watchedJpn, reportedResolved, child, rich].map((i) => i.issueKey),
  };
}
