/**
 * Answers of the write tools: what changed (before → after, read back from
 * Backlog's answer), the new issue, the new comment.
 *
 * @module
 */

import { z } from "zod";
import { commentUrl } from "../backlog/issue_keys.ts";
import type { Comment, Issue, User } from "../backlog/types.ts";
import { safeLine, safeText } from "./sanitize.ts";
import { isoMinute } from "./time.ts";
import { customFieldLines } from "./custom_fields.ts";
import { issueSchema, type IssueView } from "./issue.ts";
import { clipText, NONE, oneLine, safeName } from "./text.ts";
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
/** Characters of the issue's summary a receipt names it by. */
const ABOUT_MAX = 80;

const names = (items: { name: string }[] | undefined) =>
  items?.length ? items.map((i) => safeLine(i.name)).join(", ") : null;
const name = (item: { name?: string } | null | undefined) =>
  item?.name == null ? null : safeLine(item.name);

/**
 * A field of an issue as a person reads it (names, calendar dates), made
 * safe; null when empty. Display only.
 */
export function fieldValue(issue: Issue, field: IssueField): string | null {
  switch (field) {
    case "summary":
      return safeLine(issue.summary ?? "");
    case "description": {
      // Shown, not compared: a long description is cut (the issue has it in full).
      const clipped = clipText(safeText(issue.description ?? ""), DESCRIPTION_SHOWN);
      return clipped.text ? clipped.text + (clipped.omitted ? "…" : "") : null;
    }
    case "status":
      return name(issue.status);
    case "resolution":
      return name(issue.resolution);
    case "assignee":
      return name(issue.assignee);
    case "priority":
      return name(issue.priority);
    case "issue_type":
      return name(issue.issueType);
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

/** Structured form of update_issue's answer. */
export const updateResultSchema = z.object({
  key: z.string(),
  url: z.string(),
  sent: z.boolean().describe("false when nothing would change, so nothing was sent"),
  changes: z.array(z.tuple([z.string(), z.string(), z.string()]))
    .describe('[field, before, after] as Backlog reports it, "" for empty'),
  unchanged: z.array(z.tuple([z.string(), z.string()]))
    .describe("[field, value] asked for and already so (not sent)"),
  comment_added: z.boolean(),
});

/** Structured form of update_issue's answer. */
export type UpdateResult = z.infer<typeof updateResultSchema>;

/** A field value for the answer: one short line, "" when empty. */
export function shownValue(field: string, value: string | null): string {
  if (value === null) return "";
  return oneLine(value, field === "description" ? 60 : 100);
}

const show = (value: string) => value || NONE;

/** Renders the update report; `summary` is the issue's (third-party text). */
export function renderUpdateText(r: UpdateResult, issueSummary: string): string {
  const summary = safeLine(issueSummary ?? "");
  const lines: string[] = [];
  if (!r.sent) {
    lines.push(
      `No change: ${r.key} (${oneLine(summary, ABOUT_MAX)}) already is as asked; nothing was sent.`,
    );
  } else if (r.changes.length) {
    lines.push(`Updated ${r.key} (${oneLine(summary, ABOUT_MAX)}):`);
    for (const [field, from, to] of r.changes) {
      lines.push(`- ${field}: ${show(from)} → ${show(to)}`);
    }
  } else {
    lines.push(`No field of ${r.key} (${oneLine(summary, ABOUT_MAX)}) changed.`);
  }
  if (r.comment_added) lines.push("Comment added.");
  if (r.unchanged.length) {
    lines.push(
      `Already as asked (not sent): ${
        r.unchanged.map(([field, value]) => `${field} (${show(value)})`).join(", ")
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
  created: z.string().optional().describe("ISO time to the minute, in the requested timezone"),
  notified: z.array(z.string()).describe("names of the users notified"),
});

/** Structured form of add_issue_comment's answer. */
export type CommentAdded = z.infer<typeof commentAddedSchema>;

/** What add_issue_comment knows once Backlog answered. */
export interface AddedComment {
  issueKey: string;
  /** The issue's URL. */
  url: string;
  comment: Comment;
  notified: readonly User[];
  timezone: string;
}

/** Maps Backlog's new comment to the structured receipt. */
export function commentAddedView(a: AddedComment): CommentAdded {
  return {
    issue_key: a.issueKey,
    comment_id: a.comment.id,
    url: commentUrl(a.url, a.comment.id),
    ...(a.comment.created ? { created: isoMinute(a.comment.created, a.timezone) } : {}),
    notified: notifiedNames(a.notified),
  };
}

/** Names of the users notified, each once, made safe. */
export function notifiedNames(users: readonly User[]): string[] {
  return [...new Set(users.map((u) => safeName(u.name ?? "")))];
}

/** Renders the added comment's receipt; `summary`, when known, is the issue's (third-party text). */
export function renderCommentAddedText(c: CommentAdded, summary?: string): string {
  const about = summary === undefined ? "" : ` (${oneLine(safeLine(summary), ABOUT_MAX)})`;
  const lines = [
    `Added comment ${c.comment_id} to ${c.issue_key}${about}.`,
    c.url,
  ];
  if (c.notified.length) lines.push(`Notified: ${c.notified.join(", ")}.`);
  return lines.join("\n");
}

/** Structured form of create_issue's answer. */
export const createdSchema = z.object({ issue: issueSchema, timezone: z.string() });

/** Structured form of create_issue's answer. */
export type Created = z.infer<typeof createdSchema>;

/** Renders the new issue's receipt. */
export function renderCreatedText(view: IssueView): string {
  const lines = [
    `Created ${view.key}: ${view.summary}`,
    view.url,
    `Type: ${view.issue_type ?? NONE} | Priority: ${view.priority ?? NONE} | Status: ${
      view.status ?? NONE
    } | Assignee: ${view.assignee ?? "unassigned"}`,
    `Start date: ${view.start_date ?? NONE} | Due date: ${view.due_date ?? NONE}`,
  ];
  if (view.milestones?.length) lines.push(`Milestones: ${view.milestones.join(", ")}`);
  if (view.categories?.length) lines.push(`Categories: ${view.categories.join(", ")}`);
  if (view.parent) lines.push(`Parent: ${view.parent.key ?? view.parent.id}`);
  lines.push(...customFieldLines(view.custom_fields ?? [], 0));
  return lines.join("\n");
}

/** A write Backlog applied, as the answer names it when its reply could not be read. */
export type AppliedWrite =
  /** create_issue; `key` is null when it could not be read from the reply. */
  | { wrote: "issue"; key: string | null; projectKey: string }
  | { wrote: "update"; key: string }
  | { wrote: "comment"; key: string };

function appliedDone(w: AppliedWrite): string {
  switch (w.wrote) {
    case "issue":
      return w.key
        ? `Created ${w.key}`
        : `Created an issue in ${w.projectKey} (its key could not be read)`;
    case "update":
      return `Updated ${w.key}`;
    case "comment":
      return `Added a comment to ${w.key}`;
  }
}

/**
 * The text of a write Backlog applied whose full answer could not be built
 * from its reply: what was done, where, and that it must not be repeated.
 */
export function renderAppliedOnly(write: AppliedWrite, url: string): string {
  return [
    `${appliedDone(write)}: Backlog applied it.`,
    url,
    "The rest of this answer could not be built from Backlog's reply (a bug in backlog-mcp, logged to stderr); get_issue_details shows the issue as it is now. Do not repeat the call.",
  ].join("\n");
}
