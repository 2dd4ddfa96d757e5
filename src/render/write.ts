/**
 * Answers of the write tools: what changed (before → after, read back from
 * Backlog's answer), the new issue, the new comment.
 *
 * @module
 */

import { z } from "zod";
import type { Issue } from "../backlog/types.ts";
import { clipText, NONE, oneLine } from "./text.ts";
import { calendarDate } from "../shared/dates.ts";

/** Fields update_issue can change, by tool parameter name. */
export const ISSUE_FIELDS = [
  "summary",
  "description",
  "status",
  "resolution",
  "assignee",
  "priority",
  "issue_type",
  "start_date",
  "due_date",
  "milestones",
  "categories",
  "estimated_hours",
  "actual_hours",
] as const;

/** One of {@linkcode ISSUE_FIELDS}. */
export type IssueField = typeof ISSUE_FIELDS[number];

/** Characters of a description shown in an update report. */
const DESCRIPTION_SHOWN = 500;

const names = (items: { name: string }[] | undefined) =>
  items?.length ? items.map((i) => i.name).join(", ") : null;

/** A field of an issue as a person reads it (names, calendar dates); null when empty. Display only. */
export function fieldValue(issue: Issue, field: IssueField): string | null {
  switch (field) {
    case "summary":
      return issue.summary;
    case "description": {
      // Shown, not compared: a long description is cut (the issue has it in full).
      const clipped = clipText(issue.description ?? "", DESCRIPTION_SHOWN);
      return clipped.text ? clipped.text + (clipped.omitted ? "…" : "") : null;
    }
    case "status":
      return issue.status?.name ?? null;
    case "resolution":
      return issue.resolution?.name ?? null;
    case "assignee":
      return issue.assignee?.name ?? null;
    case "priority":
      return issue.priority?.name ?? null;
    case "issue_type":
      return issue.issueType?.name ?? null;
    case "start_date":
      return calendarDate(issue.startDate);
    case "due_date":
      return calendarDate(issue.dueDate);
    case "milestones":
      return names(issue.milestone);
    case "categories":
      return names(issue.category);
    case "estimated_hours":
      return issue.estimatedHours == null ? null : String(issue.estimatedHours);
    case "actual_hours":
      return issue.actualHours == null ? null : String(issue.actualHours);
  }
}

const changeSchema = z.object({
  field: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
});

/** Structured form of update_issue's answer. */
export const updateResultSchema = z.object({
  key: z.string(),
  url: z.string(),
  sent: z.boolean().describe("false when nothing would change, so nothing was sent"),
  changes: z.array(changeSchema).describe("before → after, as Backlog reports it"),
  unchanged: z.array(changeSchema.pick({ field: true, from: true }))
    .describe("fields asked for that already had the value (not sent)"),
  comment_added: z.boolean(),
});

/** Structured form of update_issue's answer. */
export type UpdateResult = z.infer<typeof updateResultSchema>;

const show = (field: string, value: string | null) =>
  value === null ? NONE : field === "description" ? oneLine(value, 60) : oneLine(value, 100);

/** Renders the update report. */
export function renderUpdateText(r: UpdateResult, summary: string): string {
  const lines: string[] = [];
  if (!r.sent) {
    lines.push(
      `No change: ${r.key} (${oneLine(summary, 80)}) already is as asked; nothing was sent.`,
    );
  } else if (r.changes.length) {
    lines.push(`Updated ${r.key} (${oneLine(summary, 80)}):`);
    for (const c of r.changes) {
      lines.push(`- ${c.field}: ${show(c.field, c.from)} → ${show(c.field, c.to)}`);
    }
  } else {
    lines.push(`No field of ${r.key} (${oneLine(summary, 80)}) changed.`);
  }
  if (r.comment_added) lines.push("Comment added.");
  if (r.unchanged.length) {
    lines.push(
      `Already as asked (not sent): ${
        r.unchanged.map((u) => `${u.field} (${show(u.field, u.from)})`).join(", ")
      }.`,
    );
  }
  lines.push(r.url);
  return lines.join("\n");
}

/** Structured form of add_issue_comment's answer. */
export const commentAddedSchema = z.object({
  issue_key: z.string(),
  comment_id: z.number(),
  url: z.string(),
  created: z.string().nullable().describe("ISO timestamp in the requested timezone"),
  notified: z.array(z.string()).describe("names of the users notified"),
});

/** Structured form of add_issue_comment's answer. */
export type CommentAdded = z.infer<typeof commentAddedSchema>;

/** Renders the added comment's receipt. */
export function renderCommentAddedText(c: CommentAdded, summary?: string): string {
  const about = summary === undefined ? "" : ` (${oneLine(summary, 80)})`;
  const lines = [
    `Added comment ${c.comment_id} to ${c.issue_key}${about}.`,
    c.url,
  ];
  if (c.notified.length) lines.push(`Notified: ${c.notified.join(", ")}.`);
  return lines.join("\n");
}
