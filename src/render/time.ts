/**
 * Timestamps shown to people: a Backlog instant in the requested IANA zone,
 * DST-correct and whatever the host machine's timezone (the zone rules and
 * calendar dates are in `shared/dates.ts`).
 *
 * @module
 */

import { TWO_DIGITS, wallDate, wallTime } from "../shared/dates.ts";
import { safeLine } from "./sanitize.ts";

/** A timestamp shown in a zone: text for people, ISO with offset for programs. */
export interface ZonedTime {
  /** `2026-03-08 01:30 -05:00` */
  text: string;
  /** `2026-03-08T01:30:00-05:00` */
  iso: string;
}

const pad = (n: number) => TWO_DIGITS[n] ?? String(n).padStart(2, "0");

/** `+09:00`, `-05:00`, `+00:00` (never `Z`: one form for every zone). */
function formatOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? "-" : "+"}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
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
  // Not a time: shown as Backlog sent it, made safe (it is not ours).
  if (Number.isNaN(date.getTime())) return { text: safeLine(value), iso: safeLine(value) };
  const t = wallTime(date, timeZone);
  const day = wallDate(t);
  const clock = `${pad(t.hour)}:${pad(t.minute)}`;
  const offset = formatOffset(t.offsetMinutes);
  return {
    text: `${day} ${clock} ${offset}`,
    iso: `${day}T${clock}:${pad(t.second)}${offset}`,
  };
}

/**
 * `value` as an ISO 8601 time to the minute in `timeZone`
 * (`2026-03-08T15:30+09:00`, as precise as the text shows), for structured
 * output; undefined when absent, the value itself when unparseable.
 */
export function isoMinute(value: string | null | undefined, timeZone: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const t = wallTime(date, timeZone);
  return `${wallDate(t)}T${pad(t.hour)}:${pad(t.minute)}${formatOffset(t.offsetMinutes)}`;
}
