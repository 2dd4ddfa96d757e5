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
 * the newest generated one, so ids still grow with time.
 *
 * @module
 */
import { at, change } from "./seed_draft.ts";
import { P, U } from "./seed_data.ts";
import { png, TINY_GIF } from "./file_bytes.ts";
import type { ChangeLogEntry, IssueRecord, SandboxState } from "./types.ts";
import type {
  ActivityRecord,
  AttentionState,
  NotificationRecord,
  SharedFileRecord,
} from "./types_attention.ts";

/** "Now" in the seeded world for the attention data (Saturday 2026-11-21, 15:00 in Tokyo). */
export const ATTENTION_NOW = "2026-11-21T06:00:00Z";
/** Notifications before this instant have been read. */
const READ_BEFORE = at("2026-11-20T12:00:00Z");
/** Comments by others since then notify "me". */
const NOTIFY_SINCE = at("2026-11-14T00:00:00Z");

const enc = new TextEncoder();

/** Files of the attachments fixture: one of each kind get_attachment tells apart. */
const FILES: { name: string; bytes: Uint8Array }[] = [
  { name: "diagram.png", bytes: png(64, 48) },
  // A PNG uploaded under a .jpg name (Backlog sends image/jpeg for it, §12.7).
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

  const attention: AttentionState = {
    notifications: [],
    watchings: [],
    sharedFiles: [],
    issueSharedFiles: {},
    activities: [],
    nextWatchingId: 0,
    contents: {},
  };
  state.attention = attention;

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
    added.map((a) => change("attachment", null, a.name, { id: a.id, name: a.name })),
  );
  state.nextIds.comment = commentId;

  // Watchings: unread ones first in `watched`.
  const watch = (issue: IssueRecord, read: boolean, note: string, iso: string) => {
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
  watch(watchedCommented, false, "Blocks the export release", "2026-11-02T01:00:00Z");
  watch(watchedJpn, false, "", "2026-10-20T02:00:00Z");
  watch(reportedResolved, false, "", "2026-11-10T03:00:00Z");
  watch(child, true, "Safari CI follow-up", "2026-03-15T06:00:00Z");
  watch(rich, true, "", "2026-03-08T07:00:00Z");
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

/**
 * Notifications for "me": one per comment by someone else since
 * {@linkcode NOTIFY_SINCE} on an issue "me" is assigned to, reported or
 * watches (reason by what the comment did), plus one of every other reason.
 */
function seedNotifications(state: SandboxState, attention: AttentionState): void {
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

function seedFiles(
  attention: AttentionState,
  rich: IssueRecord,
  jpnIssue: IssueRecord,
): void {
  const file = (
    id: number,
    projectId: number,
    dir: string,
    name: string,
    size: number,
    userId: number,
    iso: string,
  ): SharedFileRecord => ({
    id,
    projectId,
    type: "file",
    dir,
    name,
    size,
    createdUserId: userId,
    created: at(iso),
    updatedUserId: userId,
    updated: at(iso),
  });
  const wireframe = png(48, 32);
  attention.contents["file:9301"] = wireframe;
  const notes = enc.encode("# Safari login\n\n- CSP blocks the inline handler\n- fix: nonce\n");
  attention.contents["file:9302"] = notes;
  attention.sharedFiles = [
    file(
      9301,
      P.DEMO,
      "/design/",
      "login-wireframe.png",
      wireframe.length,
      U.hanako,
      "2026-03-01T02:00:00Z",
    ),
    file(9302, P.DEMO, "/notes/", "safari-login.md", notes.length, U.taro, "2026-03-09T03:00:00Z"),
    file(9303, P.DEMO, "/specs/", "auth-flow.pdf", 182_044, U.john, "2026-02-20T05:00:00Z"),
    {
      ...file(9304, P.DEMO, "/", "design", 0, U.hanako, "2026-01-10T00:00:00Z"),
      type: "directory",
    },
    file(9305, P.JPN, "/予算/", "来期予算案.xlsx", 48_000, U.kenji, "2026-11-21T05:35:00Z"),
  ];
  attention.issueSharedFiles = { [rich.id]: [9301, 9302, 9303], [jpnIssue.id]: [9305] };
}

/** One of every non-issue activity type, mostly by "me" this week (Mon 2026-11-16 on). */
function seedActivities(state: SandboxState): ActivityRecord[] {
  const mineOpen = state.issues
    .filter((i) => i.projectId === P.PROJ && i.assigneeId === U.taro && i.statusId === 1)
    .slice(0, 3);
  const a = (
    type: number,
    projectId: number,
    userId: number,
    iso: string,
    content: Record<string, unknown>,
  ): ActivityRecord => ({ type, projectId, createdUserId: userId, created: at(iso), content });
  const users = (id: number) => state.users.find((u) => u.id === id)!;
  const repo = { id: 801, name: "portal-web", description: "Customer portal front end" };
  const pr = (number: number, summary: string, extra: Record<string, unknown> = {}) => ({
    id: 600 + number,
    number,
    summary,
    description: "",
    comment: null,
    changes: [],
    issue: null,
    repository: repo,
    ...extra,
  });
  const wiki = (id: number, name: string) => ({
    id,
    name,
    content: "",
    diff: "",
    version: 2,
    attachments: [],
    shared_files: [],
  });
  return [
    a(5, P.DEMO, U.taro, "2026-11-16T01:00:00Z", wiki(51, "Release notes 1.4")),
    a(6, P.DEMO, U.taro, "2026-11-17T02:00:00Z", wiki(52, "Setup guide")),
    a(6, P.DEMO, U.taro, "2026-11-19T02:30:00Z", wiki(52, "Setup guide")),
    a(7, P.PROJ, U.taro, "2026-11-18T03:00:00Z", wiki(53, "Old FAQ")),
    a(6, P.JPN, U.taro, "2026-11-18T04:00:00Z", wiki(54, "業務マニュアル（社外秘）")),
    a(8, P.PROJ, U.taro, "2026-11-17T05:00:00Z", {
      id: 9401,
      dir: "/design/",
      name: "checkout-v3.png",
      size: 120_400,
    }),
    a(9, P.PROJ, U.taro, "2026-11-18T05:00:00Z", {
      id: 9401,
      dir: "/design/",
      name: "checkout-v3.png",
      size: 121_020,
    }),
    a(10, P.PROJ, U.taro, "2026-11-19T05:00:00Z", {
      id: 9402,
      dir: "/design/",
      name: "checkout-v2.png",
      size: 98_000,
    }),
    a(11, P.PROJ, U.taro, "2026-11-17T06:00:00Z", { rev: 1234, comment: "Import legacy CSS" }),
    a(12, P.PROJ, U.taro, "2026-11-18T07:00:00Z", {
      repository: repo,
      change_type: "update",
      revision_type: "commit",
      ref: "refs/heads/feature/export-retry",
      revision_count: 3,
      revisions: [{ rev: "9f2c1e0", comment: "Retry exports on 504" }],
    }),
    a(13, P.DEMO, U.taro, "2026-11-16T08:00:00Z", {
      repository: { id: 802, name: "demo-infra", description: "" },
    }),
    a(14, P.PROJ, U.taro, "2026-11-19T08:00:00Z", {
      tx_id: 77,
      comment: { content: "Planning: next sprint" },
      link: mineOpen.map((i) => ({ id: i.id, key_id: i.keyId, title: i.summary, comment: "" })),
      changes: [{ field: "priority", new_value: "High", type: "standard" }],
    }),
    a(15, P.PROJ, U.hanako, "2026-11-16T00:10:00Z", {
      users: [users(U.taro)],
      group_project_activities: [],
      comment: "",
    }),
    a(16, P.DEMO, U.taro, "2026-11-17T09:00:00Z", {
      users: [users(U.maria)],
      group_project_activities: [],
      comment: "",
    }),
    a(17, P.DEMO, U.taro, "2026-11-20T09:35:00Z", {
      id: state.issues.find((i) => i.issueKey === "DEMO-1")!.id,
      key_id: 1,
      summary: "Login button does nothing on Safari",
      description: "",
    }),
    a(18, P.PROJ, U.taro, "2026-11-18T07:30:00Z", pr(42, "Export retry on 504")),
    a(
      19,
      P.PROJ,
      U.taro,
      "2026-11-19T07:30:00Z",
      pr(42, "Export retry on 504", {
        changes: [{ field: "status", new_value: "2", old_value: "1" }],
      }),
    ),
    a(
      20,
      P.PROJ,
      U.taro,
      "2026-11-20T07:30:00Z",
      pr(41, "Retry exports", {
        comment: { id: 9901, content: "Made the timeout configurable." },
      }),
    ),
    a(21, P.PROJ, U.taro, "2026-11-20T08:30:00Z", pr(40, "Faster order search")),
    a(22, P.DEMO, U.hanako, "2026-10-20T00:00:00Z", {
      id: 4103,
      name: "Sprint 24",
      start_date: "2026-11-16",
      reference_date: "2026-11-27",
      description: "",
    }),
    a(23, P.DEMO, U.taro, "2026-11-16T00:30:00Z", {
      id: 4103,
      name: "Sprint 24",
      changes: [{ field: "description", new_value: "Safari fixes", old_value: "" }],
    }),
    a(24, P.PROJ, U.hanako, "2026-10-21T00:00:00Z", {
      id: 4299,
      name: "Backlog grooming",
      start_date: null,
      reference_date: null,
      description: "",
    }),
    a(25, P.PROJ, U.hanako, "2026-10-22T00:00:00Z", { parties: [{ id: 31, name: "QA team" }] }),
    a(26, P.PROJ, U.hanako, "2026-10-23T00:00:00Z", { parties: [{ id: 32, name: "Vendors" }] }),
    a(47, P.PROJ, U.taro, "2026-11-20T01:00:00Z", {
      link: mineOpen.slice(0, 2).map((i) => ({ id: i.id, key_id: i.keyId, title: i.summary })),
    }),
  ];
}
