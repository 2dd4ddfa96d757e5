/**
 * Time and timezone logic, all in one place.
 *
 * Two kinds of value come from Backlog and they must not be confused:
 * - timestamps (`created`, `updated`, comment times) are instants in UTC and
 *   are shown in the requested IANA timezone, DST-correct;
 * - calendar dates (`startDate`, `dueDate`, milestone dates) arrive as
 *   `yyyy-MM-ddT00:00:00Z` but mean a day on the calendar: only the first ten
 *   characters count and no timezone ever shifts them.
 *
 * Uses `date-fns-tz` and `Intl` (not `@std/datetime`, which lives on JSR).
 *
 * @module
 */

import { formatInTimeZone } from "date-fns-tz";

const zoneCache = new Map<string, boolean>();

/** True when `name` is an IANA timezone that this runtime knows (e.g. `Asia/Tokyo`, `UTC`). */
export function isValidTimeZone(name: string): boolean {
  const cached = zoneCache.get(name);
  if (cached !== undefined) return cached;
  let ok = false;
  // Intl accepts offsets like "+09:00" too; we want names people and models use.
  if (/^[A-Za-z][A-Za-z0-9_+\-]*(?:\/[A-Za-z0-9_+\-]+)*$/.test(name) && name.length <= 64) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: name });
      ok = true;
    } catch {
      ok = false;
    }
  }
  zoneCache.set(name, ok);
  return ok;
}

/** A timestamp shown in a zone: text for people, ISO with offset for programs. */
export interface ZonedTime {
  /** `2026-03-08 01:30 -05:00` */
  text: string;
  /** `2026-03-08T01:30:00-05:00` */
  iso: string;
}

/**
 * Formats a Backlog timestamp (`2026-03-08T06:30:00Z`) in `timeZone`.
 * Returns null for null/empty input and the raw string when it is not a date.
 */
export function formatTimestamp(
  value: string | null | undefined,
  timeZone: string,
): ZonedTime | null {
  if (!value) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return { text: value, iso: value };
  return {
    text: formatInTimeZone(date, timeZone, "yyyy-MM-dd HH:mm xxx"),
    iso: formatInTimeZone(date, timeZone, "yyyy-MM-dd'T'HH:mm:ssxxx"),
  };
}

/**
 * The calendar date of a Backlog date field: the first ten characters
 * (`2026-11-30T00:00:00Z` → `2026-11-30`). Never shifted by a timezone.
 */
export function calendarDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const day = value.slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : null;
}

/** True when `value` is a real `YYYY-MM-DD` calendar date (rejects 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Today's calendar date in `timeZone` (`YYYY-MM-DD`). */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return formatInTimeZone(now, timeZone, "yyyy-MM-dd");
}
