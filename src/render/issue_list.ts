/**
 * Issue lists: one compact line per issue under a header that states the
 * filters and the counts ("showing 1–100 of 243"); the structured form holds
 * the same rows as arrays under `columns`, so its JSON is about as long as
 * the text.
 *
 * @module
 */

import { z } from "zod";
import type { Issue } from "../backlog/types.ts";
import { customFieldValueOf } from "./custom_fields.ts";
import { safeLine } from "./sanitize.ts";
import { cutNote } from "./fit.ts";
import { NONE, oneLine, safeName, summaryLine, VALUE_LINE_MAX } from "./text.ts";
import { calendarDate } from "../shared/dates.ts";
import { formatTimestamp, isoMinute } from "./time.ts";

/** A filter or note longer than this is cut (it may hold names Backlog users chose). */
const NOTE_MAX = 500;

/** The note for filters Backlog did not apply (`unapplied`: what each asked, as Backlog was asked). */
export function unappliedNote(unapplied: readonly string[]): string {
  return `Backlog did not apply every filter: ${
    unapplied.join("; ")
  }. The issues are shown as Backlog sent them.`;
}

/** The note for issues Backlog listed outside BACKLOG_PROJECTS, which are left out. */
export const OUTSIDE_SCOPE_NOTE =
  "Backlog answered with issues outside BACKLOG_PROJECTS; they are left out, so the counts may include them.";

/** The columns of a row, in order (custom columns follow, when a list has them). */
export const ISSUE_COLUMNS = [
  "key",
  "summary",
  "status",
  "priority",
  "assignee",
  "due_date",
  "updated",
] as const;

/** One list row: the standard columns, and the values of its custom columns in order. */
export type IssueRow = Record<typeof ISSUE_COLUMNS[number], string> & { custom: string[] };

const cell = z.string();

/** Structured form of get_user_issue_list's answer. */
export const issueListSchema = z.object({
  total: z.number().int().optional()
    .describe("issues matching the filters; absent when not counted (limit 0 counts)"),
  offset: z.number().int(),
  next_offset: z.number().int().optional()
    .describe("offset of the next page; absent when no more match"),
  timezone: z.string(),
  filters: z.array(z.string()),
  notes: z.array(z.string()).describe("choices the server made, e.g. how relative dates resolved"),
  columns: z.array(z.string()).describe("key … updated, then custom fields filtered or sorted by"),
  // Arrays of strings rather than open tuples, which strict validators refuse.
  issues: z.array(z.array(cell).min(ISSUE_COLUMNS.length))
    .describe('one array per issue, values in the order of columns, "" when empty'),
});

/** Structured form of get_user_issue_list's answer. */
export type IssueList = z.infer<typeof issueListSchema>;

/**
 * Filters and notes made safe, one line each: they name statuses, people and
 * milestones, which are third-party text.
 */
export function safeLines(lines: readonly string[]): string[] {
  return lines.map(safeLine);
}

/** A custom field shown as a list column (one filtered or sorted by). */
export interface CustomColumn {
  id: number;
  name: string;
}

/** Maps an API issue to a list row (summary and names cut to one short line). */
export function issueRow(
  issue: Issue,
  tz: string,
  columns: readonly CustomColumn[] = [],
): IssueRow {
  const name = (value: string | undefined) => value ? safeName(value) : "";
  return {
    key: issue.issueKey,
    summary: summaryLine(issue.summary), // get_issue_details shows it whole
    status: name(issue.status?.name),
    priority: name(issue.priority?.name),
    assignee: name(issue.assignee?.name),
    due_date: calendarDate(issue.dueDate) ?? "",
    updated: isoMinute(issue.updated, tz) ?? "",
    custom: columns.map((c) =>
      oneLine(customFieldValueOf(issue.customFields, c.id) ?? "", VALUE_LINE_MAX)
    ),
  };
}

/** Everything the list needs besides the rows. */
export interface ListPage {
  /** Human descriptions of the filters, e.g. `assignee: Taro Yamada (me)`. */
  filters: string[];
  /** Null when not counted. */
  total: number | null;
  /** Whether more match after the rows fetched; undefined when unknown. */
  more?: boolean;
  /** limit 0: only the count was asked for. */
  countOnly?: boolean;
  offset: number;
  /** The rows to show (from `offset`). */
  rows: IssueRow[];
  /**
   * How many of Backlog's issues the rows come from, rows left out (outside
   * BACKLOG_PROJECTS) included, and each row's place among them: paging
   * counts Backlog's issues. Default: every issue is a row.
   */
  fetched?: number;
  positions?: readonly number[];
  /** How many of `rows` are shown (fewer when the rest would not fit in one answer). */
  shown: number;
  timezone: string;
  /** Notes the reader should know (choices the server made). */
  notes: string[];
  /** Custom fields shown as extra columns. */
  columns?: readonly CustomColumn[];
}

/** The answer showing the first `page.shown` rows: text and structured form. */
export function renderIssueList(page: ListPage): { text: string; structured: IssueList } {
  const { total, offset, timezone } = page;
  const custom = (page.columns ?? []).map((c) => safeName(c.name));
  const rows = page.rows.slice(0, page.shown);
  const cut = rows.length < page.rows.length;
  // The offset after the shown rows: past every issue fetched, or up to the first row cut.
  const end = offset +
    (cut ? (page.positions?.[rows.length] ?? rows.length) : (page.fetched ?? rows.length));
  // More follow when rows were cut to fit, or (as counted or as Backlog's paging says) beyond.
  const more = cut || (total !== null ? end < total : page.more !== false);
  const next = more && end > offset ? end : undefined;
  const filters = page.filters.map((f) => oneLine(safeLine(f), NOTE_MAX));
  const notes = page.notes.map((n) => oneLine(safeLine(n), NOTE_MAX));
  if (cut) {
    notes.push(
      cutNote({
        shown: rows.length,
        of: page.rows.length,
        what: "issues asked for",
        how: `call again with offset=${end}`,
      }),
    );
  }
  const lines = [`Filters: ${filters.join("; ") || "none"}`];
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
    const nextPage = next !== undefined ? `next page: offset=${next}` : "";
    lines.push(
      total !== null
        ? `Showing ${offset + 1}–${end} of ${total} issues${nextPage ? ` — ${nextPage}` : ""}.`
        : `Showing ${offset + 1}–${end}; more ${
          cut || page.more ? "match" : "may match"
        } — ${nextPage} (${count}).`,
    );
    const extra = custom.map((name) => ` | ${name}`).join("");
    lines.push(
      `Columns: key | summary | status | priority | assignee | due | updated (${timezone})${extra}`,
    );
    for (const row of rows) lines.push(rowLine(row, timezone));
  }
  for (const note of notes) lines.push(`Note: ${note}`);
  return {
    text: lines.join("\n"),
    structured: {
      ...(total !== null ? { total } : {}),
      offset,
      ...(next !== undefined ? { next_offset: next } : {}),
      timezone,
      filters,
      notes,
      columns: [...ISSUE_COLUMNS, ...custom],
      issues: rows.map((row) => [...ISSUE_COLUMNS.map((c) => row[c]), ...row.custom]),
    },
  };
}

function rowLine(row: IssueRow, tz: string): string {
  const updated = row.updated ? formatTimestamp(row.updated, tz)!.text : NONE;
  return [
    row.key,
    row.summary,
    row.status || NONE,
    row.priority || NONE,
    row.assignee || "unassigned",
    row.due_date || NONE,
    updated,
    ...row.custom.map((value) => value || NONE),
  ].join(" | ");
}
