/**
 * Date rules every layer shares (configuration, tools, rendering): timezone
 * names, calendar dates, "today" in a zone, week boundaries and the relative
 * date words. Formatting for people is in `render/time.ts`.
 *
 * Two kinds of value come from Backlog and they must not be confused:
 * - timestamps (`created`, `updated`, comment times) are instants in UTC and
 *   are shown in the requested IANA timezone, DST-correct;
 * - calendar dates (`startDate`, `dueDate`, milestone dates) arrive as
 *   `yyyy-MM-ddT00:00:00Z` but mean a day on the calendar: only the first ten
 *   characters count and no timezone ever shifts them.
 *
 * Wall-clock times in a zone come from `Intl.DateTimeFormat` (one cached
 * formatter per zone) and calendar arithmetic from `Date.UTC`, so nothing here
 * depends on the host machine's timezone. (No date library: `date-fns-tz`
 * cost start-up time and CPU per call, and its zone conversion went through
 * the host's local time, which shifted wall times that fall into a DST gap of
 * the host's zone.)
 *
 * @module
 */

/** The wall-clock time of an instant in a zone, and the zone's offset then. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Minutes east of UTC (Asia/Tokyo +540, America/New_York −300 or −240). */
  offsetMinutes: number;
}

// One formatter per zone; null for a name Intl refuses. `hourCycle: "h23"`
// gives 00–23 (never "24" at midnight).
const formatters = new Map<string, Intl.DateTimeFormat | null>();
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+\-]*(?:\/[A-Za-z0-9_+\-]+)*$/;
// en-US with these options formats as "03/08/2026, 01:30:00".
const EN_US = /^(\d{2})\/(\d{2})\/(\d{4}), (\d{2}):(\d{2}):(\d{2})$/;

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  let formatter = formatters.get(timeZone);
  if (formatter !== undefined) return formatter;
  formatter = null;
  // Intl accepts offsets like "+09:00" too; we want names people and models use.
  if (ZONE_NAME.test(timeZone) && timeZone.length <= 64) {
    try {
      formatter = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      });
    } catch {
      formatter = null;
    }
  }
  formatters.set(timeZone, formatter);
  return formatter;
}

// The zone names the runtime lists (canonical ones, in V8 some legacy spellings), and UTC,
// which every runtime must accept. Checking them first avoids creating a formatter while the
// configuration is read: the first Intl formatter of a process costs ~25 ms of ICU set-up.
let listedZones: Set<string> | undefined;

/** True when `name` is an IANA timezone that this runtime knows (e.g. `Asia/Tokyo`, `UTC`). */
export function isValidTimeZone(name: string): boolean {
  if (formatters.has(name)) return formatters.get(name) !== null;
  listedZones ??= new Set(["UTC", ...Intl.supportedValuesOf("timeZone")]);
  // Listed names are valid by definition; others (aliases, other casing) are asked of Intl.
  return listedZones.has(name) && ZONE_NAME.test(name) || formatterFor(name) !== null;
}

/** The zone's offset from UTC at `ms` (a whole second), in seconds, asked of Intl. */
function askOffset(formatter: Intl.DateTimeFormat, ms: number): number {
  const m = EN_US.exec(formatter.format(ms));
  let [month, day, year, hour, minute, second]: number[] = [];
  if (m) {
    [month, day, year, hour, minute, second] = m.slice(1).map(Number);
  } else {
    // Years outside 1000–9999, or an ICU that formats differently: ask for the parts.
    const parts = formatter.formatToParts(ms);
    const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    [year, month, day, hour, minute, second] = ["year", "month", "day", "hour", "minute", "second"]
      .map(part);
  }
  // The wall clock read as if it were UTC, minus the instant.
  return (Date.UTC(year, month - 1, day, hour, minute, second) - ms) / 1000;
}

const DAY_MS = 86_400_000;
const MAX_CACHED_DAYS = 20_000;

// Per zone: the offset at the start of each UTC day asked so far, and the offset of each day
// that has one offset throughout (null: the day holds a transition).
const zoneDays = new Map<
  string,
  { starts: Map<number, number>; days: Map<number, number | null> }
>();

/**
 * The offset at `ms` in seconds. Offsets change only at a zone's transitions,
 * a few times a year, so a UTC day whose start and end have the same offset
 * has that offset throughout (no zone changes its offset twice within a day
 * and back) and is cached; in a day with a transition every instant is asked
 * of Intl. One Intl call per new day instead of one per timestamp: formatting
 * a list of a thousand issues is mostly this.
 */
function offsetSeconds(formatter: Intl.DateTimeFormat, timeZone: string, ms: number): number {
  let zone = zoneDays.get(timeZone);
  if (!zone || zone.days.size > MAX_CACHED_DAYS) {
    zone = { starts: new Map(), days: new Map() };
    zoneDays.set(timeZone, zone);
  }
  const day = Math.floor(ms / DAY_MS);
  let offset = zone.days.get(day);
  if (offset === undefined) {
    const startOf = (d: number) => {
      let o = zone.starts.get(d);
      if (o === undefined) zone.starts.set(d, o = askOffset(formatter, d * DAY_MS));
      return o;
    };
    const start = startOf(day);
    offset = start === startOf(day + 1) ? start : null;
    zone.days.set(day, offset);
  }
  return offset ?? askOffset(formatter, ms);
}

/**
 * The wall-clock time of `instant` in `timeZone`, with the zone's UTC offset
 * at that instant (so DST and half-hour zones come out right). Throws a
 * RangeError for a zone {@linkcode isValidTimeZone} refuses.
 */
export function wallTime(instant: Date, timeZone: string): WallTime {
  const formatter = formatterFor(timeZone);
  if (!formatter) throw new RangeError(`unknown timezone ${JSON.stringify(timeZone)}`);
  const ms = Math.floor(instant.getTime() / 1000) * 1000; // whole seconds, as shown
  const offset = offsetSeconds(formatter, timeZone, ms);
  const wall = new Date(ms + offset * 1000);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    // Whole minutes since 1972; older local mean times are rounded, as ISO offsets need.
    offsetMinutes: Math.round(offset / 60),
  };
}

/** `00` … `99`: two digits without padStart (formatting a thousand timestamps does this a lot). */
export const TWO_DIGITS: readonly string[] = Array.from(
  { length: 100 },
  (_, i) => `${i}`.padStart(2, "0"),
);

/** `YYYY-MM-DD` of a wall time. */
export const wallDate = (t: WallTime): string =>
  `${String(t.year).padStart(4, "0")}-${TWO_DIGITS[t.month]}-${TWO_DIGITS[t.day]}`;

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
  return wallDate(wallTime(now, timeZone));
}

/** Adds whole days to a `YYYY-MM-DD` date (calendar arithmetic, no timezone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** ISO weekday of a `YYYY-MM-DD` date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay() || 7;
}

/**
 * Words accepted wherever a date filter is, each resolved to an inclusive
 * calendar range in the requested timezone. Weeks run Monday to Sunday.
 * `overdue` means "due before today" and only makes sense for due dates.
 */
export const RELATIVE_DATE_WORDS = [
  "today",
  "yesterday",
  "tomorrow",
  "this_week",
  "last_week",
  "next_week",
  "last_7_days",
  "next_7_days",
  "this_month",
  "overdue",
] as const;

/** One of {@linkcode RELATIVE_DATE_WORDS}. */
export type RelativeDateWord = typeof RELATIVE_DATE_WORDS[number];

/** True when `value` is one of {@linkcode RELATIVE_DATE_WORDS}. */
export function isRelativeDateWord(value: string): value is RelativeDateWord {
  return (RELATIVE_DATE_WORDS as readonly string[]).includes(value);
}

/** An inclusive calendar-date range; a missing end is open. */
export interface DateRange {
  since?: string;
  until?: string;
}

/**
 * Resolves a relative date word to calendar dates as seen in `timeZone` at
 * `now`: at 2026-11-21T15:30Z, "today" is 2026-11-21 in UTC but 2026-11-22 in
 * Asia/Tokyo. `last_7_days` and `next_7_days` include today (7 days in all).
 */
export function resolveRelativeDate(
  word: RelativeDateWord,
  timeZone: string,
  now: Date,
): DateRange {
  const today = todayIn(timeZone, now);
  const day = (offset: number) => addDays(today, offset);
  const monday = addDays(today, 1 - isoWeekday(today));
  switch (word) {
    case "today":
      return { since: today, until: today };
    case "yesterday":
      return { since: day(-1), until: day(-1) };
    case "tomorrow":
      return { since: day(1), until: day(1) };
    case "this_week":
      return { since: monday, until: addDays(monday, 6) };
    case "last_week":
      return { since: addDays(monday, -7), until: addDays(monday, -1) };
    case "next_week":
      return { since: addDays(monday, 7), until: addDays(monday, 13) };
    case "last_7_days":
      return { since: day(-6), until: today };
    case "next_7_days":
      return { since: today, until: day(6) };
    case "this_month": {
      const [year, month] = today.split("-").map(Number);
      const days = new Date(Date.UTC(year, month, 0)).getUTCDate(); // day 0 = last of `month`
      return { since: `${today.slice(0, 8)}01`, until: `${today.slice(0, 8)}${days}` };
    }
    case "overdue":
      return { until: day(-1) };
  }
}

/** Milliseconds `timeZone` is ahead of UTC at the instant `ms` (DST-correct, via Intl). */
function zoneOffsetMs(ms: number, timeZone: string): number {
  // The same cached formatter and reading as wall times use: one per zone.
  const format = formatterFor(timeZone);
  if (!format) throw new RangeError(`not an IANA timezone: ${timeZone}`);
  return askOffset(format, Math.floor(ms / 1000) * 1000) * 1000;
}

/**
 * The instant at which the wall-clock time `date` (`YYYY-MM-DD`) `time`
 * (`HH:mm[:ss]`, default midnight) happens in `timeZone`. A time skipped by a
 * DST change resolves to the same wall time at the pre-change offset (i.e.
 * just after the gap); a repeated one to its first occurrence.
 */
export function zonedInstant(date: string, timeZone: string, time = "00:00:00"): Date {
  const [y, m, d] = date.split("-").map(Number);
  const [h, mi, s] = time.split(":").map(Number);
  const wall = Date.UTC(y, m - 1, d, h, mi, s || 0);
  // The offsets in force half a day before and after: a DST change lies between them, if any.
  const before = wall - zoneOffsetMs(wall - 43_200_000, timeZone);
  const after = wall - zoneOffsetMs(wall + 43_200_000, timeZone);
  const valid = [before, after].filter((t) => zoneOffsetMs(t, timeZone) === wall - t);
  // A repeated time: its first occurrence. A skipped one: the pre-change offset, after the gap.
  return new Date(valid.length ? Math.min(...valid) : before);
}
