/**
 * Points in time as tools take them ("since yesterday", "until now"): a
 * relative word, a calendar date or an ISO time, each resolved to an instant
 * in the requested timezone. A word or date means the start of its first day
 * as a start and the end of its last day as an end; an ISO time without an
 * offset is a wall-clock time in the timezone.
 *
 * @module
 */

import { z } from "zod";
import { formatTimestamp } from "../render/time.ts";
import {
  addDays,
  isCalendarDate,
  isRelativeDateWord,
  RELATIVE_DATE_WORDS,
  type RelativeDateWord,
  resolveRelativeDate,
  zonedInstant,
} from "../shared/dates.ts";
import { ToolInputError } from "../shared/input_error.ts";
import { echo } from "./params.ts";

/** A parsed time argument. */
export type TimeArg =
  | { word: RelativeDateWord }
  | { date: string }
  | { iso: string; date: string; time: string; offset?: string }
  | { now: true };

const WORDS = RELATIVE_DATE_WORDS.filter((w) => w !== "overdue");
const ISO = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** A time parameter named `name`: a word, `YYYY-MM-DD`, an ISO time, or `now`. */
export function timeParam(name: string, meaning: string) {
  const allowed = `now, ${WORDS.join(", ")}, YYYY-MM-DD or an ISO time (2026-11-20T09:00+09:00)`;
  return z.string({ error: `${name} must be one of: ${allowed}` }).trim()
    .transform((raw, ctx): TimeArg => {
      const word = raw.toLowerCase().replace(/[\s-]+/g, "_");
      if (word === "now") return { now: true };
      if (isRelativeDateWord(word) && word !== "overdue") return { word };
      if (isCalendarDate(raw)) return { date: raw };
      const m = ISO.exec(raw);
      if (m && isCalendarDate(m[1]) && validClock(m[2])) {
        return { iso: raw, date: m[1], time: m[2], offset: m[3] };
      }
      ctx.addIssue({
        code: "custom",
        message: `${name} must be one of: ${allowed}; got "${echo(raw)}"`,
      });
      return z.NEVER;
    })
    .optional()
    .describe(meaning);
}

function validClock(time: string): boolean {
  const [h, m, s] = time.split(":").map(Number);
  return h < 24 && m < 60 && (s ?? 0) < 60;
}

/** An instant and how it reads in the timezone (`2026-11-20 00:00 +09:00 (yesterday)`). */
export interface ResolvedTime {
  at: Date;
  label: string;
}

/** Where and when relative words are read: the timezone and the present moment. */
export interface Clock {
  tz: string;
  now: Date;
}

/**
 * Resolves `arg` on `clock`. `edge` says whether it starts a range (first
 * moment of a word's or date's first day) or ends one (the first moment
 * after its last day, never later than now).
 */
export function resolveTime(arg: TimeArg, clock: Clock, edge: "start" | "end"): ResolvedTime {
  const { tz, now } = clock;
  let at: Date;
  let said = "";
  if ("now" in arg) {
    at = now;
    said = " (now)";
  } else if ("word" in arg) {
    const range = resolveRelativeDate(arg.word, tz, now);
    const day = edge === "start" ? range.since! : addDays(range.until!, 1);
    at = zonedInstant(day, tz);
    said = ` (${arg.word})`;
  } else if ("iso" in arg) {
    if (arg.offset) {
      const offset = arg.offset.toUpperCase() === "Z"
        ? "Z"
        : arg.offset.replace(/^([+-]\d{2})(\d{2})$/, "$1:$2");
      at = new Date(`${arg.date}T${arg.time.length === 5 ? `${arg.time}:00` : arg.time}${offset}`);
    } else {
      at = zonedInstant(arg.date, tz, arg.time);
    }
  } else {
    at = zonedInstant(edge === "start" ? arg.date : addDays(arg.date, 1), tz);
  }
  if (edge === "end" && at > now) at = now;
  return { at, label: `${formatTimestamp(at.toISOString(), tz)!.text}${said}` };
}

/** A range's ends as given: `since` (or its default) to `until` (or now). */
export interface RangeArgs {
  since?: TimeArg;
  until?: TimeArg;
  defaultSince: TimeArg;
  /** The parameter a refusal names. */
  sinceName: string;
}

/** A start and an end, checked to be in order. */
export function resolveRange(
  args: RangeArgs,
  clock: Clock,
): { since: ResolvedTime; until: ResolvedTime } {
  const since = resolveTime(args.since ?? args.defaultSince, clock, "start");
  const until = resolveTime(args.until ?? { now: true }, clock, "end");
  if (since.at >= until.at) {
    throw new ToolInputError(
      args.sinceName,
      `${args.sinceName} (${since.label}) is not before the end (${until.label}).`,
    );
  }
  return { since, until };
}
