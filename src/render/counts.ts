/**
 * Issue counts by group (count_issues): one line per group with issues, the
 * empty groups named on one line, the filters and how the counts were made.
 *
 * @module
 */

import { z } from "zod";
import { safeLine } from "./sanitize.ts";
import { listNames } from "./text.ts";

/** Structured form of one group's count. */
export const countRowSchema = z.object({ group: z.string(), count: z.number() });

/** Structured form of one group's count. */
export type CountRow = z.infer<typeof countRowSchema>;

/** Structured form of count_issues' answer: everything the counts text shows. */
export const countsSchema = z.object({
  group_by: z.string(),
  total: z.number(),
  groups: z.array(countRowSchema),
  filters: z.array(z.string()),
  method: z.string(),
  notes: z.array(z.string()),
});

/** Structured form of count_issues' answer. */
export type Counts = z.infer<typeof countsSchema>;

/** How the counts were made. */
export type CountMethod =
  | { by: "none" }
  | { by: "count"; groups: number }
  | { by: "list"; pages: number; groups: number; countMax: number };

/** {@linkcode CountMethod} in words, as `Counted ….` ends. */
export function countMethodText(m: CountMethod): string {
  switch (m.by) {
    case "none":
      return "without requests";
    case "count":
      return `with ${m.groups + 1} request(s) to GET /issues/count (one per group and the total)`;
    case "list":
      return `from ${m.pages} page(s) of GET /issues (${m.groups} groups are more than ${m.countMax} counts)`;
  }
}

/** Notes on what a count by milestone cannot show. */
export const MILESTONE_NOTES = {
  /** Counted per milestone with GET /issues/count. */
  perMilestone:
    "issues without a milestone cannot be counted this way, and an issue in two milestones counts in both.",
  /** Archived milestones are left out unless named. */
  archived: "archived milestones are not counted; name one in milestone_ids to count it.",
} as const;

/** The groups of issues no named group holds, by what issues are grouped by. */
export const REST_LABELS = { assignee: "unassigned", milestone: "no milestone" } as const;

/** The labels of the due buckets, from the dates that bound them (this week ends on `sunday`). */
export function dueLabels(d: { today: string; tomorrow: string; sunday: string; monday: string }) {
  return {
    overdue: `overdue (due before ${d.today})`,
    today: `today (${d.today})`,
    restOfWeek: d.tomorrow <= d.sunday
      ? `rest of this week (${d.tomorrow} – ${d.sunday})`
      : "rest of this week (none: today is Sunday)",
    later: `later (from ${d.monday})`,
    none: "no due date",
  };
}

/** A group label from Backlog names (user-written: statuses, milestones, people). */
export function groupLabel(name: string): string {
  return safeLine(name);
}

/** Renders the counts. */
export function renderCountsText(c: Counts): string {
  const lines = [`Issues by ${c.group_by}: ${c.total} in all.`];
  const width = Math.max(0, ...c.groups.map((g) => String(g.count).length));
  for (const g of c.groups.filter((g) => g.count > 0)) {
    lines.push(`  ${String(g.count).padStart(width)}  ${safeLine(g.group)}`);
  }
  const empty = c.groups.filter((g) => g.count === 0).map((g) => g.group);
  if (empty.length) lines.push(`  none: ${listNames(empty)}`);
  // Filters and notes name statuses, people and milestones: third-party text.
  lines.push(`Filters: ${c.filters.map(safeLine).join("; ")}`);
  lines.push(`Counted ${c.method}.`);
  for (const note of c.notes) lines.push(`Note: ${safeLine(note)}`);
  return lines.join("\n");
}
