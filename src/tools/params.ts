/**
 * Parameter schemas shared by several tools, each with an error message that
 * names the parameter and says what is allowed (registration turns zod
 * failures into `isError` results). What tools/list shows of them is kept
 * short (src/tools/json_schema.ts): each model reads it in every session, so
 * a rule shared by many parameters (date words, the timezone, how to clear a
 * field) is said once, in the tool description or the server instructions.
 *
 * "Clear this field" is `""` (`[]` for lists, `-1` for hours): function-calling
 * APIs handle nullable types poorly, so `null` is accepted but not advertised.
 *
 * @module
 */

import { z } from "zod";
import { issueKeyInUrl } from "../backlog/issue_keys.ts";
import { advertise, isHidden } from "./json_schema.ts";
import {
  isCalendarDate,
  isRelativeDateWord,
  isValidTimeZone,
  RELATIVE_DATE_WORDS,
  type RelativeDateWord,
} from "../shared/dates.ts";

/** Rows a list tool shows per call at most, where the tool sets no bound of its own. */
export const LIMIT_MAX = 100;
/** Rows a list tool shows when the call does not say. */
export const LIMIT_DEFAULT = 20;
/** Entries a list parameter (ids, names) takes at most. */
export const LIST_PARAM_MAX = 100;
/** Characters of a name, key, issue key or keyword passed as a parameter at most. */
export const NAME_PARAM_MAX = 200;
/** Longest free text a write accepts (a comment, a description): Backlog's own limit is not documented. */
export const TEXT_MAX = 100_000;
/** Longest summary Backlog takes [UNCONFIRMED: 255 is the common limit]. */
export const SUMMARY_MAX = 255;
/** Characters of a refused value quoted back in its error at most. */
const ECHO_MAX = 40;

/** A refused value as its error quotes it: its first {@linkcode ECHO_MAX} characters. */
export function echo(value: unknown): string {
  return String(value).slice(0, ECHO_MAX);
}

/**
 * A tool's input object. Unknown parameters are refused (a misspelt filter
 * silently ignored would widen the answer) with a message listing the allowed ones.
 */
export function toolInput<S extends z.ZodRawShape>(shape: S) {
  const names = Object.keys(shape).filter((name) => !isHidden(shape[name]));
  const allowed = names.length ? `allowed: ${names.join(", ")}` : "this tool takes no parameters";
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `unknown parameter ${issue.keys.map((k) => `"${k}"`).join(", ")}; ${allowed}`
        : undefined,
  });
}

/** Shown as a plain string: ids or names (a digit-only string is an id). */
const STRING = { type: "string" };

/**
 * `schema`, or `""`/`null` meaning "clear it" (both become null). Advertised
 * as `advertised`; the tool description says once that `""` clears.
 */
export function clearable<T extends z.ZodType>(schema: T, advertised: object = STRING) {
  return advertise(
    z.union([z.literal("").transform(() => null), z.null(), schema], { error: lastBranch }),
    { ...advertised },
  );
}

/** A failed union reports why its last branch (the real value's schema) refused the input. */
export function lastBranch(issue: { code?: string }): string | undefined {
  if (issue.code !== "invalid_union") return undefined;
  const branches = (issue as { errors?: { message: string }[][] }).errors;
  return branches?.at(-1)?.[0]?.message;
}

/** `PROJ-123`: project key, hyphen, number. */
export const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-[1-9][0-9]*$/;

/**
 * An issue key. Trimmed and upper-cased; a pasted issue URL
 * (`https://space.backlog.com/view/PROJ-123#comment-1`) is reduced to its key.
 */
export const issueKeyParam = z
  .string({ error: "issue_key is required: an issue key such as PROJ-123" })
  .max(NAME_PARAM_MAX, { error: "issue_key is too long: pass an issue key such as PROJ-123" })
  .transform((raw) => {
    const text = raw.trim();
    return (issueKeyInUrl(text) ?? text).toUpperCase();
  })
  .refine((key) => ISSUE_KEY.test(key), {
    error: (issue) =>
      `issue_key must look like PROJ-123 (project key, hyphen, issue number), got "${
        echo(issue.input)
      }"`,
  })
  .describe("e.g. PROJ-123");

/** An optional IANA timezone name. */
export const timezoneParam = z
  .string({ error: "timezone must be a string: an IANA timezone name such as Asia/Tokyo" })
  .trim()
  .refine(isValidTimeZone, {
    error: (issue) =>
      `timezone must be an IANA timezone name such as Asia/Tokyo, Europe/Berlin, America/New_York or UTC, got "${
        echo(issue.input)
      }"`,
  })
  .optional();

/** A whole number named `name` from `min` to `max`; one message says the range. */
export function intParam(name: string, range: { min: number; max: number }) {
  const error = `${name} must be a whole number from ${range.min} to ${range.max}`;
  return z.number({ error }).int({ error }).min(range.min, { error }).max(range.max, { error });
}

/** A positive whole number (an id), refused with `error`. */
const positiveId = (error: string) =>
  z.number({ error }).int({ error }).min(1, { error }).max(Number.MAX_SAFE_INTEGER, { error });

/** The id of a `what` (a comment, a notification …) named `name`: a positive whole number. */
export function idParam(name: string, what: string) {
  const article = /^[aeiou]/i.test(what) ? "an" : "a";
  return positiveId(`${name} must be ${article} ${what} id (a positive whole number)`);
}

/** A true/false parameter named `name`. */
export function flagParam(name: string) {
  return z.boolean({ error: `${name} must be true or false` });
}

/** The `limit` and `unread_only` of a list read newest first (notifications, watched issues). */
export const pagedListParams = () => ({
  unread_only: flagParam("unread_only").default(false),
  limit: intParam("limit", { min: 1, max: LIMIT_MAX }).default(LIMIT_DEFAULT),
});

/** An optional list of positive numeric ids named `name`. */
export function idListParam(name: string, meaning?: string) {
  const list = z
    .array(positiveId(`${name} must contain positive whole-number ids, e.g. [12345]`), {
      error: `${name} must be an array of numeric ids, e.g. [12345]`,
    })
    .max(LIST_PARAM_MAX, { error: `${name} accepts at most ${LIST_PARAM_MAX} ids` })
    .optional();
  return meaning ? list.describe(meaning) : list;
}

/** Options of the reference parameters. */
export interface RefOptions {
  /** The description tools/list shows. */
  meaning?: string;
  /** Also accept id 0 (resolution "Fixed" is 0). */
  zero?: boolean;
}

/** One reference: a numeric id (positive, or ≥ 0 with `zero`), or a name/key (resolved by the handler). */
function refItem(name: string, example: string, options: RefOptions) {
  const error = `${name} must hold ids or names, e.g. ${example}`;
  return advertise(
    z.union([
      z.number({ error }).int({ error }).min(options.zero ? 0 : 1, { error })
        .max(Number.MAX_SAFE_INTEGER, { error }),
      z.string({ error }).trim().min(1, { error: `${name} must not hold empty names` })
        .max(NAME_PARAM_MAX, {
          error: `${name} holds a name longer than ${NAME_PARAM_MAX} characters`,
        }),
    ], { error }),
    STRING,
  );
}

/** An optional list of ids or names named `name` (e.g. `[12345, "PROJ"]`). */
export function refListParam(name: string, example: string, options: RefOptions = {}) {
  const list = z.array(refItem(name, example, options), {
    error: `${name} must be an array of ids or names, e.g. ${example}`,
  })
    .max(LIST_PARAM_MAX, { error: `${name} accepts at most ${LIST_PARAM_MAX} entries` })
    .optional();
  return options.meaning ? list.describe(options.meaning) : list;
}

/** One id or name named `name`. */
export function refParam(name: string, example: string, options: RefOptions = {}) {
  const ref = refItem(name, example, options);
  return options.meaning ? advertise(ref.describe(options.meaning), STRING) : ref;
}

/** What a date filter holds once parsed: a calendar date or a relative word. */
export type DateFilter = { date: string } | { word: RelativeDateWord };

const WORDS_TEXT = RELATIVE_DATE_WORDS.filter((w) => w !== "overdue").join(", ");

/**
 * An optional date filter: `YYYY-MM-DD`, or a relative word resolved by the
 * handler in the requested timezone. `overdue` is accepted only where
 * `allowOverdue` (the due-date upper bound).
 */
export function dateFilterParam(name: string, allowOverdue = false) {
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
            echo(raw)
          }"${hint}`,
      });
      return z.NEVER;
    })
    .optional();
}

/** Single-day words a date field of a write accepts. */
export const DAY_WORDS = ["today", "tomorrow", "yesterday"] as const;

/** A date to set on an issue: `YYYY-MM-DD` or today/tomorrow/yesterday; `""` (or null) clears it. */
export function setDateParam(name: string) {
  const day = z
    .string({
      error: `${name} must be a date YYYY-MM-DD, today, tomorrow, yesterday or "" to clear`,
    })
    .trim()
    .transform((raw, ctx): DateFilter | null => {
      if (raw === "") return null;
      if (isCalendarDate(raw)) return { date: raw };
      const word = raw.toLowerCase();
      if ((DAY_WORDS as readonly string[]).includes(word)) {
        return { word: word as RelativeDateWord };
      }
      ctx.addIssue({
        code: "custom",
        message:
          `${name} must be a real calendar date YYYY-MM-DD, today, tomorrow or yesterday ("" clears it), got "${
            echo(raw)
          }"`,
      });
      return z.NEVER;
    });
  return advertise(z.union([z.null(), day], { error: lastBranch }), STRING).optional();
}

/** A write's optional free text named `name`, at most `max` characters. */
export function textParam(name: string, max: number, meaning?: string) {
  const text = z.string({ error: `${name} must be a string` })
    .max(max, { error: `${name} must be at most ${max} characters` })
    .optional();
  return meaning ? text.describe(meaning) : text;
}
