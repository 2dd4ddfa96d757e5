/**
 * Change logs of comments, summarised in one line:
 * `status: Open → In Progress; assignee: — → Hanako Suzuki`.
 *
 * @module
 */

import type { ChangeLogEntry } from "../backlog/types.ts";
import { safeLine, safeText } from "./sanitize.ts";
import { NONE, oneLine, VALUE_LINE_MAX } from "./text.ts";

/** A change in plain names. */
export interface Change {
  field: string;
  from: string | null;
  to: string | null;
}

/** Backlog's internal field names → what a person calls them. */
const FIELD_NAMES: Record<string, string> = {
  assigner: "assignee",
  limitDate: "due date",
  startDate: "start date",
  component: "category",
  version: "affected version",
  issueType: "issue type",
  parentIssue: "parent issue",
  estimatedHours: "estimated hours",
  actualHours: "actual hours",
};

/**
 * Normalises a change log (null-safe) into {@linkcode Change}s, made safe to
 * read: a custom field's name and every value are third-party text; only a
 * description keeps its line breaks.
 */
export function toChanges(log: readonly ChangeLogEntry[] | null | undefined): Change[] {
  return (log ?? []).map((entry) => {
    if (entry.field === "attachment") {
      const raw = entry.attachmentInfo?.name ?? entry.newValue ?? entry.originalValue ?? null;
      const name = raw === null ? null : safeLine(raw);
      return {
        field: "attachment",
        from: entry.originalValue ? name : null,
        to: entry.newValue ? name : null,
      };
    }
    const safe = entry.field === "description" ? safeText : safeLine;
    const value = (v: string | null | undefined) => v == null ? null : safe(String(v));
    return {
      field: FIELD_NAMES[entry.field] ?? safeLine(String(entry.field ?? "")),
      from: value(entry.originalValue),
      to: value(entry.newValue),
    };
  });
}

/** `status: Open → In Progress; description: changed`. */
export function summarizeChanges(changes: readonly Change[]): string {
  return changes.map((c) => {
    if (c.field === "description") return "description: changed";
    if (c.field === "attachment") return c.to ? `attached ${c.to}` : `removed ${c.from ?? "file"}`;
    if (c.field === "notification") return `notified ${c.to ?? NONE}`;
    // Long values are cut: the line is a summary, not the diff.
    const show = (v: string | null) => v ? oneLine(v, VALUE_LINE_MAX) : NONE;
    return `${c.field}: ${show(c.from)} → ${show(c.to)}`;
  }).join("; ");
}
