/**
 * update_issue: moves one issue along (status, assignee, dates, milestones …)
 * with an optional comment, accepting names. Only fields that would change are
 * sent; an update that would change nothing is reported and not sent.
 *
 * @module
 */

import { z } from "zod";
import {
  renderAppliedOnly,
  renderUpdateText,
  type UpdateResult,
  updateResultSchema,
} from "../render/write.ts";
import { issueInScope, projectOf } from "../resolve/resolver.ts";
import { COMMENT_TEXT_MAX } from "./add_issue_comment.ts";
import { FIELD_PARAMS, mergeForms, planFields } from "./issue_fields.ts";
import { issueKeyParam, refParam, timezoneParam, toolInput } from "./params.ts";
import { defineTool } from "./tool.ts";
import { zoneName } from "../resolve/timezone.ts";
import { ToolInputError } from "../shared/input_error.ts";
import { appliedAnswer, sendWrite } from "./applied.ts";

const inputSchema = toolInput({
  issue_key: issueKeyParam,
  status: refParam(
    "status",
    'New status by name or id, English or Japanese, custom ones included (e.g. "In Progress", "処理中", "Waiting for QA").',
    '"In Progress"',
  ).optional(),
  resolution: refParam(
    "resolution",
    'Resolution by name or id (e.g. "Fixed" = 0, "Won\'t Fix"); null clears it.',
    '"Fixed"',
    { zero: true },
  ).nullable().optional(),
  ...FIELD_PARAMS,
  comment: z.string({ error: "comment must be a string" })
    .max(COMMENT_TEXT_MAX, { error: `comment must be at most ${COMMENT_TEXT_MAX} characters` })
    .optional()
    .describe("A comment saved with the change (Backlog records the changes beside it)."),
  timezone: timezoneParam,
});

/** The update_issue tool. */
export const updateIssue = defineTool({
  name: "update_issue",
  title: "Update a Backlog issue",
  description:
    'Use when asked to change one Backlog issue (e.g. PROJ-123): move its status, (re)assign it, change priority, type, start/due dates (YYYY-MM-DD, today, tomorrow; null clears), milestones, categories, hours, summary, description or custom fields, resolve it, optionally with a comment. Takes names ("Resolved", "me", "Sprint 24") or ids. Returns what changed, before → after, as Backlog reports it. Fields already at the requested value are not sent; if nothing would change (and there is no comment) nothing is sent.',
  inputSchema,
  outputSchema: updateResultSchema,
  annotations: {
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: false,
    openWorldHint: true,
  },
  async handler(args, ctx) {
    const tz = await zoneName(ctx, args.timezone);
    const before = await issueInScope(ctx, args.issue_key, "issue_key");
    const project = await projectOf(ctx, before);
    const plan = await planFields(ctx, project, args, tz, ctx.now(), before);
    const changing = plan.fields.filter((f) => !f.already(before));
    const unchanged = plan.fields.filter((f) => f.already(before))
      .map((f) => ({ field: f.field, from: f.value(before) }));
    const comment = args.comment?.trim() ? args.comment : undefined;
    const result: UpdateResult = {
      key: before.issueKey,
      url: `${ctx.config.baseUrl}/view/${before.issueKey}`,
      sent: false,
      changes: [],
      unchanged,
      comment_added: false,
    };
    if (changing.length === 0 && !comment) {
      // Backlog refuses a change-less, comment-less update, so the notification cannot go alone.
      if (plan.notify.length) {
        throw new ToolInputError(
          "notify_user_ids",
          `nothing of ${before.issueKey} would change and there is no comment, and Backlog notifies only with a change or a comment: add a comment (or use add_issue_comment with notify_user_ids). Nothing was sent.`,
        );
      }
      return { text: renderUpdateText(result, before.summary), structured: result };
    }
    const after = await sendWrite(
      `the update of ${before.issueKey}`,
      `get_issue_details ${before.issueKey}`,
      () => ctx.api.updateIssue(before.issueKey, { ...mergeForms(changing, plan.notify), comment }),
    );
    const applied: UpdateResult = { ...result, sent: true, comment_added: comment !== undefined };
    return appliedAnswer({
      tool: "update_issue",
      schema: updateResultSchema,
      logger: ctx.logger,
      build: () => {
        const changes = changing.map((f) => ({
          field: f.field,
          from: f.value(before),
          to: f.value(after),
        }));
        const done = { ...applied, changes };
        return { text: renderUpdateText(done, after.summary), structured: done };
      },
      fallback: () => ({
        text: renderAppliedOnly(`Updated ${before.issueKey}`, applied.url),
        structured: applied,
      }),
    });
  },
});
