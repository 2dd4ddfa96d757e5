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
