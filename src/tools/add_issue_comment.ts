/**
 * add_issue_comment: posts a comment on an issue, optionally notifying
 * project members by name.
 *
 * @module
 */

import { z } from "zod";
import type { User } from "../backlog/types.ts";
import { type CommentAdded, commentAddedSchema, renderCommentAddedText } from "../render/write.ts";
import { formatTimestamp } from "../render/time.ts";
import { issueInScope, me, projectOf, projectOfKey } from "../resolve/resolver.ts";
import { zoneName } from "../resolve/timezone.ts";
import { resolveMember } from "../resolve/users.ts";
import { issueKeyParam, refListParam, timezoneParam, toolInput } from "./params.ts";
import { ADDS_TO_BACKLOG, defineTool } from "./tool.ts";
import { ToolInputError } from "../shared/input_error.ts";

/** Longest comment accepted (Backlog's own limit is not documented). */
export const COMMENT_TEXT_MAX = 100_000;

const inputSchema = toolInput({
  issue_key: issueKeyParam,
  content: z.string({ error: "content is required: the comment text" })
    .max(COMMENT_TEXT_MAX, { error: `content must be at most ${COMMENT_TEXT_MAX} characters` })
    .describe("The comment text (the project's text formatting applies: Markdown or Backlog)."),
  notify_user_ids: refListParam(
    "notify_user_ids",
    'Project members to notify, by user id, "me", login id or display name.',
    '["hanako", 5002]',
  ),
  timezone: timezoneParam,
});

/** The add_issue_comment tool. */
export const addIssueComment = defineTool({
  name: "add_issue_comment",
  title: "Comment on a Backlog issue",
  description:
    "Use when asked to report progress, answer or leave a note on an issue (e.g. PROJ-123) without changing its fields. Posts the comment, optionally notifying project members given by name or id, and returns the new comment's id and URL. Each call adds a new comment.",
  inputSchema,
  outputSchema: commentAddedSchema,
  annotations: ADDS_TO_BACKLOG,
  async handler(args, ctx) {
    if (args.content.trim() === "") {
      throw new ToolInputError("content", "content must not be empty: pass the comment text.");
    }
    // Only an allowlist needs the issue itself (its project, whatever its key says); otherwise
    // the comment is one request: the key names the issue and Backlog answers 404 for a wrong one.
    ctx.scope.checkIssueKey(args.issue_key, "issue_key");
    const issue = ctx.scope.restricted
      ? await issueInScope(ctx, args.issue_key, "issue_key")
      : undefined;
    const key = issue?.issueKey ?? args.issue_key;
    const notified: User[] = [];
    if (args.notify_user_ids?.length) {
      const project = issue ? await projectOf(ctx, issue) : await projectOfKey(ctx, key);
      const [members, self] = await Promise.all([ctx.metadata.projectUsers(project.id), me(ctx)]);
      for (const ref of args.notify_user_ids) {
        notified.push(resolveMember(ref, members, self, "notify_user_ids", project.projectKey));
      }
    }
    const comment = await ctx.api.addComment(key, {
      content: args.content,
      notifiedUserId: notified.length ? [...new Set(notified.map((u) => u.id))] : undefined,
    });
    // After the write, so an uncached zone never delays it (nor fails it).
    const tz = await zoneName(ctx, args.timezone);
    const result: CommentAdded = {
      issue_key: key,
      comment_id: comment.id,
      url: `${ctx.config.baseUrl}/view/${key}#comment-${comment.id}`,
      created: formatTimestamp(comment.created, tz)?.iso ?? null,
      notified: [...new Set(notified.map((u) => u.name))],
    };
    return { text: renderCommentAddedText(result, issue?.summary), structured: result };
  },
});
