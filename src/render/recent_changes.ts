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
