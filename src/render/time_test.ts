import { assertEquals, assertThrows } from "../../tests/assert.ts";
import { calendarDate } from "../shared/dates.ts";
import { formatTimestamp } from "./time.ts";

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

Deno.test("formatTimestamp: a due date's instant is the previous evening west of UTC, its calendar date is not", () => {
  assertEquals(
    formatTimestamp("2026-11-30T00:00:00Z", "America/Los_Angeles")?.text,
    "2026-11-29 16:00 -08:00",
  );
  assertEquals(calendarDate("2026-11-30T00:00:00Z"), "2026-11-30");
});

Deno.test("formatTimestamp: a Tokyo wall time inside New York's spring-forward gap is shown as is", () => {
  // 2026-03-08 02:30 does not exist in New York (02:00 → 03:00); in Tokyo it is an ordinary time.
  // A conversion through the host's local time (date-fns-tz) showed 03:30 on a New York host.
  assertEquals(formatTimestamp("2026-03-07T17:30:00Z", "Asia/Tokyo"), {
    text: "2026-03-08 02:30 +09:00",
    iso: "2026-03-08T02:30:00+09:00",
  });
});

Deno.test("formatTimestamp: a wall time inside Lord Howe's 30-minute spring-forward gap", () => {
  // Lord Howe goes from 02:00 +10:30 to 02:30 +11:00 on 2026-10-04 (15:30Z the day before).
  assertEquals(
    formatTimestamp("2026-10-03T15:29:00Z", "Australia/Lord_Howe")?.iso,
    "2026-10-04T01:59:00+10:30",
  );
  assertEquals(
    formatTimestamp("2026-10-03T15:30:00Z", "Australia/Lord_Howe")?.iso,
    "2026-10-04T02:30:00+11:00",
  );
  // 02:15 exists in Tokyo, not on Lord Howe that night.
  assertEquals(
    formatTimestamp("2026-10-03T17:15:00Z", "Asia/Tokyo")?.text,
    "2026-10-04 02:15 +09:00",
  );
  // And back: 02:00 +11:00 → 01:30 +10:30 on 2026-04-05 (15:00Z the day before); 01:45 happens twice.
  assertEquals(
    formatTimestamp("2026-04-04T14:45:00Z", "Australia/Lord_Howe")?.iso,
    "2026-04-05T01:45:00+11:00",
  );
  assertEquals(
    formatTimestamp("2026-04-04T15:15:00Z", "Australia/Lord_Howe")?.iso,
    "2026-04-05T01:45:00+10:30",
  );
});

Deno.test("formatTimestamp: America/Nuuk, and midnight is 00:00 (never 24:00)", () => {
  assertEquals(
    formatTimestamp("2026-01-15T02:00:00Z", "America/Nuuk")?.iso,
    "2026-01-15T00:00:00-02:00",
  );
  assertEquals(
    formatTimestamp("2026-11-21T15:00:00Z", "Asia/Tokyo")?.text,
    "2026-11-22 00:00 +09:00",
  );
});

Deno.test("formatTimestamp: an unknown zone is a programming error, not a shifted time", () => {
  assertThrows(() => formatTimestamp("2026-03-08T06:30:00Z", "Mars/Base"), RangeError);
});
