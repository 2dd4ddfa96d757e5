/**
 * get_issue_details: one issue in full, with its newest comments.
 *
 * @module
 */

import { READS_BACKLOG } from "./annotations.ts";
import { z } from "zod";
import { newestComments } from "../backlog/comment_pages.ts";
import { fitRows } from "../render/fit.ts";
import {
  type CommentSection,
  commentView,
  DESCRIPTION_MAX,
  issueDetailsSchema,
  issueView,
  renderIssueText,
} from "../render/issue.ts";
import { issueInScope } from "../resolve/in_scope.ts";
import { advertise, HIDDEN } from "./json_schema.ts";
import { childIssues } from "../backlog/issue_search.ts";
import { childrenView, relationLines, sharedFilesView } from "../render/issue_relations.ts";
import {
  flagParam,
  intParam,
  issueKeyParam,
  LIMIT_DEFAULT,
  timezoneParam,
  toolInput,
} from "./params.ts";
import { defineTool } from "./tool.ts";
import { zoneName } from "../resolve/timezone.ts";

const inputSchema = toolInput({
  issue_key: issueKeyParam,
  include_comments: flagParam("include_comments").default(true),
  comment_limit: intParam("comment_limit", { min: 0, max: 500 }).default(LIMIT_DEFAULT),
  timezone: timezoneParam,
  // Accepted for prompts written for the Python server, not advertised: it changes nothing.
  issue_title: advertise(z.string().nullable().optional(), HIDDEN),
});

/** Child issues listed in full; more are counted and left to get_user_issue_list. */
const CHILDREN_SHOWN = 20;

/** The get_issue_details tool. */
export const getIssueDetails = defineTool({
  name: "get_issue_details",
  title: "Backlog issue details",
  description:
    "Use when you need one issue in full (e.g. PROJ-123): every field, custom fields, child issues, description, attachments, shared files, URL and the newest comments (oldest first, change logs summarised).",
  inputSchema,
  outputSchema: issueDetailsSchema,
  annotations: READS_BACKLOG,
  async handler(args, ctx) {
    const tz = await zoneName(ctx, args.timezone);
    const maxChars = ctx.config.maxResultChars;
    // The comments are read alongside the issue, once its key passed BACKLOG_PROJECTS, and used
    // only if the issue itself passes too. The summary says whether there are child issues.
    const { issue, alongside: section } = await issueInScope(ctx, {
      ref: args.issue_key,
      parameter: "issue_key",
      childIssueSummary: true,
      alongside: args.include_comments
        ? () => newestComments(ctx.api, args.issue_key, args.comment_limit)
        : undefined,
    });
    // The parent is context, not essential: a failure to fetch it (or a parent outside the
    // allowed projects) is not the call's failure.
    const parent = issue.parentIssueId
      ? await issueInScope(ctx, { ref: issue.parentIssueId, parameter: "parent" })
        .then((found) => found.issue, () => null)
      : null;
    // Children and shared files are context too: a failure shows as "could not be fetched".
    const children = childrenView(
      await childIssues(ctx.api, issue, CHILDREN_SHOWN).catch(() => null),
    );
    const files = sharedFilesView(
      issue.sharedFiles ??
        await ctx.api.listIssueSharedFiles(issue.issueKey).catch(() => undefined),
    );
    const relations = relationLines(children, files);
    // The description may take up to 30% of the answer; comments fill the rest, newest first.
    const view = issueView(issue, {
      baseUrl: ctx.config.baseUrl,
      timezone: tz,
      parent,
      descriptionMax: Math.min(DESCRIPTION_MAX, Math.floor(maxChars * 0.3)),
    });
    const comments = (section?.comments ?? []).map((c) => commentView(c, tz));
    const total = section?.total ?? 0;
    const build = (shown: number) => {
      const newest = comments.slice(comments.length - shown);
      const part: CommentSection = {
        included: section !== undefined,
        total,
        omitted: total - newest.length,
        comments: newest,
      };
      return {
        text: renderIssueText(view, { section: part, timezone: tz, related: relations }),
        structured: {
          issue: view,
          children,
          shared_files: files,
          comments: newest,
          comments_total: total,
          comments_omitted: part.omitted,
          timezone: tz,
        },
      };
    };
    return fitRows({
      count: comments.length,
      build,
      maxChars,
      structured: ctx.config.structuredOutput,
    }).output;
  },
});
