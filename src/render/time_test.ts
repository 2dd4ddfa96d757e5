import { assert, assertEquals } from "../../tests/assert.ts";
import {
  addDays,
  calendarDate,
  formatTimestamp,
  isCalendarDate,
  isoWeekday,
  isRelativeDateWord,
  isValidTimeZone,
  RELATIVE_DATE_WORDS,
  resolveRelativeDate,
  todayIn,
} from "./time.ts";

Deno.test("formatTimestamp: UTC shows +00:00", () => {
  assertEquals(formatTimestamp("2026-03-08T06:30:00Z", "UTC"), {
    text: "2026-03-08 06:30 +00:00",
    iso: "2026-03-08T06:30:00+00:00",
  });
});

Deno.test("formatTimestamp: Asia/Tokyo is a fixed +09:00 and can change the day", () => {
  assertEquals(formatTimestamp("2026-03-08T06:30:00Z", "Asia/Tokyo"), {
    text: "2026-03-08 15:30 +09:00",
    iso: "2026-03-08T15:30:00+09:00",
  });
  // Summer: still +09:00 (no DST).
  assertEquals(
    formatTimestamp("2026-07-01T12:00:00Z", "Asia/Tokyo")?.iso,
    "2026-07-01T21:00:00+09:00",
  );
  // 15:30Z is already the next day in Tokyo.
  assertEquals(
    formatTimestamp("2026-11-21T15:30:00Z", "Asia/Tokyo")?.text,
    "2026-11-22 00:30 +09:00",
  );
});

Deno.test("formatTimestamp: America/New_York across the March 2026 DST change", () => {
  // DST starts 2026-03-08 at 02:00 local (07:00Z).
  assertEquals(formatTimestamp("2026-03-08T06:30:00Z", "America/New_York"), {
    text: "2026-03-08 01:30 -05:00",
    iso: "2026-03-08T01:30:00-05:00",
  });
  assertEquals(formatTimestamp("2026-03-08T07:30:00Z", "America/New_York"), {
    text: "2026-03-08 03:30 -04:00",
    iso: "2026-03-08T03:30:00-04:00",
  });
  // And back in November (2026-11-01 at 02:00 local, 06:00Z).
  assertEquals(
    formatTimestamp("2026-11-01T05:30:00Z", "America/New_York")?.iso,
    "2026-11-01T01:30:00-04:00",
  );
  assertEquals(
    formatTimestamp("2026-11-01T06:30:00Z", "America/New_York")?.iso,
    "2026-11-01T01:30:00-05:00",
  );
});

Deno.test("formatTimestamp: Europe/Berlin across the March 2026 DST change", () => {
  // DST starts 2026-03-29 at 01:00Z (02:00 CET → 03:00 CEST).
  assertEquals(
    formatTimestamp("2026-03-29T00:30:00Z", "Europe/Berlin")?.text,
    "2026-03-29 01:30 +01:00",
  );
  assertEquals(
    formatTimestamp("2026-03-29T01:00:00Z", "Europe/Berlin")?.text,
    "2026-03-29 03:00 +02:00",
  );
  assertEquals(
    formatTimestamp("2026-03-29T01:30:00Z", "Europe/Berlin")?.iso,
    "2026-03-29T03:30:00+02:00",
  );
});

Deno.test("formatTimestamp: Australia/Lord_Howe has a half-hour DST shift", () => {
  // Standard time +10:30 in (southern) winter, +11:00 in summer.
  assertEquals(
    formatTimestamp("2026-07-01T00:00:00Z", "Australia/Lord_Howe")?.iso,
    "2026-07-01T10:30:00+10:30",
  );
  assertEquals(
    formatTimestamp("2026-01-15T00:00:00Z", "Australia/Lord_Howe")?.iso,
    "2026-01-15T11:00:00+11:00",
  );
});

Deno.test("formatTimestamp: Asia/Kolkata keeps its half-hour offset", () => {
  assertEquals(
    formatTimestamp("2026-03-08T06:30:00Z", "Asia/Kolkata")?.text,
    "2026-03-08 12:00 +05:30",
  );
});

Deno.test("formatTimestamp: accepts offsets and milliseconds in the input", () => {
  assertEquals(
    formatTimestamp("2026-03-08T15:30:00+09:00", "UTC")?.iso,
    "2026-03-08T06:30:00+00:00",
  );
  assertEquals(
    formatTimestamp("2026-03-08T06:30:59.999Z", "UTC")?.iso,
    "2026-03-08T06:30:59+00:00",
  );
});

Deno.test("formatTimestamp: empty input gives null, junk is returned as is", () => {
  assertEquals(formatTimestamp(null, "UTC"), null);
  assertEquals(formatTimestamp(undefined, "UTC"), null);
  assertEquals(formatTimestamp("", "UTC"), null);
  assertEquals(formatTimestamp("not a date", "Asia/Tokyo"), {
    text: "not a date",
    iso: "not a date",
  });
});

Deno.test("calendarDate: takes the first ten characters and never shifts", () => {
  assertEquals(calendarDate("2026-11-30T00:00:00Z"), "2026-11-30");
  assertEquals(calendarDate("2026-11-30"), "2026-11-30");
  assertEquals(calendarDate("2026-01-01T00:00:00Z"), "2026-01-01");
  // An instant that is the previous day west of UTC is still the 30th.
  assertEquals(
    formatTimestamp("2026-11-30T00:00:00Z", "America/Los_Angeles")?.text,
    "2026-11-29 16:00 -08:00",
  );
  assertEquals(calendarDate("2026-11-30T00:00:00Z"), "2026-11-30");
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

Deno.test("resolveRelativeDate: weeks run Monday to Sunday, so the week can flip at midnight", () => {
  const now = new Date("2026-11-22T15:30:00Z"); // Sunday in UTC, Monday 00:30 in Tokyo
  assertEquals(resolveRelativeDate("this_week", "UTC", now), {
    since: "2026-11-16",
    until: "2026-11-22",
  });
  assertEquals(resolveRelativeDate("this_week", "Asia/Tokyo", now), {
    since: "2026-11-23",
    until: "2026-11-29",
  });
  assertEquals(resolveRelativeDate("last_week", "Asia/Tokyo", now), {
    since: "2026-11-16",
    until: "2026-11-22",
  });
  assertEquals(resolveRelativeDate("next_week", "UTC", now), {
    since: "2026-11-23",
    until: "2026-11-29",
  });
});

Deno.test("resolveRelativeDate: 7-day windows include today; months end on their last day", () => {
  const now = new Date("2026-11-21T15:30:00Z");
  assertEquals(resolveRelativeDate("next_7_days", "Asia/Tokyo", now), {
    since: "2026-11-22",
    until: "2026-11-28",
  });
  assertEquals(resolveRelativeDate("last_7_days", "UTC", now), {
    since: "2026-11-15",
    until: "2026-11-21",
  });
  assertEquals(resolveRelativeDate("this_month", "UTC", now), {
    since: "2026-11-01",
    until: "2026-11-30",
  });
  // 2028-02-29T20:00Z is already March 1st in Tokyo.
  const leap = new Date("2028-02-29T20:00:00Z");
  assertEquals(resolveRelativeDate("this_month", "UTC", leap), {
    since: "2028-02-01",
    until: "2028-02-29",
  });
  assertEquals(resolveRelativeDate("this_month", "Asia/Tokyo", leap), {
    since: "2028-03-01",
    until: "2028-03-31",
  });
  assertEquals(
    resolveRelativeDate("this_month", "UTC", new Date("2026-12-31T23:59:00Z")).until,
    "2026-12-31",
  );
});

Deno.test("isRelativeDateWord", () => {
  for (const word of RELATIVE_DATE_WORDS) assert(isRelativeDateWord(word));
  for (const word of ["Today", "next week", "2026-11-21", ""]) assert(!isRelativeDateWord(word));
});
