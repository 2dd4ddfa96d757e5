/**
 * update_issue: moves one issue along (status, assignee, dates, milestones …)
 * with an optional comment, accepting names. Only fields that would change are
 * sent; an update that would change nothing is reported and not sent.
 *
 * @module
 */

import { CHANGES_BACKLOG } from "./annotations.ts";
import { z } from "zod";
import { issueUrl } from "../backlog/issue_keys.ts";
import {
  renderAppliedOnly,
  renderUpdateText,
  shownValue,
  type UpdateResult,
  updateResultSchema,
} from "../render/write.ts";
import { issueInScope, projectOf } from "../resolve/in_scope.ts";
import { FIELD_PARAMS, mergeForms, planFields } from "./issue_form.ts";
import {
  clearable,
  issueKeyParam,
  refParam,
  TEXT_MAX,
  timezoneParam,
  toolInput,
} from "./params.ts";
import { defineTool } from "./tool.ts";
import { zoneName } from "../resolve/timezone.ts";
import { ToolInputError } from "../shared/input_error.ts";
import { appliedAnswer, sendWrite } from "./applied.ts";

const inputSchema = toolInput({
  issue_key: issueKeyParam,
  status: refParam("status", '"In Progress"').optional(),
  resolution: clearable(refParam("resolution", '"Fixed"', { zero: true })).optional(),
  ...FIELD_PARAMS,
  comment: z.string({ error: "comment must be a string" })
    .max(TEXT_MAX, { error: `comment must be at most ${TEXT_MAX} characters` })
    .optional(),
  timezone: timezoneParam,
});

/** The update_issue tool. */
export const updateIssue = defineTool({
  name: "update_issue",
  title: "Update a Backlog issue",
  description:
    'Use when asked to change one issue, optionally with a comment and notify_user_ids. Dates: YYYY-MM-DD, today, tomorrow or yesterday; custom_fields: name → text, number, date, item name(s) or {"other": text}, null clears. "" clears a field, [] a list, -1 the hours. Sends only what would change; returns each change, before → after.',
  inputSchema,
  outputSchema: updateResultSchema,
  annotations: CHANGES_BACKLOG,
  async handler(args, ctx) {
    const tz = await zoneName(ctx, args.timezone);
    const { issue: before } = await issueInScope(ctx, {
      ref: args.issue_key,
      parameter: "issue_key",
    });
    const project = await projectOf(ctx, before);
    const plan = await planFields(ctx, args, { project, tz, now: ctx.now(), current: before });
    const changing = plan.fields.filter((f) => !f.already(before));
    const unchanged = plan.fields.filter((f) => f.already(before))
      .map((f): [string, string] => [f.field, shownValue(f.field, f.value(before))]);
    const comment = args.comment?.trim() ? args.comment : undefined;
    const result: UpdateResult = {
      key: before.issueKey,
      url: issueUrl(ctx.config.baseUrl, before.issueKey),
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
        const changes = changing.map((f): [string, string, string] => [
          f.field,
          shownValue(f.field, f.value(before)),
          shownValue(f.field, f.value(after)),
        ]);
        const done = { ...applied, changes };
        return { text: renderUpdateText(done, after.summary), structured: done };
      },
      fallback: () => ({
        text: renderAppliedOnly({ wrote: "update", key: before.issueKey }, applied.url),
        structured: applied,
      }),
    });
  },
});
