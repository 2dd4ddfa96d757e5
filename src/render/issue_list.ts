/**
 * Issue lists: one compact line per issue under a header that states the
 * filters and the counts ("showing 1–100 of 243"), plus the structured form.
 *
 * @module
 */

import { z } from "zod";
import type { Issue } from "../backlog/types.ts";
import { safeLine } from "./sanitize.ts";
import { customFieldValueOf } from "./custom_fields.ts";
import { NONE, oneLine } from "./text.ts";
import { calendarDate } from "../shared/dates.ts";
import { formatTimestamp } from "./time.ts";

/** Summaries longer than this are cut in list lines. */
const SUMMARY_MAX = 100;

/** Structured form of one list row. */
export const issueRowSchema = z.object({
  key: z.string(),
  summary: z.string(),
  status: z.string().nullable(),
  priority: z.string().nullable(),
  assignee: z.string().nullable(),
  start_date: z.string().nullable(),
  due_date: z.string().nullable().describe("calendar date YYYY-MM-DD"),
  updated: z.string().nullable().describe("ISO timestamp in the requested timezone"),
  custom_fields: z.record(z.string(), z.string().nullable()).optional()
    .describe("values of the custom fields filtered or sorted by"),
});

/** Structured form of one list row. */
export type IssueRow = z.infer<typeof issueRowSchema>;

/** A custom field shown as a list column (one filtered or sorted by). */
export interface CustomColumn {
  id: number;
  name: string;
}

/** Maps an API issue to a list row, with the values of `columns`. */
export function issueRow(
  issue: Issue,
  tz: string,
  columns: readonly CustomColumn[] = [],
): IssueRow {
  const custom = columns.length
    ? {
      custom_fields: Object.fromEntries(
        columns.map((c) => [safeLine(c.name), customFieldValueOf(issue.customFields, c.id)]),
      ),
    }
    : {};
  return {
    key: issue.issueKey,
    summary: safeLine(issue.summary ?? ""),
    status: issue.status?.name == null ? null : safeLine(issue.status.name),
    priority: issue.priority?.name == null ? null : safeLine(issue.priority.name),
    assignee: issue.assignee?.name == null ? null : safeLine(issue.assignee.name),
    start_date: calendarDate(issue.startDate),
    due_date: calendarDate(issue.dueDate),
    updated: formatTimestamp(issue.updated, tz)?.iso ?? null,
    ...custom,
  };
}

/** Everything the list text needs besides the rows. */
export interface ListPage {
  /** Human descriptions of the filters, e.g. `assignee: Taro Yamada (me)`; see {@linkcode safeLines}. */
  filters: string[];
  /** Null when not counted. */
  total: number | null;
  /** Whether more match after these rows; undefined when unknown. */
  more?: boolean;
  /** limit 0: only the count was asked for. */
  countOnly?: boolean;
  offset: number;
  rows: IssueRow[];
  /** How many of Backlog's issues the page covers, rows left out included (default: the rows). */
  fetched?: number;
  timezone: string;
  /** Notes the reader should know (choices the server made). */
  notes: string[];
  /** Custom fields shown as extra columns. */
  columns?: readonly CustomColumn[];
}

/**
 * Filters and notes made safe, one line each: they name statuses, people and
 * milestones, which are third-party text. The list tool shows these both in
 * its text and in its structured answer.
 */
export function safeLines(lines: readonly string[]): string[] {
  return lines.map(safeLine);
}

/** Renders the header and one line per issue. */
export function renderIssueListText(page: ListPage): string {
  const { rows, total, offset } = page;
  const lines = [`Filters: ${safeLines(page.filters).join("; ") || "none"}`];
  const count = "limit: 0 counts them";
  if (page.countOnly) {
    lines.push(
      `${total} issue${total === 1 ? "" : "s"} match these filters (limit 0: none listed).`,
    );
  } else if (rows.length === 0) {
    lines.push(
      total === 0
        ? "No issues match these filters."
        : total === null
        ? `No issues at offset ${offset} (${count}).`
        : `No issues at offset ${offset}: ${total} match in all (use an offset below ${total}).`,
    );
  } else {
    const last = offset + (page.fetched ?? rows.length);
    const next = `next page: offset=${last}`;
    lines.push(
      total !== null
        ? `Showing ${offset + 1}–${last} of ${total} issues${last < total ? ` — ${next}` : ""}.`
        : `Showing ${offset + 1}–${last}; more ${
          page.more ? "match" : "may match"
        } — ${next} (${count}).`,
    );
    const extra = (page.columns ?? []).map((c) => ` | ${safeLine(c.name)}`).join("");
    lines.push(
      `Columns: key | summary | status | priority | assignee | due | updated (${page.timezone})${extra}`,
    );
    for (const row of rows) lines.push(rowLine(row, page.timezone, page.columns ?? []));
  }
  for (const note of safeLines(page.notes)) lines.push(`Note: ${note}`);
  return lines.join("\n");
}

function rowLine(row: IssueRow, tz: string, columns: readonly CustomColumn[]): string {
  const updated = row.updated ? formatTimestamp(row.updated, tz)!.text : NONE;
  const custom = columns.map((c) => oneLine(row.custom_fields?.[c.name] ?? NONE, 60));
  return [
    row.key,
    oneLine(row.summary, SUMMARY_MAX),
    row.status ?? NONE,
    row.priority ?? NONE,
    row.assignee ?? "unassigned",
    row.due_date ?? NONE,
    updated,
    ...custom,
  ].join(" | ");
}
