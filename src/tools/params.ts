/**
 * Parameter schemas shared by several tools, each with an error message that
 * names the parameter and says what is allowed (the SDK turns zod failures
 * into `isError` results).
 *
 * @module
 */

import { z } from "zod";
import { isCalendarDate, isValidTimeZone } from "../render/time.ts";

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
    "IANA timezone for timestamps, e.g. Asia/Tokyo. Defaults to the server's BACKLOG_TIMEZONE. Start/due dates are calendar dates and never shift.",
  );

/** An optional `YYYY-MM-DD` date filter named `name`. */
export function dateParam(name: string, meaning: string) {
  return z
    .string({ error: `${name} must be a date string YYYY-MM-DD` })
    .trim()
    .refine(isCalendarDate, {
      error: (issue) =>
        `${name} must be a real calendar date YYYY-MM-DD such as 2026-11-30, got "${
          String(issue.input).slice(0, 40)
        }"`,
    })
    .optional()
    .describe(`${meaning} (YYYY-MM-DD, inclusive).`);
}

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
