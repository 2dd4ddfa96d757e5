/**
 * Small text helpers shared by the renderers: truncation that says what was
 * cut, names made safe, byte sizes, "—" for missing values, and the fields a
 * structured view leaves out.
 *
 * @module
 */

import { safeLine } from "./sanitize.ts";

/** Placeholder for an absent value in text output. */
export const NONE = "—";

/** Names (people, statuses, milestones, files …) longer than this are cut. */
export const NAME_MAX = 100;

/** A summary on one line (list rows, headers, references to an issue) is cut to this. */
export const SUMMARY_LINE_MAX = 100;

/** A field value on one line (in a change summary, a list cell) is cut to this. */
export const VALUE_LINE_MAX = 60;

/** A truncated text and how much was cut. */
export interface Clipped {
  text: string;
  /** Characters removed (0 when nothing was cut). */
  omitted: number;
}

/**
 * Cuts `text` to at most `max` characters, at a line or word boundary when one
 * is near, and reports how many characters were removed.
 */
export function clipText(text: string, max: number): Clipped {
  const chars = [...text]; // code points, so Japanese text and emoji are not split
  if (chars.length <= max) return { text, omitted: 0 };
  let head = chars.slice(0, max).join("");
  const cut = Math.max(head.lastIndexOf("\n"), head.lastIndexOf(" "));
  if (cut > max * 0.8) head = head.slice(0, cut);
  return { text: head.trimEnd(), omitted: chars.length - [...head.trimEnd()].length };
}

/** One-line form of a text: whitespace runs folded, cut to `max` with "…". */
export function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const chars = [...flat];
  return chars.length <= max ? flat : chars.slice(0, max - 1).join("") + "…";
}

/** `48213` → `47.1 KB`. */
export function formatBytes(size: number): string {
  if (!Number.isFinite(size) || size < 1024) return `${size} B`;
  const units = ["KB", "MB", "GB"];
  let value = size / 1024;
  let unit = 0;
  // Compare the rounded value, so 1048575 B reads "1.0 MB", not "1024.0 KB".
  while (Number(value.toFixed(1)) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** How many names a list shows before "… and N more". */
export const LIST_MAX = 25;

/**
 * `Open, In Progress, Closed` or `A, B, … and 12 more`; duplicates removed;
 * "none" when empty. Names are third-party text, so each is made safe and one line.
 */
export function listNames(names: readonly string[], max = LIST_MAX): string {
  const unique = [...new Set(names.map(safeLine))];
  if (unique.length === 0) return "none";
  if (unique.length <= max) return unique.join(", ");
  return `${unique.slice(0, max).join(", ")} … and ${unique.length - max} more`;
}

/** A name written by a Backlog user (person, status, file …): one safe line, cut to {@linkcode NAME_MAX}. */
export const safeName = (value: string): string => oneLine(safeLine(value), NAME_MAX);

/** An issue's summary (third-party text) as one safe line, cut to {@linkcode SUMMARY_LINE_MAX}. */
export const summaryLine = (summary: string | null | undefined): string =>
  oneLine(safeLine(summary ?? ""), SUMMARY_LINE_MAX);

/** Only the keys whose value is set: absent fields are left out of the JSON. */
export function present<T extends Record<string, unknown>>(
  fields: T,
): { [K in keyof T]?: Exclude<T[K], null> } {
  return Object.fromEntries(
    Object.entries(fields).filter(([, v]) =>
      v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0)
    ),
  ) as { [K in keyof T]?: Exclude<T[K], null> };
}
