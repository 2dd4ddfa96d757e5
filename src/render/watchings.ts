/**
 * Watched issues (get_watched_issues) and the answer of set_watching.
 *
 * @module
 */

import { z } from "zod";
import type { Watching } from "../backlog/types.ts";
import { safeLine } from "./sanitize.ts";
import { NONE, oneLine } from "./text.ts";
import { calendarDate } from "../shared/dates.ts";
import { formatTimestamp } from "./time.ts";

const SUMMARY_MAX = 100;

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
    summary: oneLine(safeLine(issue.summary), SUMMARY_MAX),
    status: issue.status ? safeLine(issue.status.name) : null,
    assignee: issue.assignee ? safeLine(issue.assignee.name) : null,
    due_date: calendarDate(issue.dueDate),
    updated: formatTimestamp(issue.updated ?? w.lastContentUpdated, tz)?.iso ?? null,
    unread: isUnread(w),
    note: oneLine(safeLine(w.note ?? ""), SUMMARY_MAX),
    watching_id: w.id,
  };
}

/** Everything the list text shows. */
export interface WatchedPage {
  total: number;
  unread_total: number;
  offset: number;
  issues: WatchedView[];
  next_offset: number | null;
  timezone: string;
  notes: string[];
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
