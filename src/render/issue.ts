/**
 * One issue in full: compact text for a model and the structured form
 * described by the get_issue_details output schema. Trims Backlog's objects to
 * what a person needs (names, not colour codes and ids), cuts what could be
 * huge (summary, description, comments, names, lists) and says what it cut
 * and where the rest is.
 *
 * @module
 */

import { z } from "zod";
import { issueUrl } from "../backlog/issue_keys.ts";
import type { Issue } from "../backlog/types.ts";
import { commentLines, commentSchema, type CommentView, whenSchema } from "./comments.ts";
import { childrenSchema, sharedFilesSchema } from "./issue_relations.ts";

// One comment's view and text are in comments.ts; the tools reading an issue take them from here.
export { commentView } from "./comments.ts";
import { customFieldLines, customFieldViews, customFieldViewSchema } from "./custom_fields.ts";
import { fenced, safeLine, safeText } from "./sanitize.ts";
import {
  clipText,
  formatBytes,
  LIST_MAX,
  listNames,
  NONE,
  present,
  safeName,
  summaryLine,
} from "./text.ts";
import { calendarDate } from "../shared/dates.ts";
import { formatTimestamp, isoMinute } from "./time.ts";

/** Description text beyond this many characters is cut (with a note). */
export const DESCRIPTION_MAX = 8_000;
/** Summaries beyond this many characters are cut (Backlog's own limit is far lower). */
const SUMMARY_MAX = 500;
/** Attachments listed at most. */
const ATTACHMENTS_MAX = 20;

const name = z.string();

/** Structured form of an issue (no comments); absent fields are empty. */
export const issueSchema = z.object({
  key: z.string(),
  url: z.string(),
  summary: z.string(),
  summary_cut: z.number().int().optional().describe("characters of the summary not shown"),
  description: z.string(),
  description_cut: z.number().int().optional()
    .describe("characters not shown; the whole text is at url"),
  status: name.optional(),
  issue_type: name.optional(),
  priority: name.optional(),
  resolution: name.optional(),
  assignee: name.optional(),
  reporter: name.optional(),
  created: whenSchema.optional(),
  updated: whenSchema.optional(),
  start_date: z.string().optional().describe("calendar date YYYY-MM-DD, never shifted"),
  due_date: z.string().optional().describe("calendar date YYYY-MM-DD, never shifted"),
  milestones: z.array(name).optional(),
  versions: z.array(name).optional(),
  categories: z.array(name).optional(),
  parent: z.object({
    id: z.number().int(),
    key: z.string().optional(),
    summary: z.string().optional(),
  }).optional(),
  estimated_hours: z.number().optional(),
  actual_hours: z.number().optional(),
  attachments: z.array(z.tuple([name, z.number()])).optional().describe("[file name, bytes]"),
  attachments_more: z.number().int().optional().describe("attachments not listed"),
  custom_fields: z.array(customFieldViewSchema).optional().describe("set custom fields only"),
  custom_fields_empty: z.number().int().optional().describe("empty custom fields, not listed"),
});

/** Structured form of an issue. */
export type IssueView = z.infer<typeof issueSchema>;

/** Options of {@linkcode issueView}. */
export interface IssueViewOptions {
  baseUrl: string;
  timezone: string;
  /** The fetched parent issue, when there is one. */
  parent?: Issue | null;
  /** Description characters shown (default {@linkcode DESCRIPTION_MAX}). */
  descriptionMax?: number;
}

// Third-party text: made safe (sanitize.ts), then cut to size.
const short = (value: string | null | undefined) => value ? safeName(value) : undefined;
const names = (items: { name: string }[] | null | undefined) =>
  (items ?? []).slice(0, LIST_MAX).map((i) => safeName(i.name));
const zoned = isoMinute;

/** Maps an API issue to its structured view. */
export function issueView(issue: Issue, options: IssueViewOptions): IssueView {
  const { baseUrl, timezone: tz, parent } = options;
  // Sanitised before clipping, so the cut is counted in what a reader would see.
  const summary = clipText(safeLine(issue.summary ?? ""), SUMMARY_MAX);
  const description = clipText(
    safeText(issue.description ?? ""),
    options.descriptionMax ?? DESCRIPTION_MAX,
  );
  const attachments = issue.attachments ?? [];
  const custom = customFieldViews(issue.customFields);
  return {
    key: issue.issueKey,
    url: issueUrl(baseUrl, issue.issueKey),
    summary: summary.text,
    description: description.text,
    ...present({
      summary_cut: summary.omitted || undefined,
      description_cut: description.omitted || undefined,
      status: short(issue.status?.name),
      issue_type: short(issue.issueType?.name),
      priority: short(issue.priority?.name),
      resolution: short(issue.resolution?.name),
      assignee: short(issue.assignee?.name),
      reporter: short(issue.createdUser?.name),
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
          ...(parent ? { key: parent.issueKey, summary: summaryLine(parent.summary) } : {}),
        }
        : undefined,
      estimated_hours: issue.estimatedHours,
      actual_hours: issue.actualHours,
      attachments: attachments.slice(0, ATTACHMENTS_MAX).map((a) =>
        [safeName(a.name), a.size] as [string, number]
      ),
      attachments_more: Math.max(0, attachments.length - ATTACHMENTS_MAX) || undefined,
      custom_fields: custom.shown,
      custom_fields_empty: custom.empty || undefined,
    }),
  };
}

/** Key, summary and URL of an issue, as headers of other views show it. */
export function issueRef(
  issue: Issue,
  baseUrl: string,
): { key: string; summary: string; url: string } {
  return {
    key: issue.issueKey,
    summary: clipText(safeLine(issue.summary ?? ""), SUMMARY_MAX).text,
    url: issueUrl(baseUrl, issue.issueKey),
  };
}

/** The view of an issue known only by key, URL and summary (a write Backlog applied but
 * whose answer could not be read). */
export function bareIssueView(
  known: { key: string; id?: number; url: string; summary: string },
): IssueView {
  return {
    key: known.key,
    url: known.url,
    summary: clipText(safeLine(known.summary), SUMMARY_MAX).text,
    description: "",
  };
}

/** Structured form of get_issue_details' answer: the issue, what hangs off it, its newest comments. */
export const issueDetailsSchema = z.object({
  issue: issueSchema,
  children: childrenSchema,
  shared_files: sharedFilesSchema,
  comments: z.array(commentSchema).describe("oldest first"),
  comments_total: z.number().int(),
  comments_omitted: z.number().int().describe("older comments not shown"),
  timezone: z.string(),
});

/** What the comment section shows and what it left out. */
export interface CommentSection {
  comments: CommentView[];
  total: number;
  /** Comments older than the first shown that are not shown. */
  omitted: number;
  included: boolean;
}

/** Options of {@linkcode renderIssueText}. */
export interface IssueTextOptions {
  /** The comments shown under the issue. */
  section: CommentSection;
  timezone: string;
  /** Lines about related issues and files, shown before the description. */
  related?: readonly string[];
}

/** Renders the issue and its comments as compact text. */
export function renderIssueText(view: IssueView, options: IssueTextOptions): string {
  const { section, timezone: tz, related = [] } = options;
  const lines: string[] = [];
  const local = (t: string | undefined) => t ? formatTimestamp(t, tz)!.text : NONE;
  const list = (items: string[] | undefined) => items?.length ? listNames(items) : NONE;
  lines.push(
    `${view.key}: ${view.summary}${
      view.summary_cut ? ` … [summary cut: ${view.summary_cut} more characters]` : ""
    }`,
  );
  lines.push(view.url);
  lines.push(
    `Status: ${view.status ?? NONE} | Type: ${view.issue_type ?? NONE} | Priority: ${
      view.priority ?? NONE
    }${view.resolution ? ` | Resolution: ${view.resolution}` : ""}`,
  );
  lines.push(`Assignee: ${view.assignee ?? "unassigned"} | Reporter: ${view.reporter ?? NONE}`);
  lines.push(`Created: ${local(view.created)} | Updated: ${local(view.updated)} (times in ${tz})`);
  lines.push(`Start date: ${view.start_date ?? NONE} | Due date: ${view.due_date ?? NONE}`);
  const planning = [`Milestones: ${list(view.milestones)}`, `Categories: ${list(view.categories)}`];
  if (view.versions?.length) planning.push(`Versions: ${list(view.versions)}`);
  lines.push(planning.join(" | "));
  if (view.parent) {
    const p = view.parent;
    lines.push(`Parent: ${p.key ? `${p.key} ${p.summary ?? ""}`.trim() : `issue id ${p.id}`}`);
  }
  if (view.estimated_hours !== undefined || view.actual_hours !== undefined) {
    lines.push(
      `Hours: estimated ${view.estimated_hours ?? NONE}, actual ${view.actual_hours ?? NONE}`,
    );
  }
  if (view.attachments?.length) {
    const more = view.attachments_more ? `, … and ${view.attachments_more} more` : "";
    lines.push(
      `Attachments: ${
        view.attachments.map(([file, size]) => `${file} (${formatBytes(size)})`).join(", ")
      }${more}`,
    );
  }
  lines.push(...customFieldLines(view.custom_fields ?? [], view.custom_fields_empty ?? 0));
  lines.push(...related);
  if (view.description.trim()) lines.push("", "Description:", ...fenced(view.description));
  else lines.push("", "Description: (no description)");
  if (view.description_cut) {
    lines.push(
      `[description cut: ${view.description_cut} more characters not shown; the whole text is at ${view.url}]`,
    );
  }
  lines.push("", ...renderComments(view, section, tz));
  return lines.join("\n");
}

function renderComments(view: IssueView, section: CommentSection, tz: string): string[] {
  if (!section.included) return ["Comments: not requested (include_comments=false)."];
  if (section.total === 0) return ["Comments: none."];
  const shown = section.comments.length;
  const lines = [
    shown === section.total
      ? `Comments (${section.total}, oldest first):`
      : `Comments (showing the newest ${shown} of ${section.total}, oldest first):`,
  ];
  if (section.omitted > 0) {
    const oldest = section.comments[0]?.id;
    const how = oldest
      ? `get_issue_comments with before_id=${oldest} pages back`
      : "get_issue_comments pages through them";
    lines.push(
      `[${section.omitted} earlier comment${section.omitted === 1 ? "" : "s"} not shown; ${how}]`,
    );
  }
  for (const c of section.comments) lines.push(...commentLines(c, { timezone: tz, url: view.url }));
  return lines;
}
