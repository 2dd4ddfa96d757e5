/**
 * Watched issues (get_watched_issues) and the answer of set_watching.
 *
 * @module
 */

import { z } from "zod";
import type { Watching } from "../backlog/types.ts";
import { safeLine } from "./sanitize.ts";
import { NONE, oneLine, SUMMARY_LINE_MAX, summaryLine } from "./text.ts";
import { calendarDate } from "../shared/dates.ts";
import { formatTimestamp } from "./time.ts";

/** Structured form of one watched issue. */
export const watchedSchema = z.object({
  key: z.string(),
  summary: z.string(),
  status: z.string().nullable(),
  assignee: z.string().nullable(),
  due_date: z.string().nullable(),
  updated: z.string().nullable().describe("ISO, in the timezone"),
  unread: z.boolean(),
  note: z.string(),
  watching_id: z.number(),
});

/** Structured form of one watched issue. */
export type WatchedView = z.infer<typeof watchedSchema>;

/** Whether a watching has updates I have not read (either key, backlog-api.md §12.6). */
export function isUnread(w: Watching): boolean {
  return (w.resourceAlreadyRead ?? w.alreadyRead) === false;
}

/** Maps a watching (with its issue) to a row. */
export function watchedView(w: Watching, tz: string): WatchedView {
  const issue = w.issue!;
  return {
    key: issue.issueKey,
    summary: summaryLine(issue.summary),
    status: issue.status ? safeLine(issue.status.name) : null,
    assignee: issue.assignee ? safeLine(issue.assignee.name) : null,
    due_date: calendarDate(issue.dueDate),
    updated: formatTimestamp(issue.updated ?? w.lastContentUpdated, tz)?.iso ?? null,
    unread: isUnread(w),
    note: oneLine(safeLine(w.note ?? ""), SUMMARY_LINE_MAX), // as long as a summary
    watching_id: w.id,
  };
}

/** Structured form of get_watched_issues' answer: everything its text shows. */
export const watchedPageSchema = z.object({
  total: z.number(),
  unread_total: z.number(),
  offset: z.number(),
  issues: z.array(watchedSchema),
  next_offset: z.number().nullable(),
  timezone: z.string(),
  notes: z.array(z.string()),
});

/** Structured form of get_watched_issues' answer. */
export type WatchedPage = z.infer<typeof watchedPageSchema>;

/** What the notes under the watched issues say. */
export interface WatchedFacts {
  /** Only the `readMax` most recently updated watchings were read. */
  capped: boolean;
  readMax: number;
  /** BACKLOG_PROJECTS narrows what is shown. */
  restricted: boolean;
}

/** The notes under the watched issues. */
export function watchedNotes(facts: WatchedFacts): string[] {
  const notes: string[] = [];
  if (facts.capped) {
    notes.push(`only the ${facts.readMax} most recently updated watched issues were read.`);
  }
  if (facts.restricted) notes.push("only issues in BACKLOG_PROJECTS are shown.");
  return notes;
}

/** Renders the watched issues, one line each, unread first. */
export function renderWatchedText(page: WatchedPage): string {
  const head = `Watching ${page.total} issue(s), ${page.unread_total} with unread updates`;
  const lines: string[] = [];
  if (page.issues.length === 0) {
    lines.push(`${head}; none to show${page.offset ? ` at offset ${page.offset}` : ""}.`);
  } else {
    lines.push(
      `${head}; showing ${page.offset + 1}–${
        page.offset + page.issues.length
      }, unread first, then by last update (times in ${page.timezone}).`,
    );
    lines.push("Columns: key summary | status | assignee | due | updated | read | note");
    for (const w of page.issues) {
      const updated = w.updated ? formatTimestamp(w.updated, page.timezone)!.text : NONE;
      lines.push(
        [
          `${w.key} ${w.summary}`,
          w.status ?? NONE,
          w.assignee ?? "unassigned",
          w.due_date ?? NONE,
          updated,
          w.unread ? "unread" : "read",
          w.note ? `"${w.note}"` : NONE,
        ].join(" | "),
      );
    }
  }
  if (page.next_offset !== null) lines.push(`More: offset=${page.next_offset}.`);
  for (const note of page.notes) lines.push(`Note: ${note}`);
  return lines.join("\n");
}

/** Structured form of set_watching's answer. */
export const watchingSetSchema = z.object({
  issue_key: z.string(),
  watching: z.boolean(),
  changed: z.boolean(),
  note: z.string().nullable(),
});

/** Structured form of set_watching's answer. */
export type WatchingSet = z.infer<typeof watchingSetSchema>;

/** The answer of set_watching; the note is third-party text (another session may have written it): one safe line. */
export function watchingSetView(w: WatchingSet): WatchingSet {
  return { ...w, note: w.note ? safeLine(w.note) : w.note };
}

/** Renders set_watching's answer; `noteUpdated`: the watching stayed and only its note changed. */
export function renderWatchingSetText(w: WatchingSet, how: { noteUpdated?: boolean } = {}): string {
  const noteUpdated = how.noteUpdated ?? false;
  const key = w.issue_key;
  const text = w.watching
    ? !w.changed
      ? `Already watching ${key}; nothing changed.`
      : noteUpdated
      ? `Already watching ${key}; its note is updated.`
      : `Now watching ${key}.`
    : w.changed
    ? `Stopped watching ${key}.`
    : `Was not watching ${key}; nothing changed.`;
  return w.note ? `${text} Note: "${w.note}".` : text;
}
