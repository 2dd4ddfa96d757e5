/**
 * get_issue_comments: one page of an issue's comments, for threads longer
 * than get_issue_details shows, paged by comment id.
 *
 * @module
 */

import { READS_BACKLOG } from "./annotations.ts";
import { z } from "zod";
import { commentWindow } from "../backlog/comment_pages.ts";
import { type CommentPage, commentPageSchema, renderCommentPageText } from "../render/comments.ts";
import { fitRows } from "../render/fit.ts";
import { commentView, issueRef } from "../render/issue.ts";
import { issueInScope } from "../resolve/in_scope.ts";
import { PAGE_SIZE } from "../backlog/paging.ts";
import {
  idParam,
  intParam,
  issueKeyParam,
  LIMIT_DEFAULT,
  timezoneParam,
  toolInput,
} from "./params.ts";
import { defineTool } from "./tool.ts";
import { ToolInputError } from "../shared/input_error.ts";
import { zoneName } from "../resolve/timezone.ts";

const inputSchema = toolInput({
  issue_key: issueKeyParam,
  // One page of Backlog's at most.
  count: intParam("count", { min: 1, max: PAGE_SIZE }).default(LIMIT_DEFAULT),
  order: z.enum(["desc", "asc"], { error: "order must be desc (newest first) or asc" })
    .default("desc"),
  before_id: idParam("before_id", "comment").optional(),
  after_id: idParam("after_id", "comment").optional(),
  timezone: timezoneParam,
});

/** The get_issue_comments tool. */
export const getIssueComments = defineTool({
  name: "get_issue_comments",
  title: "Backlog issue comments",
  description:
    "Use when you need more of an issue's discussion than get_issue_details shows. Returns a page of comments (newest first unless order=asc) with id, author, time, changes and text, the total, and the before_id/after_id (older/newer than that id) of the next page.",
  inputSchema,
  outputSchema: commentPageSchema,
  annotations: READS_BACKLOG,
  async handler(args, ctx) {
    const { before_id: before, after_id: after, count, order } = args;
    // Refused before Backlog is asked anything.
    if (before !== undefined && after !== undefined && after >= before - 1) {
      throw new ToolInputError(
        "after_id",
        `after_id (${after}) must be below before_id (${before}) by at least 2, or nothing lies between them.`,
      );
    }
    const tz = await zoneName(ctx, args.timezone);
    // The issue first: it is checked against BACKLOG_PROJECTS before any comment is read.
    const { issue } = await issueInScope(ctx, { ref: args.issue_key, parameter: "issue_key" });
    const { comments, total, hasMore } = await commentWindow(ctx.api, issue.issueKey, {
      order,
      count,
      beforeId: before,
      afterId: after,
    });
    const views = comments.map((c) => commentView(c, tz));
    const ref = issueRef(issue, ctx.config.baseUrl);
    const build = (n: number) => {
      const last = views[n - 1]?.id;
      const more = hasMore || n < views.length;
      let next: CommentPage["next"];
      if (more && last !== undefined) {
        next = order === "desc"
          ? { before_id: last, ...(after !== undefined ? { after_id: after } : {}) }
          : { after_id: last, ...(before !== undefined ? { before_id: before } : {}) };
      }
      const result: CommentPage = {
        issue: ref,
        order,
        comments: views.slice(0, n),
        total,
        has_more: next !== undefined,
        ...(next ? { next } : {}),
        timezone: tz,
      };
      return { text: renderCommentPageText(result), structured: result };
    };
    return fitRows({
      count: views.length,
      build,
      maxChars: ctx.config.maxResultChars,
      structured: ctx.config.structuredOutput,
    }).output;
  },
});
