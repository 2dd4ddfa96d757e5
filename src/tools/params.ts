/**
 * Parameter schemas shared by several tools, each with an error message that
 * names the parameter and says what is allowed (the SDK turns zod failures
 * into `isError` results).
 *
 * @module
 */

import { z } from "zod";
import {
  isCalendarDate,
  isRelativeDateWord,
  isValidTimeZone,
  RELATIVE_DATE_WORDS,
  type RelativeDateWord,
} from "../shared/dates.ts";

/**
 * A tool's input object. Unknown parameters are refused (a misspelt filter
 * silently ignored would widen the answer) with a message listing the allowed ones.
 */
export function toolInput<S extends z.ZodRawShape>(shape: S) {
  const allowed = Object.keys(shape).join(", ");
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `unknown parameter ${issue.keys.map((k) => `"${k}"`).join(", ")}; allowed: ${allowed}`
        : undefined,
  });
}

/** `PROJ-123`: project key, hyphen, number. */
export const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-[1-9][0-9]*$/;

/**
 * An issue key. Trimmed and upper-cased; a pasted issue URL
 * (`https://space.backlog.com/view/PROJ-123#comment-1`) is reduced to its key.
 */
export const issueKeyParam = z
  .string({ error: "issue_key is required: an issue key such as PROJ-123" })
  .max(200, { error: "issue_key is too long: pass an issue key such as PROJ-123" })
  .transform((raw) => {
    const text = raw.trim();
    const fromUrl = /\/view\/([A-Za-z][A-Za-z0-9_]*-\d+)/.exec(text)?.[1];
    return (fromUrl ?? text).toUpperCase();
  })
  .refine((key) => ISSUE_KEY.test(key), {
    error: (issue) =>
      `issue_key must look like PROJ-123 (project key, hyphen, issue number), got "${
        String(issue.input).slice(0, 40)
      }"`,
  })
  .describe("Issue key such as PROJ-123 (a pasted issue URL also works).");

/** An optional IANA timezone name. */
export const timezoneParam = z
  .string({ error: "timezone must be a string: an IANA timezone name such as Asia/Tokyo" })
  .trim()
  .refine(isValidTimeZone, {
    error: (issue) =>
      `timezone must be an IANA timezone name such as Asia/Tokyo, Europe/Berlin, America/New_York or UTC, got "${
        String(issue.input).slice(0, 40)
      }"`,
  })
  .optional()
  .describe(
    "IANA timezone for timestamps, e.g. Asia/Tokyo. Default: BACKLOG_TIMEZONE, else the space's timezone. Start/due dates are calendar dates and never shift.",
  );

/** An optional list of positive numeric ids named `name`. */
export function idListParam(name: string, meaning: string) {
  return z
    .array(
      z.number({ error: `${name} must contain numeric ids (e.g. [12345])` })
        .int({ error: `${name} must contain whole-number ids` })
        .positive({ error: `${name} must contain positive ids` })
        .max(Number.MAX_SAFE_INTEGER, { error: `${name} has an id that is too large` }),
      { error: `${name} must be an array of numeric ids, e.g. [12345]` },
    )
    .max(100, { error: `${name} accepts at most 100 ids` })
    .optional()
    .describe(meaning);
}

/** Options of the reference parameters. */
export interface RefOptions {
  /** Also accept id 0 (resolution "Fixed" is 0). */
  zero?: boolean;
}

/** One reference: a numeric id (positive, or ≥ 0 with `zero`), or a name/key (resolved by the handler). */
function refItem(name: string, example: string, options: RefOptions = {}) {
  const error = `${name} must hold ids or names, e.g. ${example}`;
  return z.union([
    z.number({ error }).int({ error }).min(options.zero ? 0 : 1, { error })
      .max(Number.MAX_SAFE_INTEGER, { error }),
    z.string({ error }).trim().min(1, { error: `${name} must not hold empty names` })
      .max(200, { error: `${name} holds a name longer than 200 characters` }),
  ], { error });
}

/** An optional list of ids or names named `name` (e.g. `[12345, "PROJ"]`). */
export function refListParam(
  name: string,
  meaning: string,
  example: string,
  options: RefOptions = {},
) {
  return z.array(refItem(name, example, options), {
    error: `${name} must be an array of ids or names, e.g. ${example}`,
  })
    .max(100, { error: `${name} accepts at most 100 entries` })
    .optional()
    .describe(meaning);
}

/** One id or name named `name`. */
export function refParam(name: string, meaning: string, example: string, options: RefOptions = {}) {
  return refItem(name, example, options).describe(meaning);
}

/** What a date filter holds once parsed: a calendar date or a relative word. */
export type DateFilter = { date: string } | { word: RelativeDateWord };

const WORDS_TEXT = RELATIVE_DATE_WORDS.filter((w) => w !== "overdue").join(", ");

/**
 * An optional date filter: `YYYY-MM-DD`, or a relative word resolved by the
 * handler in the requested timezone. `overdue` is accepted only where
 * `allowOverdue` (the due-date upper bound).
 */
export function dateFilterParam(name: string, meaning: string, allowOverdue = false) {
  const words = allowOverdue ? `${WORDS_TEXT}, overdue` : WORDS_TEXT;
  return z
    .string({ error: `${name} must be a date YYYY-MM-DD or one of: ${words}` })
    .trim()
    .transform((raw, ctx): DateFilter => {
      if (isCalendarDate(raw)) return { date: raw };
      const word = raw.toLowerCase().replace(/[\s-]+/g, "_");
      if (isRelativeDateWord(word) && (word !== "overdue" || allowOverdue)) return { word };
      const hint = word === "overdue"
        ? ' ("overdue" belongs in due_date_until)'
        : /^\d{4}-\d{2}-\d{2}$/.test(raw)
        ? " (that day does not exist)"
        : "";
      ctx.addIssue({
        code: "custom",
        message:
          `${name} must be a real calendar date YYYY-MM-DD such as 2026-11-30 or one of: ${words}; got "${
            raw.slice(0, 40)
          }"${hint}`,
      });
      return z.NEVER;
    })
    .optional()
    .describe(
      `${meaning}: YYYY-MM-DD (inclusive) or one of ${words} — resolved in \`timezone\`; weeks run Monday–Sunday, a range word counts from its first day in *_since and to its last day in *_until.`,
    );
}

/** Single-day words a date field of a write accepts. */
export const DAY_WORDS = ["today", "tomorrow", "yesterday"] as const;

/** A date to set on an issue: `YYYY-MM-DD`, today/tomorrow/yesterday, or null to clear. */
export function setDateParam(name: string, meaning: string) {
  return z
    .string({ error: `${name} must be a date YYYY-MM-DD, today, tomorrow or null` })
    .trim()
    .transform((raw, ctx): DateFilter => {
      if (isCalendarDate(raw)) return { date: raw };
      const word = raw.toLowerCase();
      if ((DAY_WORDS as readonly string[]).includes(word)) {
        return { word: word as RelativeDateWord };
      }
      ctx.addIssue({
        code: "custom",
        message:
          `${name} must be a real calendar date YYYY-MM-DD, today, tomorrow or yesterday (null clears it), got "${
            raw.slice(0, 40)
          }"`,
      });
      return z.NEVER;
    })
    .nullable()
    .optional()
    .describe(
      `${meaning}: YYYY-MM-DD, today, tomorrow or yesterday (in \`timezone\`); null clears it.`,
    );
}

/** A write's optional free text named `name`, at most `max` characters. */
export function textParam(name: string, meaning: string, max: number) {
  return z.string({ error: `${name} must be a string` })
    .max(max, { error: `${name} must be at most ${max} characters` })
    .optional()
    .describe(meaning);
}
