/**
 * Parameters of the generated part of the seed: per-project volumes, date ranges and status mix,
 * the DST-adjacent timestamps, and the text snippets issues and comments are made of.
 *
 * @module
 */
import { P, U } from "./seed_data.ts";
import { CS } from "./seed_lookups.ts";

/** How one project's issues are generated. */
export interface ProjectPlan {
  projectId: number;
  count: number;
  from: string;
  to: string;
  /** Last moment comments may be written (archived projects went quiet). */
  end: string;
  japanese: boolean;
  statusWeights: [number, number][];
  typeWeights: [number, number][];
  /** Whether generated issue number `i` is assigned to "me". */
  mine: (i: number) => boolean;
  /** Assignees used when an issue is not "mine"; null = unassigned. */
  others: (number | null)[];
}

/** One plan per project. */
export const PLANS: ProjectPlan[] = [
  {
    projectId: P.PROJ,
    count: 320,
    from: "2026-01-05T00:00:00Z",
    to: "2026-11-20T12:00:00Z",
    end: "2026-11-21T06:00:00Z",
    japanese: false,
    statusWeights: [[1, 18], [2, 16], [CS.projBlocked, 5], [3, 8], [CS.projQa, 7], [
      CS.projDeploy,
      6,
    ], [4, 40]],
    typeWeights: [[1201, 35], [1202, 40], [1203, 15], [1204, 10]],
    mine: (i) => i % 5 !== 4,
    others: [U.hanako, U.kenji, U.john, U.maria, null],
  },
  {
    projectId: P.DEMO,
    count: 36,
    from: "2026-03-16T00:00:00Z",
    to: "2026-11-20T12:00:00Z",
    end: "2026-11-21T06:00:00Z",
    japanese: false,
    statusWeights: [[1, 25], [2, 20], [3, 10], [CS.demoReview, 10], [4, 35]],
    typeWeights: [[1101, 40], [1102, 35], [1103, 15], [1104, 10]],
    mine: (i) => i % 3 === 0,
    others: [U.hanako, U.kenji, U.john, null],
  },
  {
    projectId: P.JPN,
    count: 40,
    from: "2026-03-20T00:00:00Z",
    to: "2026-11-20T12:00:00Z",
    end: "2026-11-21T06:00:00Z",
    japanese: true,
    statusWeights: [[1, 25], [2, 20], [3, 10], [CS.jpnReview, 10], [4, 35]],
    typeWeights: [[1301, 40], [1302, 40], [1303, 10], [1304, 10]],
    mine: (i) => i % 4 === 0,
    others: [U.kenji, U.hanako, null],
  },
  {
    projectId: P.OLD,
    count: 12,
    from: "2025-11-03T00:00:00Z",
    to: "2026-02-20T00:00:00Z",
    end: "2026-02-27T00:00:00Z",
    japanese: false,
    statusWeights: [[1, 25], [2, 25], [3, 10], [4, 40]],
    typeWeights: [[1401, 50], [1402, 50]],
    mine: (i) => i % 2 === 0,
    others: [U.hanako, U.john, null],
  },
  {
    projectId: P.OPS,
    count: 10,
    from: "2026-05-01T00:00:00Z",
    to: "2026-11-19T00:00:00Z",
    end: "2026-11-21T00:00:00Z",
    japanese: false,
    statusWeights: [[1, 30], [2, 30], [4, 40]],
    typeWeights: [[1501, 60], [1502, 40]],
    mine: () => false,
    others: [U.hanako, U.john, U.maria, null],
  },
];

/** Creation times pinned within hours of the 2026 DST changes (US 03-08/11-01, EU 03-29/10-25). */
export const DST_CREATED = [
  "2026-03-08T06:45:00Z",
  "2026-03-08T07:15:00Z",
  "2026-03-08T09:59:30Z",
  "2026-03-29T00:30:00Z",
  "2026-03-29T01:30:00Z",
  "2026-10-25T00:20:00Z",
  "2026-10-25T01:40:00Z",
  "2026-11-01T05:30:00Z",
  "2026-11-01T06:30:00Z",
  "2026-11-01T08:45:00Z",
];
/** Last-update times (a final comment) pinned at/near the DST switch instants. */
export const DST_UPDATED = [
  "2026-03-08T07:00:00Z",
  "2026-03-08T10:00:00Z",
  "2026-03-29T01:00:00Z",
  "2026-10-25T00:59:59Z",
  "2026-10-25T01:00:00Z",
  "2026-11-01T05:59:59Z",
  "2026-11-01T06:00:00Z",
  "2026-11-01T09:00:00Z",
];

/** Text snippets. */
export const EN_VERBS = [
  "Fix",
  "Investigate",
  "Add",
  "Update",
  "Refactor",
  "Remove",
  "Document",
  "Improve",
];
export const EN_OBJECTS = [
  "invoice PDF export",
  "password reset email",
  "API rate-limit handling",
  "CSV import for users",
  "dark mode toggle",
  "search pagination",
  "webhook retries",
  "audit log filter",
  "two-factor login flow",
  "order history page",
  "push notifications on Android",
  "timezone handling in reports",
  "bulk user deactivation",
  "session timeout warning",
];
export const JA_SUMMARIES = [
  "請求書PDFのレイアウト崩れ",
  "検索結果の並び順が不正",
  "メール通知の文面を見直す",
  "CSVインポートで文字化けする",
  "パスワード再設定リンクの有効期限",
  "管理画面の権限チェックを追加",
  "帳票出力を高速化する",
  "月次集計バッチのエラー通知",
];
export const EN_COMMENTS = [
  "I can reproduce this on staging.",
  "Pushed a fix to the feature branch; please take a look.",
  "Waiting for feedback from the customer.",
  "This also affects the mobile app.",
  "Added a regression test.",
  "Deployed to staging.",
  "Let's discuss this in the next planning meeting.",
  "Root cause found: a missing index on the orders table.",
];
export const JA_COMMENTS = [
  "検証環境で再現しました。",
  "修正をブランチにプッシュしました。確認をお願いします。",
  "お客様からの回答待ちです。",
  "次回の定例で相談させてください。",
];
