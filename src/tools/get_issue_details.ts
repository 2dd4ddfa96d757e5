/**
 * get_issue_details: one issue in full, with its newest comments.
 *
 * @module
 */

import { z } from "zod";
import type { BacklogApi } from "../backlog/api.ts";
import type { Comment } from "../backlog/types.ts";
import {
  commentSchema,
  type CommentSection,
  commentView,
  issueSchema,
  issueView,
  renderIssueText,
} from "../render/issue.ts";
import { issueInScope } from "../resolve/resolver.ts";
import { childIssues } from "../backlog/issue_search.ts";
import {
  childrenSchema,
  childrenView,
  relationLines,
  sharedFilesSchema,
  sharedFilesView,
} from "../render/issue_relations.ts";
import { issueKeyParam, timezoneParam, toolInput } from "./params.ts";
import { defineTool, READS_BACKLOG } from "./tool.ts";
import { zoneName } from "../resolve/timezone.ts";

const inputSchema = toolInput({
  issue_key: issueKeyParam,
  issue_title: z.string().nullable().optional().describe(
    "Optional title of the issue, for context only; it does not affect the result.",
  ),
  timezone: timezoneParam,
  include_comments: z.boolean({ error: "include_comments must be true or false" })
    .default(true)
    .describe("Include comments (default true)."),
  comment_limit: z.number({ error: "comment_limit must be a number from 0 to 500" })
    .int({ error: "comment_limit must be a whole number from 0 to 500" })
    .min(0, { error: "comment_limit must be from 0 to 500" })
    .max(500, { error: "comment_limit must be from 0 to 500" })
    .default(20)
    .describe("How many of the newest comments to show (default 20, max 500), oldest first."),
});

/** Child issues listed in full; more are counted and left to get_user_issue_list. */
const CHILDREN_SHOWN = 20;

const outputSchema = z.object({
  issue: issueSchema,
  children: childrenSchema,
  shared_files: sharedFilesSchema,
  comments: z.array(commentSchema),
  comments_total: z.number(),
  comments_omitted: z.number().describe("older comments not included"),
  timezone: z.string(),
});

/** The get_issue_details tool. */
export const getIssueDetails = defineTool({
  name: "get_issue_details",
  title: "Get Backlog issue details",
  description:
    "Use when you need one Backlog issue in full (e.g. PROJ-123): returns its summary, status, type, priority, assignee, reporter, created/updated times in the requested timezone, start/due dates, milestones, categories, parent issue, child issues, hours, custom fields, description, attachments, shared files, URL and its newest comments (oldest first, change logs summarised like 'status: Open → In Progress').",
  inputSchema,
  outputSchema,
  annotations: READS_BACKLOG,
  async handler(args, ctx) {
    const tz = await zoneName(ctx, args.timezone);
    if (args.issue_title) ctx.logger.debug("get_issue_details", { title: args.issue_title });
    // Refuse a key outside BACKLOG_PROJECTS before anything (comments included) is fetched.
    ctx.scope.checkIssueKey(args.issue_key, "issue_key");
    const [issue, section] = await Promise.all([
      // The summary says whether there are child issues to fetch at all.
      ctx.api.getIssue(args.issue_key, { childIssueSummary: true }),
      args.include_comments
        ? fetchNewestComments(ctx.api, args.issue_key, args.comment_limit)
        : Promise.resolve(undefined),
    ]).catch((error) => {
      throw ctx.scope.hideMissingIssue(error, "issue_key", args.issue_key);
    });
    // Checked before anything is rendered, so a refused issue's comments go nowhere.
    if (ctx.scope.restricted) {
      ctx.scope.checkIssue(issue, await ctx.metadata.projects(), "issue_key", args.issue_key);
    }
    // The parent is context, not essential: a failure to fetch it (or a parent outside the
    // allowed projects) is not the call's failure.
    const parent = issue.parentIssueId
      ? await issueInScope(ctx, issue.parentIssueId, "parent").catch(() => null)
      : null;
    // Children and shared files are context too: a failure shows as "could not be fetched".
    const children = childrenView(
      await childIssues(ctx.api, issue, CHILDREN_SHOWN).catch(() => null),
    );
    const files = sharedFilesView(
      issue.sharedFiles ??
        await ctx.api.listIssueSharedFiles(issue.issueKey).catch(() => undefined),
    );
    const view = issueView(issue, ctx.config.baseUrl, tz, parent);
    const shown: CommentSection = section
      ? {
        included: true,
        total: section.total,
        omitted: section.total - section.comments.length,
        comments: section.comments.map((c) => commentView(c, tz)),
      }
      : { included: false, total: 0, omitted: 0, comments: [] };
    return {
      text: renderIssueText(view, shown, tz, relationLines(children, files)),
      structured: {
        issue: view,
        children,
        shared_files: files,
        comments: shown.comments,
        comments_total: shown.total,
        comments_omitted: shown.omitted,
        timezone: tz,
      },
    };
  },
});

/**
 * Fetches the newest `limit` comments (oldest first) and the total. One extra
 * comment is requested to learn whether older ones exist; only then is the
 * total counted. Paging uses `maxId = last - 1`, correct whether Backlog's
 * `maxId` is inclusive or not.
 */
export async function fetchNewestComments(
  api: BacklogApi,
  issueKey: string,
  limit: number,
): Promise<{ comments: Comment[]; total: number }> {
  const collected: Comment[] = [];
  let maxId: number | undefined;
  while (collected.length <= limit) {
    const want = Math.min(100, limit + 1 - collected.length);
    const page = await api.listComments(issueKey, { order: "desc", count: want, maxId });
    collected.push(...page.slice(0, want));
    if (page.length < want) break;
    maxId = page[page.length - 1].id - 1;
  }
  const more = collected.length > limit;
  const newest = collected.slice(0, limit);
  const total = more ? await api.countComments(issueKey) : newest.length;
  return { comments: newest.reverse(), total: Math.max(total, newest.length) };
}
