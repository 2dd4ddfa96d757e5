import { assert, assertEquals } from "../../tests/assert.ts";
import {
  addDays,
  calendarDate,
  isCalendarDate,
  isoWeekday,
  isRelativeDateWord,
  isValidTimeZone,
  RELATIVE_DATE_WORDS,
  type RelativeDateWord,
  resolveRelativeDate,
  todayIn,
  wallTime,
} from "./dates.ts";

Deno.test("calendarDate: takes the first ten characters and never shifts", () => {
  assertEquals(calendarDate("2026-11-30T00:00:00Z"), "2026-11-30");
  assertEquals(calendarDate("2026-11-30"), "2026-11-30");
  assertEquals(calendarDate("2026-01-01T00:00:00Z"), "2026-01-01");
  // calendarDate takes no zone at all: the result cannot depend on one.
  assertEquals(calendarDate.length, 1);
});

Deno.test("calendarDate: null, empty and malformed values give null", () => {
  assertEquals(calendarDate(null), null);
  assertEquals(calendarDate(undefined), null);
  assertEquals(calendarDate(""), null);
  assertEquals(calendarDate("2026-1-1"), null);
  assertEquals(calendarDate("30/11/2026"), null);
  assertEquals(calendarDate("2026-11-3"), null);
});

Deno.test("isCalendarDate", async (t) => {
  const cases: [string, boolean][] = [
    ["2026-02-28", true],
    ["2026-02-29", false],
    ["2028-02-29", true],
    ["2100-02-29", false],
    ["2000-02-29", true],
    ["2026-04-30", true],
    ["2026-04-31", false],
    ["2026-12-31", true],
    ["2026-13-01", false],
    ["2026-00-10", false],
    ["2026-01-00", false],
    ["2026-1-1", false],
    ["2026-01-01T00:00:00Z", false],
    [" 2026-01-01", false],
    ["", false],
    ["1899-12-31", false],
    ["1900-01-01", true],
    ["2999-12-31", true],
    ["3000-01-01", false],
  ];
  for (const [value, expected] of cases) {
    await t.step(`${JSON.stringify(value)} → ${expected}`, () => {
      assertEquals(isCalendarDate(value), expected);
    });
  }
});

Deno.test("isValidTimeZone", async (t) => {
  const cases: [string, boolean][] = [
    ["Asia/Tokyo", true],
    ["UTC", true],
    ["Europe/Berlin", true],
    ["America/Argentina/Buenos_Aires", true],
    ["Etc/GMT+9", true],
    ["Mars/Base", false],
    ["+09:00", false],
    ["-05:00", false],
    ["", false],
    ["Asia/Tokyo ", false],
    ["Asia//Tokyo", false],
    ["/Asia/Tokyo", false],
    ["Asia/" + "x".repeat(70), false],
  ];
  for (const [value, expected] of cases) {
    await t.step(`${JSON.stringify(value)} → ${expected}`, () => {
      assertEquals(isValidTimeZone(value), expected);
      // Cached answers are the same as fresh ones.
      assertEquals(isValidTimeZone(value), expected);
    });
  }
});

Deno.test("todayIn: the date depends on the zone near midnight", () => {
  const now = new Date("2026-11-21T15:30:00Z");
  assertEquals(todayIn("Asia/Tokyo", now), "2026-11-22");
  assertEquals(todayIn("UTC", now), "2026-11-21");
  assertEquals(todayIn("America/Los_Angeles", now), "2026-11-21");
  // Just before midnight in Tokyo.
  assertEquals(todayIn("Asia/Tokyo", new Date("2026-11-21T14:59:59Z")), "2026-11-21");
  // West of UTC, early in the UTC day is still yesterday.
  assertEquals(todayIn("America/Los_Angeles", new Date("2026-11-22T07:59:00Z")), "2026-11-21");
  assertEquals(todayIn("America/Los_Angeles", new Date("2026-11-22T08:00:00Z")), "2026-11-22");
});

Deno.test("todayIn: defaults to the current time", () => {
  const today = todayIn("UTC");
  assert(isCalendarDate(today), today);
  const expected = new Date().toISOString().slice(0, 10);
  // Tolerate a test run that straddles UTC midnight.
  const yesterday = new Date(Date.now() - 60_000).toISOString().slice(0, 10);
  assert(today === expected || today === yesterday, `${today} vs ${expected}`);
});

Deno.test("addDays and isoWeekday: calendar arithmetic across months, years and leap days", () => {
  assertEquals(addDays("2026-11-30", 1), "2026-12-01");
  assertEquals(addDays("2026-12-31", 1), "2027-01-01");
  assertEquals(addDays("2028-02-28", 1), "2028-02-29");
  assertEquals(addDays("2026-03-01", -1), "2026-02-28");
  assertEquals(addDays("2026-11-22", -6), "2026-11-16");
  assertEquals(isoWeekday("2026-11-16"), 1, "Monday");
  assertEquals(isoWeekday("2026-11-22"), 7, "Sunday");
  assertEquals(isoWeekday("2026-11-21"), 6, "Saturday");
});

Deno.test("resolveRelativeDate: 'today' depends on the zone near midnight", () => {
  // 2026-11-21T15:30Z: Saturday 15:30 in UTC, already Sunday 00:30 in Tokyo, Sunday 05:30 in
  // Kiritimati (+14), still Saturday 05:30 in Honolulu (-10).
  const now = new Date("2026-11-21T15:30:00Z");
  const today = (tz: string) => resolveRelativeDate("today", tz, now);
  assertEquals(today("UTC"), { since: "2026-11-21", until: "2026-11-21" });
  assertEquals(today("Asia/Tokyo"), { since: "2026-11-22", until: "2026-11-22" });
  assertEquals(today("Pacific/Kiritimati"), { since: "2026-11-22", until: "2026-11-22" });
  assertEquals(today("Pacific/Honolulu"), { since: "2026-11-21", until: "2026-11-21" });
  assertEquals(resolveRelativeDate("yesterday", "Asia/Tokyo", now).since, "2026-11-21");
  assertEquals(resolveRelativeDate("tomorrow", "Asia/Tokyo", now).until, "2026-11-23");
  assertEquals(resolveRelativeDate("overdue", "UTC", now), { until: "2026-11-20" });
  assertEquals(resolveRelativeDate("overdue", "Asia/Tokyo", now), { until: "2026-11-21" });
});

/** `word` in `zone` at `now` resolves to `since`–`until` (inclusive). */
type RangeCase = [word: RelativeDateWord, zone: string, now: string, since: string, until: string];

function assertRanges(cases: RangeCase[]): void {
  for (const [word, zone, now, since, until] of cases) {
    assertEquals(
      resolveRelativeDate(word, zone, new Date(now)),
      { since, until },
      `${word} in ${zone} at ${now}`,
    );
  }
}

Deno.test("resolveRelativeDate: weeks run Monday to Sunday, so the week can flip at midnight", () => {
  const sunday = "2026-11-22T15:30:00Z"; // Sunday in UTC, Monday 00:30 in Tokyo
  assertRanges([
    ["this_week", "UTC", sunday, "2026-11-16", "2026-11-22"],
    ["this_week", "Asia/Tokyo", sunday, "2026-11-23", "2026-11-29"],
    ["last_week", "Asia/Tokyo", sunday, "2026-11-16", "2026-11-22"],
    ["next_week", "UTC", sunday, "2026-11-23", "2026-11-29"],
  ]);
});

Deno.test("resolveRelativeDate: 7-day windows include today; months end on their last day", () => {
  const now = "2026-11-21T15:30:00Z";
  // 2028-02-29T20:00Z is already March 1st in Tokyo.
  const leap = "2028-02-29T20:00:00Z";
  assertRanges([
    ["next_7_days", "Asia/Tokyo", now, "2026-11-22", "2026-11-28"],
    ["last_7_days", "UTC", now, "2026-11-15", "2026-11-21"],
    ["this_month", "UTC", now, "2026-11-01", "2026-11-30"],
    ["this_month", "UTC", leap, "2028-02-01", "2028-02-29"],
    ["this_month", "Asia/Tokyo", leap, "2028-03-01", "2028-03-31"],
    ["this_month", "UTC", "2026-12-31T23:59:00Z", "2026-12-01", "2026-12-31"],
  ]);
});

Deno.test("isRelativeDateWord", () => {
  for (const word of RELATIVE_DATE_WORDS) assert(isRelativeDateWord(word));
  for (const word of ["Today", "next week", "2026-11-21", ""]) assert(!isRelativeDateWord(word));
});

Deno.test("todayIn: America/Nuuk near midnight (UTC−2 since 2023, DST from 2024)", () => {
  // Winter: −02:00. 01:59Z is still the evening before; 02:00Z is midnight.
  assertEquals(todayIn("America/Nuuk", new Date("2026-01-15T01:59:00Z")), "2026-01-14");
  assertEquals(todayIn("America/Nuuk", new Date("2026-01-15T02:00:00Z")), "2026-01-15");
  // Summer: −01:00.
  assertEquals(todayIn("America/Nuuk", new Date("2026-07-15T00:59:00Z")), "2026-07-14");
  assertEquals(todayIn("America/Nuuk", new Date("2026-07-15T01:00:00Z")), "2026-07-15");
});

Deno.test("wallTime: offsets through DST changes and half-hour zones", () => {
  const offset = (iso: string, zone: string) => wallTime(new Date(iso), zone).offsetMinutes;
  assertEquals(offset("2026-03-08T06:59:59Z", "America/New_York"), -300);
  assertEquals(offset("2026-03-08T07:00:00Z", "America/New_York"), -240);
  assertEquals(offset("2026-07-01T00:00:00Z", "Australia/Lord_Howe"), 630);
  assertEquals(offset("2026-01-01T00:00:00Z", "Australia/Lord_Howe"), 660);
  assertEquals(offset("2026-01-01T00:00:00Z", "Asia/Kathmandu"), 345);
  assertEquals(offset("2026-01-01T00:00:00Z", "UTC"), 0);
  // Milliseconds do not leak into the offset.
  assertEquals(offset("2026-01-01T00:00:00.999Z", "Asia/Tokyo"), 540);
  assertEquals(wallTime(new Date("2026-01-01T00:00:00.999Z"), "Asia/Tokyo"), {
    year: 2026,
    month: 1,
    day: 1,
    hour: 9,
    minute: 0,
    second: 0,
    offsetMinutes: 540,
  });
});

Deno.test("wallTime: years outside 1000–9999 still come out right", () => {
  const t = wallTime(new Date(Date.UTC(999, 0, 1, 12)), "UTC");
  assertEquals([t.year, t.month, t.day, t.hour, t.offsetMinutes], [999, 1, 1, 12, 0]);
});

const FIELDS: Intl.DateTimeFormatOptions = {
  hourCycle: "h23",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  second: "numeric",
};

Deno.test("wallTime: the per-day offset cache gives what Intl gives, minute by minute across transitions", () => {
  // Reference: Intl's own parts for every instant, no cache.
  const formatters = new Map<string, Intl.DateTimeFormat>();
  const reference = (ms: number, timeZone: string) => {
    if (!formatters.has(timeZone)) {
      formatters.set(timeZone, new Intl.DateTimeFormat("en-US", { timeZone, ...FIELDS }));
    }
    const parts = formatters.get(timeZone)!.formatToParts(ms);
    const n = (type: string) => Number(parts.find((p) => p.type === type)!.value);
    return [n("year"), n("month"), n("day"), n("hour"), n("minute"), n("second")].join();
  };
  const spans: [string, string][] = [
    ["America/New_York", "2026-03-08T05:00:00Z"],
    ["America/New_York", "2026-11-01T04:00:00Z"],
    ["Australia/Lord_Howe", "2026-10-03T14:00:00Z"],
    ["Australia/Lord_Howe", "2026-04-04T13:00:00Z"],
    ["America/Nuuk", "2026-03-28T23:00:00Z"],
    ["Europe/Berlin", "2026-03-29T00:00:00Z"],
    ["Pacific/Apia", "2011-12-29T09:00:00Z"], // Samoa skipped 30 December 2011
    ["Asia/Tokyo", "2026-01-01T00:00:00Z"],
  ];
  for (const [zone, from] of spans) {
    const start = Date.parse(from);
    // Four hours either side of the change, a minute and 7 seconds apart (not on a boundary).
    for (let ms = start - 4 * 3600_000; ms < start + 8 * 3600_000; ms += 67_000) {
      const t = wallTime(new Date(ms), zone);
      const got = [t.year, t.month, t.day, t.hour, t.minute, t.second].join();
      assertEquals(got, reference(ms, zone), `${zone} at ${new Date(ms).toISOString()}`);
    }
  }
});
