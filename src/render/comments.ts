/**
 * A page of an issue's comments (get_issue_comments): a header that says
 * which comments these are and how to get the next ones, then one entry per
 * comment with its id, time in the timezone, author, change-log summary and text.
 *
 * @module
 */

import { z } from "zod";
import { commentLines, commentSchema } from "./issue.ts";

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
