/**
 * Comments: one comment's structured view and text (as get_issue_details
 * shows them under the issue), and a page of an issue's comments
 * (get_issue_comments): a header that says which comments these are and how
 * to get the next ones, then one entry per comment with its id, time in the
 * timezone, author, change-log summary and text.
 *
 * @module
 */

import { z } from "zod";
import { commentUrl } from "../backlog/issue_keys.ts";
import type { Comment } from "../backlog/types.ts";
import { summarizeChanges, toChanges } from "./changelog.ts";
import { fenced, safeText } from "./sanitize.ts";
import { clipText, NONE, present, safeName } from "./text.ts";
import { formatTimestamp, isoMinute } from "./time.ts";

/** Each comment's text beyond this many characters is cut (with a note). */
export const COMMENT_MAX = 2_000;

/** A timestamp in a view: ISO to the minute, in the requested timezone. */
export const whenSchema = z.string().describe("ISO time to the minute, in the requested timezone");

/** Structured form of one comment; absent fields are empty. */
export const commentSchema = z.object({
  id: z.number().int(),
  created_by: z.string().describe("author's display name"),
  created: whenSchema.optional(),
  content: z.string().describe("comment text; empty for change-only comments"),
  content_cut: z.number().int().optional().describe("characters of the text not shown"),
  changes: z.array(z.tuple([z.string(), z.string(), z.string()])).optional()
    .describe('[field, from, to], "" for none'),
});

/** Structured form of a comment. */
export type CommentView = z.infer<typeof commentSchema>;

/** Maps an API comment to its structured view. */
export function commentView(comment: Comment, tz: string): CommentView {
  const content = clipText(safeText(comment.content ?? ""), COMMENT_MAX);
  return {
    id: comment.id,
    created_by: comment.createdUser?.name ? safeName(comment.createdUser.name) : "(unknown user)",
    content: content.text,
    ...present({
      created: isoMinute(comment.created, tz),
      content_cut: content.omitted || undefined,
      changes: toChanges(comment.changeLog).map((c) =>
        [safeName(c.field), safeName(c.from ?? ""), safeName(c.to ?? "")] as [
          string,
          string,
          string,
        ]
      ),
    }),
  };
}

/** Options of {@linkcode commentLines}. */
export interface CommentLineOptions {
  timezone: string;
  /** The issue's URL (the whole text of a cut comment is there). */
  url: string;
  /** Prefix the id (`#9100231`), which paging refers to. */
  withId?: boolean;
}

/** One comment as text: `- <time> <author>: (<changes>)` and its indented text. */
export function commentLines(c: CommentView, options: CommentLineOptions): string[] {
  const at = c.created ? formatTimestamp(c.created, options.timezone)!.text : NONE;
  const head = `- ${options.withId ? `#${c.id} ` : ""}${at} ${c.created_by}:`;
  const changes = c.changes?.length
    ? summarizeChanges(
      c.changes.map(([field, from, to]) => ({ field, from: from || null, to: to || null })),
    )
    : "";
  const text = c.content.trim();
  if (!text) return [`${head} (${changes || "no text"})`];
  const lines = [`${head}${changes ? ` (${changes})` : ""}`, ...fenced(text)];
  if (c.content_cut) {
    lines.push(
      `[comment cut: ${c.content_cut} more characters not shown; the whole comment is at ${
        commentUrl(options.url, c.id)
      }]`,
    );
  }
  return lines;
}

/** Structured form of a comments page. */
export const commentPageSchema = z.object({
  issue: z.object({ key: z.string(), summary: z.string(), url: z.string() }),
  order: z.enum(["asc", "desc"]).describe("desc: newest first; asc: oldest first"),
  comments: z.array(commentSchema),
  total: z.number().int().describe("comments on the issue in all"),
  has_more: z.boolean().describe("more comments lie beyond this page in this order"),
  next: z.object({ before_id: z.number().int().optional(), after_id: z.number().int().optional() })
    .optional()
    .describe("arguments for the next page; absent on the last"),
  timezone: z.string(),
});

/** Structured form of a comments page. */
export type CommentPage = z.infer<typeof commentPageSchema>;

/** Renders a page of comments as compact text. */
export function renderCommentPageText(page: CommentPage): string {
  const { issue, comments } = page;
  const lines = [`${issue.key}: ${issue.summary}`, issue.url];
  const order = page.order === "desc" ? "newest first" : "oldest first";
  if (comments.length === 0) {
    lines.push(
      page.total === 0
        ? "No comments."
        : `No comments in this range (${page.total} on the issue in all).`,
    );
    return lines.join("\n");
  }
  lines.push(
    `${comments.length} comment${
      comments.length === 1 ? "" : "s"
    } of ${page.total}, ${order} (times in ${page.timezone}):`,
  );
  for (const c of comments) {
    lines.push(...commentLines(c, { timezone: page.timezone, url: issue.url, withId: true }));
  }
  if (page.next) {
    const args = Object.entries(page.next).map(([k, v]) => `${k}=${v}`).join(", ");
    lines.push(`More comments: call again with ${args}.`);
  } else {
    lines.push("No more comments in this direction.");
  }
  return lines.join("\n");
}
