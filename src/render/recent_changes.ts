/**
 * "What changed since …" (get_recent_changes): per issue, newest first, the
 * comments and field changes since a time, then which Backlog sources the
 * answer came from and what it left out.
 *
 * @module
 */

import { z } from "zod";
import type { Comment, Issue } from "../backlog/types.ts";
import { summarizeChanges, toChanges } from "./changelog.ts";
import { safeLine } from "./sanitize.ts";
import { SOURCED_SHAPE, sourceLines } from "./sources.ts";
import { oneLine } from "./text.ts";
import { formatTimestamp } from "./time.ts";

/** Comment snippets are cut to this many characters. */
const SNIPPET_MAX = 160;

/** Structured form of one change. */
export const changeEntrySchema = z.object({
  time: z.string().nullable(),
  who: z.string().nullable(),
  kind: z.enum(["created", "comment"]),
  changes: z.string().describe("field changes, e.g. 'status: Open → In Progress'"),
  text: z.string().describe("comment snippet"),
});

/** Structured form of one issue's changes. */
export const issueChangesSchema = z.object({
  key: z.string(),
  summary: z.string(),
  status: z.string().nullable(),
  why: z.array(z.string()).describe("assigned, reported, watched"),
  entries: z.array(changeEntrySchema),
  omitted: z.number().describe("older changes on it not shown"),
});

/** Structured form of one change. */
export type ChangeEntry = z.infer<typeof changeEntrySchema>;
/** Structured form of one issue's changes. */
export type IssueChanges = z.infer<typeof issueChangesSchema>;

/** A comment (or the creation of the issue) as a change entry. */
export function commentEntry(c: Comment, tz: string): ChangeEntry {
  return {
    time: formatTimestamp(c.created, tz)?.iso ?? null,
    who: c.createdUser ? safeLine(c.createdUser.name) : null,
    kind: "comment",
    changes: safeLine(summarizeChanges(toChanges(c.changeLog))),
    text: oneLine(safeLine(c.content ?? ""), SNIPPET_MAX),
  };
}

/** The creation of `issue` as a change entry. */
export function createdEntry(issue: Issue, tz: string): ChangeEntry {
  return {
    time: formatTimestamp(issue.created, tz)?.iso ?? null,
    who: issue.createdUser ? safeLine(issue.createdUser.name) : null,
    kind: "created",
    changes: "",
    text: "",
  };
}

/** The page (get_recent_changes' structured answer): everything its text shows. */
export const recentChangesSchema = z.object({
  since: z.string(),
  on: z.array(z.string()),
  total: z.number(),
  offset: z.number(),
  issues: z.array(issueChangesSchema),
  next_offset: z.number().nullable(),
  ...SOURCED_SHAPE,
});

/** The page. */
export type RecentChanges = z.infer<typeof recentChangesSchema>;

/** The issue searches get_recent_changes makes, by source. */
const SEARCH_LABELS = { assigned: "assigned to you", reported: "reported by you" } as const;

/** What get_recent_changes read and what it left out, as facts; {@linkcode recentChangesAccount} words them. */
export interface RecentChangesReads {
  /** The issue searches made, in order. */
  searches: {
    source: keyof typeof SEARCH_LABELS;
    updatedSince: string;
    pages: number;
    capped: boolean;
  }[];
  /** The watching list, when it was read. */
  watched?: { userId: number; pages: number; capped: boolean };
  /** Issues read per source at most. */
  scanMax: number;
  /** BACKLOG_PROJECTS narrows the issues. */
  restricted: boolean;
  /** Issues whose comments were read. */
  examined: number;
  /** Updated issues after this page and the offset that shows them; null when none. */
  next: { remaining: number; offset: number } | null;
  /** Issues changed only by me, skipped. */
  ownOnly: number;
  /** My own changes, left out. */
  own: number;
  /** Issues whose older comments were not read. */
  busy: number;
  /** Changes shown per issue at most, when an issue had more; null when none had. */
  entriesCut: number | null;
}

/** The sources and what was left out, in words, in the order the reads were made. */
export function recentChangesAccount(
  r: RecentChangesReads,
): { sources: string[]; left_out: string[] } {
  const sources: string[] = [];
  const leftOut: string[] = [];
  for (const search of r.searches) {
    const label = SEARCH_LABELS[search.source];
    sources.push(
      `GET /issues ${label}, updated since ${search.updatedSince} (${search.pages} page(s))`,
    );
    if (search.capped) {
      leftOut.push(`${label}: issues beyond the ${r.scanMax} most recently updated`);
    }
  }
  if (r.watched) {
    sources.push(`GET /users/${r.watched.userId}/watchings (${r.watched.pages} page(s))`);
    if (r.watched.capped) {
      leftOut.push(`watched issues beyond the ${r.scanMax} most recently updated`);
    }
  }
  if (r.restricted) leftOut.push("issues outside BACKLOG_PROJECTS");
  if (r.examined) sources.push(`GET /issues/:key/comments for ${r.examined} issue(s)`);
  if (r.next) leftOut.push(`${r.next.remaining} more updated issue(s): offset=${r.next.offset}`);
  if (r.ownOnly) leftOut.push(`${r.ownOnly} issue(s) changed only by you`);
  if (r.own) leftOut.push(`${r.own} change(s) of your own (include_own: true shows them)`);
  if (r.busy) leftOut.push(`older comments on ${r.busy} very busy issue(s)`);
  if (r.entriesCut !== null) leftOut.push(`changes beyond ${r.entriesCut} per issue`);
  return { sources, left_out: leftOut };
}

function entryLine(e: ChangeEntry, tz: string): string {
  const time = e.time ? formatTimestamp(e.time, tz)!.text : "";
  const who = e.who ?? "someone";
  if (e.kind === "created") return `  ${time} ${who} created the issue`;
  const text = e.text ? `"${e.text}"` : "";
  if (!e.changes) return `  ${time} ${who} commented${text ? `: ${text}` : ""}`;
  return `  ${time} ${who}: ${e.changes}${text ? ` — ${text}` : ""}`;
}

/** Renders the changes, then the sources and what was left out. */
export function renderRecentChangesText(page: RecentChanges): string {
  const on = page.on.join(", ");
  const head = `Changes on your issues (${on}) since ${page.since}`;
  const lines: string[] = [];
  if (page.issues.length === 0) {
    lines.push(
      page.total > 0
        ? `${head}: ${page.total} issue(s) updated, none to show from offset ${page.offset}.`
        : `${head}: none.`,
    );
  } else {
    lines.push(
      `${head}: ${page.total} issue${
        page.total === 1 ? "" : "s"
      } updated; ${page.issues.length} shown${
        page.offset ? ` from offset ${page.offset}` : ""
      }, newest first; times in ${page.timezone}.`,
    );
  }
  for (const issue of page.issues) {
    const status = issue.status ? ` [${issue.status}]` : "";
    lines.push(`${issue.key} ${issue.summary}${status} (${issue.why.join(", ")})`);
    for (const e of issue.entries) lines.push(entryLine(e, page.timezone));
    if (issue.entries.length === 0) lines.push("  updated; no comment or field change visible");
    if (issue.omitted) lines.push(`  … ${issue.omitted} older change(s) not shown`);
  }
  if (page.next_offset !== null) lines.push(`More issues: offset=${page.next_offset}.`);
  lines.push(...sourceLines(page));
  return lines.join("\n");
}
