/**
 * get_recent_changes: "what happened on my issues since …" in one call. The
 * issues come from the issue search (assigned to me, reported by me) and my
 * watching list; what happened on each from its comments, which carry
 * Backlog's change log (names, not ids). Every source and every cut is said.
 *
 * @module
 */

import { READS_BACKLOG } from "./annotations.ts";
import { z } from "zod";
import type { IssueQuery } from "../backlog/api.ts";
import { PAGE_SIZE, readPages } from "../backlog/paging.ts";
import { readWatchings } from "../backlog/watchings.ts";
import type { Comment, Issue, Watching } from "../backlog/types.ts";
import {
  commentEntry,
  createdEntry,
  type IssueChanges,
  recentChangesAccount,
  type RecentChangesReads,
  recentChangesSchema,
  renderRecentChangesText,
} from "../render/recent_changes.ts";
import { safeLine } from "../render/sanitize.ts";
import { summaryLine } from "../render/text.ts";
import { addDays } from "../shared/dates.ts";
import { scopeTest } from "../resolve/in_scope.ts";
import { me, usableProjects } from "../resolve/resolver.ts";
import { projectOfIssue } from "../resolve/scope.ts";
import { flagParam, intParam, timezoneParam, toolInput } from "./params.ts";
import { resolveTime, timeParam } from "./time_args.ts";
import { defineTool, type ToolContext } from "./tool.ts";
import { zoneName } from "../resolve/timezone.ts";

const SOURCES = ["assigned", "reported", "watched"] as const;
type Source = typeof SOURCES[number];
/** Issues read per source at most (newest updated first). */
const SCAN_MAX = 300;
/** Changes shown per issue at most (the newest). */
const ENTRIES_MAX = 8;
/** Candidates examined per call beyond `limit` when skipping issues only I changed. */
const EXAMINE_MORE = 20;
/** Comment pages read per issue at most. */
const COMMENT_PAGES = 2;

const inputSchema = toolInput({
  since: timeParam("since", "Default yesterday."),
  on: z.array(z.enum(SOURCES, { error: "on must list assigned, reported or watched" }), {
    error: "on must be a list of: assigned, reported, watched",
  }).min(1, { error: "on must name at least one of: assigned, reported, watched" })
    .default([...SOURCES]),
  include_own: flagParam("include_own").default(false),
  limit: intParam("limit", { min: 1, max: 50 })
    .default(10),
  offset: intParam("offset", { min: 0, max: 10_000 })
    .default(0),
  timezone: timezoneParam,
});

/** The get_recent_changes tool. */
export const getRecentChanges = defineTool({
  name: "get_recent_changes",
  title: "What changed on my Backlog issues",
  description:
    "Use when asked what changed on my issues since …: others' comments and field changes, by issue, newest first, with sources and gaps.",
  inputSchema,
  outputSchema: recentChangesSchema,
  annotations: READS_BACKLOG,
  async handler(args, ctx) {
    const tz = await zoneName(ctx, args.timezone);
    const since = resolveTime(args.since ?? { word: "yesterday" }, { tz, now: ctx.now() }, "start");
    const sinceMs = since.at.getTime();
    const self = await me(ctx);
    const projects = await usableProjects(ctx);
    const allowed = await scopeTest(ctx);
    const found = new Map<number, { issue: Issue; why: Set<Source> }>();
    const add = (issue: Issue, why: Source) => {
      if (Date.parse(issue.updated ?? issue.created) < sinceMs) return;
      if (!allowed(projectOfIssue(issue))) return;
      const entry = found.get(issue.id) ?? { issue, why: new Set<Source>() };
      entry.why.add(why);
      found.set(issue.id, entry);
    };
    // Backlog's updatedSince is a calendar date in a zone it does not state: a day earlier in
    // UTC covers every zone; the exact instant is applied to what comes back.
    const updatedSince = addDays(since.at.toISOString().slice(0, 10), -1);
    const searches: ["assigned" | "reported", IssueQuery][] = [
      ["assigned", { assigneeId: [self.id] }],
      ["reported", { createdUserId: [self.id] }],
    ];
    const reads: RecentChangesReads["searches"] = [];
    for (const [source, filter] of searches) {
      if (!args.on.includes(source) || projects.length === 0) continue;
      const projectId = projects.map((p) => p.id);
      const query = { ...filter, projectId, updatedSince, sort: "updated" };
      const scan = await scanIssues(ctx, { ...query, order: "desc" }, sinceMs);
      for (const issue of scan.issues) add(issue, source);
      reads.push({ source, updatedSince, pages: scan.pages, capped: scan.capped });
    }
    let watched: RecentChangesReads["watched"];
    if (args.on.includes("watched")) {
      const scan = await scanWatched(ctx, self.id, sinceMs);
      for (const issue of scan.issues) add(issue, "watched");
      watched = { userId: self.id, pages: scan.pages, capped: scan.capped };
    }

    const all = [...found.values()].sort((a, b) =>
      Date.parse(b.issue.updated ?? b.issue.created) -
      Date.parse(a.issue.updated ?? a.issue.created)
    );
    // Without include_own, issues only I changed are skipped, so a page examines candidates
    // until `limit` issues are found (at most EXAMINE_MAX): `offset` counts candidates.
    const issues: IssueChanges[] = [];
    let own = 0;
    let ownOnly = 0;
    let cut = 0;
    let at = args.offset;
    const stop = Math.min(all.length, args.offset + args.limit + EXAMINE_MORE);
    for (; at < stop && issues.length < args.limit; at++) {
      const { issue, why } = all[at];
      const comments = await commentsSince(ctx, issue.issueKey, sinceMs);
      if (comments.capped) cut++;
      const events = comments.list.map((c) => ({
        by: c.createdUser?.id,
        entry: commentEntry(c, tz),
      }));
      if (Date.parse(issue.created) >= sinceMs) {
        events.push({ by: issue.createdUser?.id, entry: createdEntry(issue, tz) });
      }
      const kept = args.include_own ? events : events.filter((e) => e.by !== self.id);
      own += events.length - kept.length;
      if (kept.length === 0 && events.length > 0) {
        ownOnly++;
        continue;
      }
      issues.push({
        key: issue.issueKey,
        summary: summaryLine(issue.summary),
        status: issue.status ? safeLine(issue.status.name) : null,
        why: SOURCES.filter((s) => why.has(s)),
        entries: kept.slice(0, ENTRIES_MAX).map((e) => e.entry),
        omitted: Math.max(0, kept.length - ENTRIES_MAX),
      });
    }
    const next = at < all.length ? at : null;
    const account = recentChangesAccount({
      searches: reads,
      watched,
      scanMax: SCAN_MAX,
      restricted: ctx.scope.restricted,
      examined: at - args.offset,
      next: next === null ? null : { remaining: all.length - at, offset: next },
      ownOnly,
      own,
      busy: cut,
      entriesCut: issues.some((i) => i.omitted) ? ENTRIES_MAX : null,
    });
    const result = {
      since: since.label,
      on: [...args.on],
      total: all.length,
      offset: args.offset,
      issues,
      next_offset: next,
      ...account,
      timezone: tz,
    };
    return { text: renderRecentChangesText(result), structured: result };
  },
});

/** What a scan found: the issues, the pages read, and whether {@linkcode SCAN_MAX} cut it. */
interface Scan {
  issues: Issue[];
  pages: number;
  capped: boolean;
}

const updatedAt = (issue: Issue) => Date.parse(issue.updated ?? issue.created);

/** Issues matching `query`, newest updated first, until older than `sinceMs` or {@linkcode SCAN_MAX}. */
async function scanIssues(ctx: ToolContext, query: IssueQuery, sinceMs: number): Promise<Scan> {
  const read = await readPages({
    by: "offset",
    read: (at) => ctx.api.listIssues(query, at.offset, PAGE_SIZE),
    maxPages: SCAN_MAX / PAGE_SIZE,
    enough: (page) => updatedAt(page[page.length - 1]) < sinceMs,
  });
  return { issues: read.items, pages: read.pages, capped: !read.ended && !read.enough };
}

/** Watched issues, most recently updated first, until older than `sinceMs` or {@linkcode SCAN_MAX}. */
async function scanWatched(ctx: ToolContext, userId: number, sinceMs: number): Promise<Scan> {
  const issuesOf = (page: readonly Watching[]) => page.flatMap((w) => w.issue ? [w.issue] : []);
  const read = await readWatchings(ctx.api, userId, {
    maxPages: SCAN_MAX / PAGE_SIZE,
    enough: (page) => {
      const oldest = issuesOf(page).at(-1);
      return !oldest || updatedAt(oldest) < sinceMs;
    },
  });
  return { issues: issuesOf(read.items), pages: read.pages, capped: !read.ended && !read.enough };
}

/** An issue's comments since `sinceMs`, newest first, at most {@linkcode COMMENT_PAGES} pages. */
async function commentsSince(
  ctx: ToolContext,
  issueKey: string,
  sinceMs: number,
): Promise<{ list: Comment[]; capped: boolean }> {
  const recent = (c: Comment) => Date.parse(c.created) >= sinceMs;
  const read = await readPages({
    by: "maxId",
    read: (at) =>
      ctx.api.listComments(issueKey, {
        order: "desc",
        count: PAGE_SIZE,
        maxId: at.maxId,
      }),
    maxPages: COMMENT_PAGES,
    enough: (page) => !page.every(recent),
  });
  return { list: read.items.filter(recent), capped: !read.ended && !read.enough };
}
