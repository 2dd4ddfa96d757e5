/**
 * Hand-written fixture issues that tests refer to by key (see `SEED.issues`).
 *
 * @module
 */
import {
  at,
  attachmentAdded,
  change,
  draft,
  type DraftComment,
  type DraftIssue,
} from "./seed_draft.ts";
import { P, U } from "./seed_data.ts";
import { CS } from "./seed_lookups.ts";

/** Fixture keys (their keyIds are fixed; generated issues are numbered after them). */
export const FIXTURE_KEYS = {
  rich: "DEMO-1",
  manyComments: "DEMO-2",
  noComments: "DEMO-3",
  child: "DEMO-4",
  jpnCustomStatus: "JPN-1",
} as const;

/** Attachment ids of the rich issue. */
export const RICH_ATTACHMENTS = [
  { id: 88001, name: "screenshot.png", size: 48213 },
  { id: 88002, name: "safari-console.log", size: 1532 },
] as const;

function richIssue(): DraftIssue {
  const comments: DraftComment[] = [
    {
      userId: U.hanako,
      created: at("2026-03-08T07:05:00Z"),
      content: "Reproduced on Safari 17.4 (macOS 14.4). Chrome and Firefox are fine.",
      changeLog: null,
    },
    {
      // Change-log-only comment: no text (backlog-api.md §3.9).
      userId: U.taro,
      created: at("2026-03-09T01:20:00Z"),
      content: null,
      changeLog: [
        change("status", "Open", "In Progress"),
        change("assigner", null, "Taro Yamada"),
      ],
    },
    {
      userId: U.kenji,
      created: at("2026-03-09T02:10:00Z"),
      content: "Safari のキャッシュ設定が原因かもしれません。こちらでも確認します。",
      changeLog: null,
    },
    {
      // Minutes before the EU DST change (2026-03-29T01:00Z).
      userId: U.john,
      created: at("2026-03-29T00:45:00Z"),
      content: "Attached the console log from Safari Technology Preview.",
      changeLog: [attachmentAdded(RICH_ATTACHMENTS[1])],
    },
    {
      userId: U.taro,
      created: at("2026-11-20T09:30:00Z"),
      content: "Fix is ready for review; moving it to Sprint 24.",
      changeLog: [
        change("limitDate", "2026-11-20", "2026-11-24"),
        change("milestone", "Sprint 23", "Sprint 23, Sprint 24"),
      ],
    },
  ];
  return draft({
    projectId: P.DEMO,
    keyId: 1,
    issueTypeId: 1101,
    summary: "Login button does nothing on Safari",
    description: 'Steps to reproduce:\n1. Open /login in Safari 17\n2. Click "Log in"\n\n' +
      "Expected: the dashboard opens.\nActual: nothing happens; the console shows a WebKit CSP error.",
    priorityId: 2,
    statusId: 2,
    assigneeId: U.taro,
    categoryIds: [3101, 3102],
    versionIds: [4101],
    milestoneIds: [4102, 4103],
    startDate: "2026-11-16",
    dueDate: "2026-11-24",
    estimatedHours: 4,
    actualHours: 1.5,
    createdUserId: U.hanako,
    // Hours before the US DST change (2026-03-08T07:00Z in New York).
    created: at("2026-03-08T06:30:00Z"),
    attachments: [
      { ...RICH_ATTACHMENTS[0], createdUserId: U.hanako, created: at("2026-03-08T06:30:00Z") },
      { ...RICH_ATTACHMENTS[1], createdUserId: U.john, created: at("2026-03-29T00:45:00Z") },
    ],
    comments,
  });
}

function manyCommentsIssue(): DraftIssue {
  const comments: DraftComment[] = [];
  const authors = [U.taro, U.john, U.hanako, U.kenji];
  const start = at("2026-03-10T09:00:00Z");
  for (let i = 1; i <= 50; i++) {
    const created = start + (i - 1) * 5 * 86_400_000 + i * 37 * 60_000;
    let content: string | null = `CI run #${1000 + i} failed again: checkout-flow.spec.ts ` +
      `timed out after 30 s (attempt ${i}).`;
    let changeLog = null;
    if (i === 1) {
      content = "Looking into it.";
      changeLog = [change("status", "Open", "In Progress")];
    } else if (i === 25) {
      content = "タイムアウト値を 60 秒に延ばして様子を見ます。";
    } else if (i === 40) {
      changeLog = [change("priority", "Normal", "High")];
    }
    comments.push({ userId: authors[i % authors.length], created, content, changeLog });
  }
  return draft({
    projectId: P.DEMO,
    keyId: 2,
    issueTypeId: 1102,
    summary: "Flaky test: checkout flow times out on CI",
    description: "The checkout E2E test fails intermittently on CI (about 1 run in 5).\n" +
      "It never fails locally.",
    priorityId: 2,
    statusId: 2,
    assigneeId: U.taro,
    categoryIds: [3102],
    milestoneIds: [4104],
    createdUserId: U.john,
    created: at("2026-03-10T08:00:00Z"),
    comments,
  });
}

/** The fixture drafts. DEMO-4 is a child of DEMO-1. */
export function fixtureDrafts(): DraftIssue[] {
  const rich = richIssue();
  const noComments = draft({
    projectId: P.DEMO,
    keyId: 3,
    issueTypeId: 1103,
    summary: "Update the privacy policy link in the footer",
    description: "",
    priorityId: 4,
    assigneeId: U.taro,
    categoryIds: [3101],
    dueDate: "2026-11-27",
    createdUserId: U.hanako,
    created: at("2026-03-12T04:00:00Z"),
  });
  const child = draft({
    projectId: P.DEMO,
    keyId: 4,
    issueTypeId: 1102,
    summary: "Add Safari to the browser test matrix",
    description: "Follow-up of DEMO-1: run the E2E suite on Safari 17 in CI.",
    assigneeId: U.hanako,
    categoryIds: [3102],
    milestoneIds: [4103],
    createdUserId: U.taro,
    created: at("2026-03-15T05:20:00Z"),
    parent: rich,
    comments: [{
      userId: U.hanako,
      created: at("2026-03-16T01:00:00Z"),
      content: "I'll add a Safari runner once the macOS agents are available.",
      changeLog: null,
    }],
  });
  const jpn = draft({
    projectId: P.JPN,
    keyId: 1,
    issueTypeId: 1302,
    summary: "ログイン画面の文言を修正する",
    description:
      "ログイン画面の「パスワードを忘れた方」の文言を、デザインチームの最新案に合わせて修正します。" +
      "\n\n対象: /login, /reset-password",
    statusId: CS.jpnReview,
    assigneeId: U.taro,
    categoryIds: [3301],
    milestoneIds: [4302],
    startDate: "2026-11-16",
    dueDate: "2026-11-25",
    estimatedHours: 2,
    createdUserId: U.kenji,
    created: at("2026-03-18T01:00:00Z"),
    comments: [
      {
        userId: U.kenji,
        created: at("2026-03-18T02:00:00Z"),
        content: "修正をお願いします。",
        changeLog: null,
      },
      {
        userId: U.taro,
        created: at("2026-11-16T00:30:00Z"),
        content: "対応を開始します。",
        changeLog: [change("status", "未対応", "処理中")],
      },
      {
        userId: U.taro,
        created: at("2026-11-19T06:00:00Z"),
        content: "レビューをお願いします。",
        changeLog: [change("status", "処理中", "レビュー待ち")],
      },
    ],
  });
  return [rich, manyCommentsIssue(), noComments, child, jpn];
}
