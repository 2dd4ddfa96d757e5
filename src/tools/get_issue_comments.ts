/**
 * get_issue_comments: one page of an issue's comments, for threads longer
 * than get_issue_details shows, paged by comment id.
 *
 * @module
 */

import { z } from "zod";
import type { CommentQuery } from "../backlog/api.ts";
import { type CommentPage, commentPageSchema, renderCommentPageText } from "../render/comments.ts";
import { commentView, issueRef } from "../render/issue.ts";
import { issueInScope } from "../resolve/resolver.ts";
import { issueKeyParam, timezoneParam, toolInput } from "./params.ts";
import { defineTool, READS_BACKLOG } from "./tool.ts";
import { ToolInputError } from "../shared/input_error.ts";
import { zoneName } from "../resolve/timezone.ts";

const commentId = (name: string, meaning: string) =>
  z.number({ error: `${name} must be a comment id (a positive whole number)` })
    .int({ error: `${name} must be a whole number` })
    .positive({ error: `${name} must be a positive comment id` })
    .max(Number.MAX_SAFE_INTEGER, { error: `${name} is too large` })
    .optional()
    .describe(meaning);

const inputSchema = toolInput({
  issue_key: issueKeyParam,
  count: z.number({ error: "count must be a number from 1 to 100" })
    .int({ error: "count must be a whole number from 1 to 100" })
    .min(1, { error: "count must be from 1 to 100" })
    .max(100, { error: "count must be from 1 to 100" })
    .default(20)
    .describe("How many comments to return (default 20, max 100)."),
  order: z.enum(["desc", "asc"], { error: "order must be desc (newest first) or asc" })
    .default("desc")
    .describe("desc: newest first (default); asc: oldest first."),
  before_id: commentId("before_id", "Only comments older than this comment id (for paging)."),
  after_id: commentId("after_id", "Only comments newer than this comment id (for paging)."),
  timezone: timezoneParam,
});

/** The get_issue_comments tool. */
export const getIssueComments = defineTool({
  name: "get_issue_comments",
  title: "Page through a Backlog issue's comments",
  description:
    "Use when you need more of an issue's discussion than get_issue_details shows, or a specific stretch of it. Returns one page of comments (newest first by default; count up to 100; before_id/after_id page by comment id), each with its id, author, time in the requested timezone, change-log summary ('status: Open → In Progress') and text, the total number of comments and the arguments for the next page.",
  inputSchema,
  outputSchema: commentPageSchema,
  annotations: READS_BACKLOG,
  async handler(args, ctx) {
    const tz = await zoneName(ctx, args.timezone);
    const { before_id: before, after_id: after, count, order } = args;
    if (before !== undefined && after !== undefined && after >= before - 1) {
      throw new ToolInputError(
        "after_id",
        `after_id (${after}) must be below before_id (${before}) by at least 2, or nothing lies between them.`,
      );
    }
    // The issue first: it is checked against BACKLOG_PROJECTS before any comment is read.
    const issue = await issueInScope(ctx, args.issue_key, "issue_key");
    // Bounds are sent as given and enforced here, so the answer is right whether Backlog's
    // minId/maxId are inclusive or not; up to two boundary comments may be dropped, so ask for
    // three extra (one to learn whether more follow).
    const want = Math.min(100, count + 3);
    const query: CommentQuery = { order, count: want, maxId: before, minId: after };
    const [page, total] = await Promise.all([
      ctx.api.listComments(issue.issueKey, query),
      ctx.api.countComments(issue.issueKey),
    ]);
    const inRange = page.filter((c) =>
      (before === undefined || c.id < before) && (after === undefined || c.id > after)
    );
    const shown = inRange.slice(0, count);
    const hasMore = inRange.length > count || (want < count + 3 && page.length === want);
    const last = shown.at(-1)?.id;
    let next: CommentPage["next"] = null;
    if (hasMore && last !== undefined) {
      next = order === "desc"
        ? { before_id: last, ...(after !== undefined ? { after_id: after } : {}) }
        : { after_id: last, ...(before !== undefined ? { before_id: before } : {}) };
    }
    const result: CommentPage = {
      issue: issueRef(issue, ctx.config.baseUrl),
      order,
      comments: shown.map((c) => commentView(c, tz)),
      total,
      has_more: next !== null,
      next,
      timezone: tz,
    };
    return { text: renderCommentPageText(result), structured: result };
  },
});
