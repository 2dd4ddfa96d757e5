import { assertEquals, assertThrows } from "../../tests/assert.ts";
import { ToolInputError } from "../shared/input_error.ts";
import { zonedInstant } from "../shared/dates.ts";
import { resolveRange, resolveTime, timeParam } from "./time_args.ts";

// Saturday 2026-11-21 15:00 in Tokyo, 06:00 UTC; 01:00 in New York.
const NOW = new Date("2026-11-21T06:00:00Z");
const param = timeParam("since", "test");
const at = (raw: string, tz: string, edge: "start" | "end" = "start") =>
  resolveTime(param.parse(raw)!, { tz, now: NOW }, edge).at.toISOString();

Deno.test("zonedInstant: midnight and wall times in a zone, across DST gaps and folds", () => {
  const cases: [string, string, string, string][] = [
    ["2026-11-21", "Asia/Tokyo", "00:00", "2026-11-20T15:00:00.000Z"],
    ["2026-03-08", "America/New_York", "00:00", "2026-03-08T05:00:00.000Z"],
    // 02:30 does not exist that night: the wall time at the old offset, i.e. after the gap.
    ["2026-03-08", "America/New_York", "02:30", "2026-03-08T07:30:00.000Z"],
    ["2026-03-08", "America/New_York", "03:30", "2026-03-08T07:30:00.000Z"],
    // 01:30 happens twice: the first one.
    ["2026-11-01", "America/New_York", "01:30", "2026-11-01T05:30:00.000Z"],
    ["2026-03-29", "Europe/Berlin", "02:30", "2026-03-29T01:30:00.000Z"],
    ["2026-10-25", "Europe/Berlin", "02:30", "2026-10-25T00:30:00.000Z"],
    ["2026-06-01", "Australia/Lord_Howe", "00:00", "2026-05-31T13:30:00.000Z"],
    ["2026-01-01", "UTC", "23:59:59", "2026-01-01T23:59:59.000Z"],
  ];
  for (const [date, tz, time, want] of cases) {
    assertEquals(zonedInstant(date, tz, time).toISOString(), want, `${date} ${time} ${tz}`);
  }
});

Deno.test("time args: words and dates start at midnight in the zone; ends are exclusive and not after now", () => {
  assertEquals(at("yesterday", "Asia/Tokyo"), "2026-11-19T15:00:00.000Z");
  assertEquals(at("yesterday", "America/New_York"), "2026-11-20T05:00:00.000Z");
  assertEquals(at("this_week", "Asia/Tokyo"), "2026-11-15T15:00:00.000Z");
  assertEquals(at("Last Week", "UTC"), "2026-11-09T00:00:00.000Z");
  assertEquals(at("2026-11-01", "America/New_York"), "2026-11-01T04:00:00.000Z");
  assertEquals(at("yesterday", "Asia/Tokyo", "end"), "2026-11-20T15:00:00.000Z");
  assertEquals(at("this_week", "Asia/Tokyo", "end"), NOW.toISOString(), "capped at now");
  assertEquals(at("now", "UTC", "end"), NOW.toISOString());
});

Deno.test("time args: ISO times with an offset are instants; without one, wall times in the zone", () => {
  assertEquals(at("2026-11-20T09:00+09:00", "UTC"), "2026-11-20T00:00:00.000Z");
  assertEquals(at("2026-11-20T09:00:30Z", "Asia/Tokyo"), "2026-11-20T09:00:30.000Z");
  assertEquals(at("2026-11-20 09:00", "Asia/Tokyo"), "2026-11-20T00:00:00.000Z");
  assertEquals(at("2026-11-20T09:00-0500", "Asia/Tokyo"), "2026-11-20T14:00:00.000Z");
  const label =
    resolveTime(param.parse("yesterday")!, { tz: "Asia/Tokyo", now: NOW }, "start").label;
  assertEquals(label, "2026-11-20 00:00 +09:00 (yesterday)");
});

Deno.test("time args: bad values are refused with what is allowed; a backwards range too", () => {
  for (const raw of ["someday", "2026-02-30", "2026-11-20T25:00", "overdue", "", "11/20"]) {
    const parsed = param.safeParse(raw);
    assertEquals(parsed.success, false, raw);
    assertEquals(
      parsed.error!.issues[0].message.startsWith("since must be one of: now, today"),
      true,
      raw,
    );
  }
  assertThrows(
    () =>
      resolveRange({
        since: { word: "today" },
        until: { word: "yesterday" },
        defaultSince: { word: "today" },
        sinceName: "since",
      }, { tz: "UTC", now: NOW }),
    ToolInputError,
    "is not before the end",
  );
});
