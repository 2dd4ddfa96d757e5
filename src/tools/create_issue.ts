/**
 * create_issue: adds an issue to a project, with the same name resolution as
 * update_issue. Answers with the new key and URL.
 *
 * @module
 */

import { ADDS_TO_BACKLOG } from "./annotations.ts";
import { z } from "zod";
import { issueUrl, projectUrl } from "../backlog/issue_keys.ts";
import type { Project } from "../backlog/types.ts";
import { bareIssueView, issueView } from "../render/issue.ts";
import { createdSchema, renderAppliedOnly, renderCreatedText } from "../render/write.ts";
import { appliedAnswer, sendWrite } from "./applied.ts";
import { issueInScope } from "../resolve/in_scope.ts";
import { projectByRef, type ResolveContext } from "../resolve/resolver.ts";
import { FIELD_PARAMS, mergeForms, planFields } from "./issue_form.ts";
import { advertise } from "./json_schema.ts";
import { ISSUE_KEY, refParam, SUMMARY_MAX, timezoneParam, toolInput } from "./params.ts";
import { defineTool } from "./tool.ts";
import { ToolInputError } from "../shared/input_error.ts";
import { zoneName } from "../resolve/timezone.ts";

const { summary: _summary, issue_type: _type, ...optionalFields } = FIELD_PARAMS;

const inputSchema = toolInput({
  project: refParam("project", '"PROJ"'),
  summary: z.string({ error: "summary is required: the new issue's title" }).trim()
    .min(1, { error: "summary must not be empty" })
    .max(SUMMARY_MAX, { error: `summary must be at most ${SUMMARY_MAX} characters` }),
  issue_type: refParam("issue_type", '"Task"'),
  ...optionalFields,
  // "Normal" also finds 中 (id 3) in a Japanese space: built-in priorities answer to both names.
  priority: refParam("priority", '"High"').default("Normal"),
  parent_issue: advertise(
    z.union([
      z.number().int().positive(),
      z.string().trim().toUpperCase().regex(ISSUE_KEY),
    ], { error: "parent_issue must be an issue key such as PROJ-12 or an issue id" }),
    { type: "string" },
  ).optional(),
  timezone: timezoneParam,
});

/** The create_issue tool. */
export const createIssue = defineTool({
  name: "create_issue",
  title: "Create a Backlog issue",
  description:
    "Use when asked to file a new issue: project, summary and issue_type are required (and required custom fields), priority defaults to Normal, other fields are as in update_issue, parent_issue (same project) makes a child issue. Returns the new key, URL and fields. Each call creates an issue.",
  inputSchema,
  outputSchema: createdSchema,
  annotations: ADDS_TO_BACKLOG,
  async handler(args, ctx) {
    const tz = await zoneName(ctx, args.timezone);
    const project = await projectByRef(ctx, args.project, "project");
    const plan = await planFields(ctx, args, { project, tz, now: ctx.now() });
    const parent = args.parent_issue === undefined
      ? undefined
      : await parentIn(ctx, project, args.parent_issue);
    const created = await sendWrite(
      "the new issue",
      "get_user_issue_list (e.g. created_since: today)",
      () =>
        ctx.api.addIssue({
          ...mergeForms(plan.fields, plan.notify),
          projectId: project.id,
          parentIssueId: parent?.id,
        }),
    );
    return appliedAnswer({
      tool: "create_issue",
      schema: createdSchema,
      logger: ctx.logger,
      build: () => {
        const view = issueView(created, { baseUrl: ctx.config.baseUrl, timezone: tz, parent });
        return { text: renderCreatedText(view), structured: { issue: view, timezone: tz } };
      },
      fallback: () => {
        const key = typeof created?.issueKey === "string" ? created.issueKey : "";
        const id = Number(created?.id);
        const view = bareIssueView({
          key,
          id: Number.isSafeInteger(id) ? id : 0,
          url: key
            ? issueUrl(ctx.config.baseUrl, key)
            : projectUrl(ctx.config.baseUrl, project.projectKey),
          summary: args.summary,
        });
        const done = { wrote: "issue", key: key || null, projectKey: project.projectKey } as const;
        return {
          text: renderAppliedOnly(done, view.url),
          structured: { issue: view, timezone: tz },
        };
      },
    });
  },
});

/** The parent issue, which must be in scope and in the same project. */
async function parentIn(ctx: ResolveContext, project: Project, ref: number | string) {
  const { issue: parent } = await issueInScope(ctx, { ref, parameter: "parent_issue" });
  if (parent.projectId !== project.id) {
    throw new ToolInputError(
      "parent_issue",
      `${ref} is not in ${project.projectKey}; a child issue must be in its parent's project.`,
    );
  }
  return parent;
}
