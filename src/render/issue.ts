/**
 * One issue in full: compact text for a model and the structured form
 * described by the get_issue_details output schema. Trims Backlog's objects to
 * what a person needs (names, not colour codes and ids) and says what it cut.
 *
 * @module
 */

import { z } from "zod";
import type { Comment, Issue, User } from "../backlog/types.ts";
import { type Change, summarizeChanges, toChanges } from "./changelog.ts";
import { customFieldLines, customFieldViews, customFieldViewSchema } from "./custom_fields.ts";
import { fenced, safeLine, safeText } from "./sanitize.ts";
import { clipText, formatBytes, NONE } from "./text.ts";
import { calendarDate } from "../shared/dates.ts";
import { formatTimestamp } from "./time.ts";

/** Description text beyond this many characters is cut (with a note). */
export const DESCRIPTION_MAX = 8_000;
/** Each comment's text beyond this many characters is cut (with a note). */
export const COMMENT_MAX = 2_000;

const person = z.object({ id: z.number(), name: z.string() }).nullable();
const time = z.object({ utc: z.string(), local: z.string() }).nullable();

/** Structured form of one comment. */
export const commentSchema = z.object({
  id: z.number(),
  created_by: z.string().describe("author's display name"),
  created: time,
  content: z.string().describe("comment text; empty for change-only comments"),
  content_truncated_chars: z.number().optional(),
  changes: z.array(
    z.object({ field: z.string(), from: z.string().nullable(), to: z.string().nullable() }),
  ),
});

/** Structured form of an issue (no comments). */
export const issueSchema = z.object({
  key: z.string(),
  id: z.number(),
  url: z.string(),
  summary: z.string(),
  description: z.string(),
  description_truncated_chars: z.number().optional(),
  status: z.string().nullable(),
  issue_type: z.string().nullable(),
  priority: z.string().nullable(),
  resolution: z.string().nullable(),
  assignee: person,
  reporter: person,
  created: time,
  updated: time,
  start_date: z.string().nullable().describe("calendar date YYYY-MM-DD, never shifted by timezone"),
  due_date: z.string().nullable().describe("calendar date YYYY-MM-DD, never shifted by timezone"),
  milestones: z.array(z.string()),
  versions: z.array(z.string()),
  categories: z.array(z.string()),
  parent: z.object({ id: z.number(), key: z.string().nullable(), summary: z.string().nullable() })
    .nullable(),
  estimated_hours: z.number().nullable(),
  actual_hours: z.number().nullable(),
  attachments: z.array(z.object({ name: z.string(), size: z.number() })),
  custom_fields: z.array(customFieldViewSchema).describe("set custom fields only"),
  custom_fields_empty: z.number().describe("empty custom fields, not listed"),
});

/** Structured form of a comment. */
export type CommentView = z.infer<typeof commentSchema>;
/** Structured form of an issue. */
export type IssueView = z.infer<typeof issueSchema>;

const who = (user: User | null | undefined) =>
  user ? { id: user.id, name: safeLine(user.name ?? "") } : null;
const name = (item: { name?: string } | null | undefined) =>
  item?.name == null ? null : safeLine(item.name);
const names = (items: { name: string }[] | null | undefined) =>
  (items ?? []).map((i) => safeLine(i.name));
const zoned = (value: string | null | undefined, tz: string) => {
  const t = formatTimestamp(value, tz);
  return t && value ? { utc: value, local: t.iso } : null;
};

/** Maps an API issue to its structured view. `parent` is the fetched parent, when there is one. */
export function issueView(
  issue: Issue,
  baseUrl: string,
  tz: string,
  parent?: Issue | null,
): IssueView {
  // Sanitised before clipping, so the cut is counted in what a reader would see.
  const description = clipText(safeText(issue.description ?? ""), DESCRIPTION_MAX);
  const custom = customFieldViews(issue.customFields);
  return {
    key: issue.issueKey,
    id: issue.id,
    url: `${baseUrl}/view/${issue.issueKey}`,
    summary: safeLine(issue.summary ?? ""),
    description: description.text,
    ...(description.omitted ? { description_truncated_chars: description.omitted } : {}),
    status: name(issue.status),
    issue_type: name(issue.issueType),
    priority: name(issue.priority),
    resolution: name(issue.resolution),
    assignee: who(issue.assignee),
    reporter: who(issue.createdUser),
    created: zoned(issue.created, tz),
    updated: zoned(issue.updated, tz),
    start_date: calendarDate(issue.startDate),
    due_date: calendarDate(issue.dueDate),
    milestones: names(issue.milestone),
    versions: names(issue.versions),
    categories: names(issue.category),
    parent: issue.parentIssueId
      ? {
        id: issue.parentIssueId,
        key: parent?.issueKey ?? null,
        summary: parent?.summary == null ? null : safeLine(parent.summary),
      }
      : null,
    estimated_hours: issue.estimatedHours ?? null,
    actual_hours: issue.actualHours ?? null,
    attachments: (issue.attachments ?? []).map((a) => ({ name: safeLine(a.name), size: a.size })),
    custom_fields: custom.shown,
    custom_fields_empty: custom.empty,
  };
}

/** Key, summary and URL of an issue, as headers of other views show it. */
export function issueRef(
  issue: Issue,
  baseUrl: string,
): { key: string; summary: string; url: string } {
  return {
    key: issue.issueKey,
    summary: safeLine(issue.summary ?? ""),
    url: `${baseUrl}/view/${issue.issueKey}`,
  };
}

/** The view of an issue known only by key, id, URL and summary (the rest empty). */
export function bareIssueView(
  known: { key: string; id: number; url: string; summary: string },
): IssueView {
  return {
    ...known,
    summary: safeLine(known.summary),
    description: "",
    status: null,
    issue_type: null,
    priority: null,
    resolution: null,
    assignee: null,
    reporter: null,
    created: null,
    updated: null,
    start_date: null,
    due_date: null,
    milestones: [],
    versions: [],
    categories: [],
    parent: null,
    estimated_hours: null,
    actual_hours: null,
    attachments: [],
    custom_fields: [],
    custom_fields_empty: 0,
  };
}

/** Maps an API comment to its structured view. */
export function commentView(comment: Comment, tz: string): CommentView {
  const content = clipText(safeText(comment.content ?? ""), COMMENT_MAX);
  const changes: Change[] = toChanges(comment.changeLog);
  return {
    id: comment.id,
    created_by: comment.createdUser?.name ? safeLine(comment.createdUser.name) : "(unknown user)",
    created: zoned(comment.created, tz),
    content: content.text,
    ...(content.omitted ? { content_truncated_chars: content.omitted } : {}),
    changes,
  };
}

/** What the comment section shows and what it left out. */
export interface CommentSection {
  comments: CommentView[];
  total: number;
  /** Comments older than the first shown that were not fetched. */
  omitted: number;
  included: boolean;
}

/** Renders the issue and its comments as compact text; `related` lines go before the description. */
export function renderIssueText(
  view: IssueView,
  section: CommentSection,
  tz: string,
  related: readonly string[] = [],
): string {
  const lines: string[] = [];
  const local = (t: IssueView["created"]) => t ? formatTimestamp(t.utc, tz)!.text : NONE;
  const list = (items: string[]) => items.length ? items.join(", ") : NONE;
  lines.push(`${view.key}: ${view.summary}`);
  lines.push(view.url);
  lines.push(
    `Status: ${view.status ?? NONE} | Type: ${view.issue_type ?? NONE} | Priority: ${
      view.priority ?? NONE
    }${view.resolution ? ` | Resolution: ${view.resolution}` : ""}`,
  );
  lines.push(
    `Assignee: ${view.assignee?.name ?? "unassigned"} | Reporter: ${view.reporter?.name ?? NONE}`,
  );
  lines.push(
    `Created: ${local(view.created)} | Updated: ${local(view.updated)} (times in ${tz})`,
  );
  lines.push(`Start date: ${view.start_date ?? NONE} | Due date: ${view.due_date ?? NONE}`);
  const planning = [`Milestones: ${list(view.milestones)}`, `Categories: ${list(view.categories)}`];
  if (view.versions.length) planning.push(`Versions: ${list(view.versions)}`);
  lines.push(planning.join(" | "));
  if (view.parent) {
    const p = view.parent;
    lines.push(`Parent: ${p.key ? `${p.key} ${p.summary ?? ""}`.trim() : `issue id ${p.id}`}`);
  }
  if (view.estimated_hours !== null || view.actual_hours !== null) {
    lines.push(
      `Hours: estimated ${view.estimated_hours ?? NONE}, actual ${view.actual_hours ?? NONE}`,
    );
  }
  if (view.attachments.length) {
    lines.push(
      `Attachments: ${
        view.attachments.map((a) => `${a.name} (${formatBytes(a.size)})`).join(", ")
      }`,
    );
  }
  lines.push(...customFieldLines(view.custom_fields, view.custom_fields_empty));
  lines.push(...related);
  if (view.description.trim()) lines.push("", "Description:", ...fenced(view.description));
  else lines.push("", "Description: (no description)");
  if (view.description_truncated_chars) {
    lines.push(`[description cut: ${view.description_truncated_chars} more characters not shown]`);
  }
  lines.push("", ...renderComments(section, tz));
  return lines.join("\n");
}

function renderComments(section: CommentSection, tz: string): string[] {
  if (!section.included) return ["Comments: not requested (include_comments=false)."];
  if (section.total === 0) return ["Comments: none."];
  const shown = section.comments.length;
  const lines = [
    shown === section.total
      ? `Comments (${section.total}, oldest first):`
      : `Comments (showing the newest ${shown} of ${section.total}, oldest first):`,
  ];
  if (section.omitted > 0) {
    lines.push(
      `[${section.omitted} earlier comment${
        section.omitted === 1 ? "" : "s"
      } not shown; raise comment_limit to see more]`,
    );
  }
  for (const c of section.comments) lines.push(...commentLines(c, tz));
  return lines;
}

/**
 * One comment as text: `- <time> <author>: (<changes>)` and its text in a
 * fenced block; `withId` prefixes the id (`#9100231`), which paging refers to.
 */
export function commentLines(c: CommentView, tz: string, withId = false): string[] {
  const when = c.created ? formatTimestamp(c.created.utc, tz)!.text : NONE;
  const head = `- ${withId ? `#${c.id} ` : ""}${when} ${c.created_by}:`;
  const changes = c.changes.length ? summarizeChanges(c.changes) : "";
  const text = c.content.trim();
  if (!text) return [`${head} (${changes || "no text"})`];
  const lines = [`${head}${changes ? ` (${changes})` : ""}`, ...fenced(text)];
  if (c.content_truncated_chars) {
    lines.push(`[comment cut: ${c.content_truncated_chars} more characters not shown]`);
  }
  return lines;
}
