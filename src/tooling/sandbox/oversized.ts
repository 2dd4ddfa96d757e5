/**
 * Oversized data, for the tests that every answer stays within
 * BACKLOG_MAX_RESULT_CHARS whatever Backlog sends. {@linkcode oversize}
 * inflates a seeded space in place (also out of process: `POST
 * /_sandbox/oversize`): one issue ({@linkcode OVERSIZED.issue}) with a huge
 * summary, description, attachment list and comments (huge texts and change
 * logs), a user with a huge name assigned to it and to many more issues whose
 * summaries are long, a status with a huge name, and a project with many
 * long-named milestones and categories.
 *
 * @module
 */
import { FIXTURE_KEYS } from "./seed_fixtures.ts";
import { U } from "./seed_data.ts";
import type { SandboxState } from "./types.ts";

/** What {@linkcode oversize} changes, for tests to refer to. */
export const OVERSIZED = {
  /** The issue with everything huge (no comments before). */
  issue: FIXTURE_KEYS.noComments,
  /** Characters of its summary, description and each comment. */
  summaryChars: 100_000,
  descriptionChars: 400_000,
  commentChars: 50_000,
  comments: 60,
  attachments: 2_000,
  /** Issues assigned to "me" whose summaries become long. */
  longSummaries: 400,
  /** Milestones and categories added to DEMO. */
  milestones: 800,
} as const;

/** Text of `chars` characters made of words and lines (so clipping finds boundaries). */
function text(chars: number, seed: string): string {
  const line = `${seed} lorem ipsum dolor sit amet ダミー文字列 🙂 consectetur adipiscing elit\n`;
  return line.repeat(Math.ceil(chars / line.length)).slice(0, chars);
}

/** Inflates `state` in place (see the module doc). */
export function oversize(state: SandboxState): void {
  const issue = state.issues.find((i) => i.issueKey === OVERSIZED.issue)!;
  issue.summary = text(OVERSIZED.summaryChars, "summary");
  issue.description = text(OVERSIZED.descriptionChars, "description");
  issue.attachments = Array.from({ length: OVERSIZED.attachments }, (_, n) => ({
    id: 990_000 + n,
    name: `${"a".repeat(300)}-${n}.log`,
    size: 1024 * n,
    createdUserId: U.taro,
    created: issue.created,
  }));
  const me = state.users.find((u) => u.id === state.myselfId)!;
  me.name = `Taro ${"Yamada ".repeat(5_000)}`;
  const status = state.statuses.find((s) => s.projectId === issue.projectId && s.id === 2);
  if (status) status.name = `In Progress ${"(really) ".repeat(2_000)}`;
  issue.statusId = 2;
  issue.assigneeId = state.myselfId;
  for (let n = 0; n < OVERSIZED.comments; n++) {
    state.comments.push({
      id: 9_900_000 + n,
      projectId: issue.projectId,
      issueId: issue.id,
      content: text(OVERSIZED.commentChars, `comment ${n}`),
      changeLog: [{
        field: "description",
        originalValue: text(50_000, "before"),
        newValue: text(50_000, "after"),
        attachmentInfo: null,
        attributeInfo: null,
        notificationInfo: null,
      }],
      createdUserId: state.myselfId,
      created: issue.created + (n + 1) * 60_000,
      updated: issue.created + (n + 1) * 60_000,
    });
  }
  const mine = state.issues.filter((i) => i.assigneeId === state.myselfId);
  for (const other of mine.slice(0, OVERSIZED.longSummaries)) {
    if (other !== issue) other.summary = text(5_000, other.issueKey);
  }
  const project = issue.projectId;
  const base = Math.max(...state.versions.map((v) => v.id), ...state.categories.map((c) => c.id));
  for (let n = 1; n <= OVERSIZED.milestones; n++) {
    state.versions.push({
      id: base + n,
      projectId: project,
      name: `Milestone ${n} ${"x".repeat(500)}`,
      description: null,
      startDate: null,
      releaseDueDate: null,
      archived: n % 2 === 0,
      displayOrder: 1000 + n,
    });
    state.categories.push({
      id: base + OVERSIZED.milestones + n,
      projectId: project,
      name: `Category ${n} ${"y".repeat(500)}`,
      displayOrder: 1000 + n,
    });
  }
}
