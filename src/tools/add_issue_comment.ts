/**
 * add_issue_comment: posts a comment on an issue, optionally notifying
 * project members by name.
 *
 * @module
 */

import { ADDS_TO_BACKLOG } from "./annotations.ts";
import { z } from "zod";
import { commentUrl, issueUrl } from "../backlog/issue_keys.ts";
import {
  commentAddedSchema,
  commentAddedView,
  notifiedNames,
  renderAppliedOnly,
  renderCommentAddedText,
} from "../render/write.ts";
import { keyInScope, projectOf, projectOfKey } from "../resolve/in_scope.ts";
import { membersIn } from "../resolve/resolver.ts";
import { zoneName } from "../resolve/timezone.ts";
import { issueKeyParam, refListParam, TEXT_MAX, timezoneParam, toolInput } from "./params.ts";
import { defineTool } from "./tool.ts";
import { appliedAnswer, sendWrite } from "./applied.ts";
import { ToolInputError } from "../shared/input_error.ts";

const inputSchema = toolInput({
  issue_key: issueKeyParam,
  content: z.string({ error: "content is required: the comment text" })
    .max(TEXT_MAX, { error: `content must be at most ${TEXT_MAX} characters` })
    .describe("Markdown or Backlog syntax, as the project uses."),
  notify_user_ids: refListParam("notify_user_ids", '["hanako", 5002]', {
    meaning: "Members to notify.",
  }),
  timezone: timezoneParam,
});

/** The add_issue_comment tool. */
export const addIssueComment = defineTool({
  name: "add_issue_comment",
  title: "Comment on a Backlog issue",
  description:
    "Use when asked to report progress, answer or note something on an issue without changing its fields; may notify members. Returns the new comment's id and URL. Each call adds a comment.",
  inputSchema,
  outputSchema: commentAddedSchema,
  annotations: ADDS_TO_BACKLOG,
  async handler(args, ctx) {
    if (args.content.trim() === "") {
      throw new ToolInputError("content", "content must not be empty: pass the comment text.");
    }
    // Only an allowlist needs the issue itself (its project, whatever its key says); otherwise
    // the comment is one request: the key names the issue and Backlog answers 404 for a wrong one.
    const issue = await keyInScope(ctx, args.issue_key, "issue_key");
    const key = issue?.issueKey ?? args.issue_key;
    const refs = args.notify_user_ids ?? [];
    const notified = refs.length === 0 ? [] : await membersIn(ctx, {
      refs,
      parameter: "notify_user_ids",
      project: issue ? await projectOf(ctx, issue) : await projectOfKey(ctx, key, "issue_key"),
    });
    const comment = await sendWrite(
      `the comment on ${key}`,
      `get_issue_comments ${key}`,
      () =>
        ctx.api.addComment(key, {
          content: args.content,
          notifiedUserId: notified.length ? notified.map((u) => u.id) : undefined,
        }),
    );
    // After the write, so an uncached zone never delays it; nor may it fail an applied write.
    const tz = await zoneName(ctx, args.timezone).catch(() => "UTC");
    const url = issueUrl(ctx.config.baseUrl, key);
    return appliedAnswer({
      tool: "add_issue_comment",
      schema: commentAddedSchema,
      logger: ctx.logger,
      build: () => {
        const result = commentAddedView({
          issueKey: key,
          url,
          comment,
          notified,
          timezone: tz,
        });
        return { text: renderCommentAddedText(result, issue?.summary), structured: result };
      },
      fallback: () => {
        const id = Number(comment?.id);
        const known = Number.isSafeInteger(id) && id > 0;
        const at = known ? commentUrl(url, id) : url;
        return {
          text: renderAppliedOnly({ wrote: "comment", key }, at),
          structured: {
            issue_key: key,
            comment_id: known ? id : 0,
            url: at,
            notified: notifiedNames(notified),
          },
        };
      },
    });
  },
});
