/**
 * get_user_issue_list's date filters (`resolveDateFilters`): the Backlog
 * parameters each sends, relative words resolved in the zone asked for (DST
 * included), and bad ranges refused with the parameter named. Pure: no request.
 */

import { assertEquals, assertStringIncludes, assertThrows } from "../../tests/assert.ts";
import type { OutputZone } from "../resolve/timezone.ts";
import { ToolInputError } from "../shared/input_error.ts";
import {
  type FilterArgs,
  resolveDateFilters,
  usesRelativeDates,
  zoneNotes,
} from "./issue_query.ts";
import { dateFilterParam } from "./params.ts";

const args = (dates: Partial<FilterArgs>): FilterArgs => ({
  sort: "updated",
  order: "desc",
  ...dates,
});
const day = (date: string) => ({ date });
const word = (w: "today" | "this_week" | "next_week" | "yesterday" | "overdue" | "this_month") => ({
  word: w,
});
const zone = (name: string): OutputZone => ({ zone: name, source: "argument" });

/** 2026-11-21 15:30 UTC: Saturday in UTC, already Sunday 2026-11-22 in Tokyo. */
const NOW = new Date("2026-11-21T15:30:00Z");

Deno.test("resolveDateFilters: absolute dates go to the four Backlog ranges as given", () => {
  const { query, filters, notes } = resolveDateFilters(
    args({
      created_since: day("2026-11-01"),
      created_until: day("2026-11-30"),
      updated_since: day("2026-11-15"),
      start_date_until: day("2026-12-01"),
      due_date_since: day("2026-11-20"),
      due_date_until: day("2026-11-20"),
    }),
    undefined,
    NOW,
  );
  assertEquals(query, {
    createdSince: "2026-11-01",
    createdUntil: "2026-11-30",
    updatedSince: "2026-11-15",
    startDateUntil: "2026-12-01",
    dueDateSince: "2026-11-20",
    dueDateUntil: "2026-11-20",
  });
  assertEquals(filters, [
    "created: 2026-11-01 to 2026-11-30",
    "updated: 2026-11-15 to …",
    "start date: … to 2026-12-01",
    "due date: 2026-11-20 to 2026-11-20",
  ]);
  // Timestamps are involved: the note says the day boundary is Backlog's, not documented.
  assertEquals(notes.length, 1);
  assertStringIncludes(notes[0], "for created/updated, Nulab does not document in which timezone");
});

Deno.test("resolveDateFilters: start/due alone get the calendar-date note; nothing, no note", () => {
  const due = resolveDateFilters(args({ due_date_until: day("2026-11-30") }), undefined, NOW);
  assertEquals(due.query, { dueDateUntil: "2026-11-30" });
  assertEquals(due.notes.length, 1);
  assertStringIncludes(due.notes[0], "start/due dates are calendar dates");
  assertEquals(resolveDateFilters(args({}), undefined, NOW), { query: {}, filters: [], notes: [] });
});

Deno.test("resolveDateFilters: relative words are resolved in the zone asked for (Tokyo is a day ahead)", () => {
  const given = args({
    created_since: word("today"),
    updated_since: word("this_week"),
    updated_until: word("this_week"),
    start_date_since: word("next_week"),
    start_date_until: word("next_week"),
    due_date_until: word("overdue"),
  });
  const tokyo = resolveDateFilters(given, zone("Asia/Tokyo"), NOW);
  assertEquals(tokyo.query, {
    createdSince: "2026-11-22",
    // Weeks run Monday–Sunday: Sunday the 22nd ends the week of the 16th.
    updatedSince: "2026-11-16",
    updatedUntil: "2026-11-22",
    startDateSince: "2026-11-23",
    startDateUntil: "2026-11-29",
    dueDateUntil: "2026-11-21",
  });
  assertStringIncludes(tokyo.filters.join("\n"), "updated: 2026-11-16 to 2026-11-22 (this_week)");
  assertStringIncludes(
    tokyo.notes.join("\n"),
    "relative dates were resolved in Asia/Tokyo, where today is 2026-11-22 (Sunday); weeks run Monday–Sunday.",
  );
  // The same instant in UTC is still Saturday the 21st.
  const utc = resolveDateFilters(given, zone("UTC"), NOW);
  assertEquals([utc.query.createdSince, utc.query.startDateSince, utc.query.dueDateUntil], [
    "2026-11-21",
    "2026-11-23",
    "2026-11-20",
  ]);
});

Deno.test("resolveDateFilters: across a DST change the day is the zone's own (New York, 2026-11-01)", () => {
  // 04:30 UTC on 2 November is 23:30 EST on Sunday 1 November (EDT would say 00:30 Monday).
  const now = new Date("2026-11-02T04:30:00Z");
  const { query, notes } = resolveDateFilters(
    args({
      created_since: word("today"),
      updated_since: word("this_week"),
      due_date_until: word("this_week"),
    }),
    { zone: "America/New_York", source: "BACKLOG_TIMEZONE" },
    now,
  );
  assertEquals(query, {
    createdSince: "2026-11-01",
    updatedSince: "2026-10-26",
    dueDateUntil: "2026-11-01",
  });
  assertStringIncludes(
    notes.join("\n"),
    "America/New_York (BACKLOG_TIMEZONE), where today is 2026-11-01 (Sunday)",
  );
});

Deno.test("resolveDateFilters: a range ending before it starts names the _since parameter", () => {
  const absolute = assertThrows(
    () =>
      resolveDateFilters(
        args({ created_since: day("2026-11-30"), created_until: day("2026-11-01") }),
        undefined,
        NOW,
      ),
    ToolInputError,
  );
  assertEquals(absolute.parameter, "created_since");
  assertEquals(absolute.message, "created_since (2026-11-30) is after created_until (2026-11-01).");
  const relative = assertThrows(
    () =>
      resolveDateFilters(
        args({ due_date_since: word("next_week"), due_date_until: word("yesterday") }),
        zone("Asia/Tokyo"),
        NOW,
      ),
    ToolInputError,
  );
  assertEquals(relative.parameter, "due_date_since");
  assertEquals(
    relative.message,
    "due_date_since (2026-11-23) is after due_date_until (2026-11-21).",
  );
});

Deno.test("date filter parameters: an invalid date or a misplaced word names the parameter", () => {
  const message = (name: string, value: string, overdue = false) => {
    const parsed = dateFilterParam(name, overdue).safeParse(value);
    return parsed.success ? "accepted" : parsed.error.issues.map((i) => i.message).join("; ");
  };
  assertStringIncludes(
    message("created_since", "2026-02-30"),
    "created_since must be a real calendar date",
  );
  assertStringIncludes(message("created_since", "2026-02-30"), "(that day does not exist)");
  assertStringIncludes(message("updated_until", "last month"), "updated_until must be");
  assertStringIncludes(
    message("created_until", "overdue"),
    '("overdue" belongs in due_date_until)',
  );
  assertEquals(dateFilterParam("due_date_until", true).parse("Overdue"), { word: "overdue" });
  assertEquals(dateFilterParam("due_date_since").parse(" this week "), { word: "this_week" });
});

Deno.test("usesRelativeDates and zoneNotes: when the zone is needed first, and when it is said", () => {
  assertEquals(usesRelativeDates(args({ created_since: day("2026-11-01") })), false);
  assertEquals(usesRelativeDates(args({ due_date_until: word("overdue") })), true);
  // A relative word without a zone is a programming error, not a user's.
  assertThrows(
    () => resolveDateFilters(args({ created_since: word("today") }), undefined, NOW),
    Error,
  );
  const fallback: OutputZone = {
    zone: "UTC",
    source: "fallback",
    reason: "the space does not name a timezone",
  };
  assertEquals(zoneNotes(fallback), [
    "times are shown in UTC (the space does not name a timezone; set BACKLOG_TIMEZONE).",
  ]);
  assertEquals(zoneNotes({ zone: "Asia/Tokyo", source: "space" }), []);
  // Absolute dates in a fallback zone: the zone is still said once.
  const { notes } = resolveDateFilters(args({ due_date_until: day("2026-11-30") }), fallback, NOW);
  assertEquals(notes[1], zoneNotes(fallback)[0]);
});
