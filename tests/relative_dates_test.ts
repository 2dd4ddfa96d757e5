/**
 * Relative dates are resolved by the server in the requested timezone, with
 * the clock pinned at 2026-11-21T15:30Z: Saturday afternoon in UTC, already
 * Sunday 00:30 in Tokyo, so "today" differs between the two.
 */

import { assert, assertEquals, assertStringIncludes } from "./assert.ts";
import { listOf, textOf, withSession } from "./harness.ts";
import { SEED } from "../src/tooling/sandbox/seed.ts";
import type { RecordedRequest, Sandbox } from "../src/tooling/sandbox/server.ts";

/** Projects searched by default: joined and not archived. */
const ACTIVE: number[] = [SEED.projects.DEMO.id, SEED.projects.PROJ.id, SEED.projects.JPN.id];

const NOW = () => new Date("2026-11-21T15:30:00Z");
const search = (sandbox: Sandbox): RecordedRequest =>
  sandbox.requests.filter((r) => r.path === "/api/v2/issues").at(-1)!;

Deno.test("relative dates: 'today' is Tokyo's today in Tokyo and UTC's in UTC", async () => {
  await withSession(async (session, sandbox) => {
    const today = {
      due_date_since: "today",
      due_date_until: "today",
      assignee_ids: [],
      status_ids: [],
    };
    const tokyo = await session.call("get_user_issue_list", { ...today, timezone: "Asia/Tokyo" });
    assert(!tokyo.isError, textOf(tokyo));
    assertEquals(search(sandbox).params.dueDateSince, ["2026-11-22"]);
    assertEquals(search(sandbox).params.dueDateUntil, ["2026-11-22"]);
    assertStringIncludes(textOf(tokyo), "due date: 2026-11-22 to 2026-11-22 (today)");
    assertStringIncludes(
      textOf(tokyo),
      "resolved in Asia/Tokyo, where today is 2026-11-22 (Sunday)",
    );
    for (const row of listOf(tokyo).issues) {
      assertEquals(row.due_date, "2026-11-22");
    }

    const utc = await session.call("get_user_issue_list", { ...today, timezone: "UTC" });
    assertEquals(search(sandbox).params.dueDateSince, ["2026-11-21"]);
    const utcRows = listOf(utc).issues;
    assert(utcRows.length > 0, "the seed has issues due on 2026-11-21");
    for (const row of utcRows) assertEquals(row.due_date, "2026-11-21");
  }, { now: NOW });
});

Deno.test("relative dates: the default timezone is BACKLOG_TIMEZONE", async () => {
  await withSession(async (session, sandbox) => {
    // Kiritimati (+14) is on Sunday the 22nd, so yesterday is the 21st (UTC's would be the 20th).
    await session.call("get_user_issue_list", { updated_since: "yesterday" });
    assertEquals(search(sandbox).params.updatedSince, ["2026-11-21"]);
  }, { now: NOW, env: { BACKLOG_TIMEZONE: "Pacific/Kiritimati" } });
});

Deno.test("relative dates: weeks run Monday–Sunday; range words give their ends", async () => {
  await withSession(async (session, sandbox) => {
    await session.call("get_user_issue_list", {
      due_date_since: "this_week",
      due_date_until: "this_week",
      created_since: "last_7_days",
      timezone: "UTC",
    });
    const params = search(sandbox).params;
    assertEquals([params.dueDateSince, params.dueDateUntil], [["2026-11-16"], ["2026-11-22"]]);
    assertEquals(params.createdSince, ["2026-11-15"]);
    // In Tokyo it is already Sunday 22nd: still the same week, but next_7_days moves by a day.
    await session.call("get_user_issue_list", {
      due_date_since: "next_7_days",
      due_date_until: "next_7_days",
      timezone: "Asia/Tokyo",
    });
    const tokyo = search(sandbox).params;
    assertEquals([tokyo.dueDateSince, tokyo.dueDateUntil], [["2026-11-22"], ["2026-11-28"]]);
  }, { now: NOW });
});

Deno.test("relative dates: overdue = due before today, still only open issues by default", async () => {
  await withSession(async (session, sandbox) => {
    const result = await session.call("get_user_issue_list", {
      due_date_until: "overdue",
      timezone: "Asia/Tokyo",
      limit: 1000,
    });
    assert(!result.isError, textOf(result));
    const params = search(sandbox).params;
    assertEquals(params.dueDateUntil, ["2026-11-21"], "before Tokyo's 22nd");
    assertEquals(params.dueDateSince, undefined);
    assert(!params.statusId.includes("4"), "Closed stays excluded");
    const rows = listOf(result).issues;
    assert(rows.length > 0);
    for (const row of rows) {
      assert(
        row.due_date !== null && row.due_date <= "2026-11-21",
        `${row.key} due ${row.due_date}`,
      );
      assert(row.status !== "Closed" && row.status !== "完了");
    }
    // Exactly my open issues due up to Tokyo's yesterday; in UTC the 21st is today, not overdue.
    const expected = (until: string) =>
      sandbox.state.issues.filter((i) =>
        i.assigneeId === SEED.me.id && i.statusId !== 4 && i.dueDate !== null &&
        i.dueDate <= until && ACTIVE.includes(i.projectId)
      ).length;
    assertEquals((result.structuredContent as { total: number }).total, expected("2026-11-21"));
    const utc = await session.call("get_user_issue_list", {
      due_date_until: "overdue",
      timezone: "UTC",
      limit: 1000,
    });
    assertEquals(search(sandbox).params.dueDateUntil, ["2026-11-20"]);
    assertEquals((utc.structuredContent as { total: number }).total, expected("2026-11-20"));
    assert(
      expected("2026-11-21") > expected("2026-11-20"),
      "the seed has open issues of mine due on the 21st",
    );
  }, { now: NOW });
});

Deno.test("relative dates: 'overdue' belongs to the due date's upper bound only", async () => {
  await withSession(async (session, sandbox) => {
    for (const param of ["due_date_since", "created_until", "updated_since"]) {
      const result = await session.call("get_user_issue_list", { [param]: "overdue" });
      assertEquals(result.isError, true, param);
      assertStringIncludes(textOf(result), param);
      assertStringIncludes(textOf(result), "due_date_until");
    }
    const bad = await session.call("get_user_issue_list", { due_date_until: "next_month" });
    assertEquals(bad.isError, true);
    assertStringIncludes(textOf(bad), "this_week");
    const backwards = await session.call("get_user_issue_list", {
      due_date_since: "tomorrow",
      due_date_until: "yesterday",
    });
    assertEquals(backwards.isError, true);
    assertStringIncludes(
      textOf(backwards),
      "due_date_since (2026-11-22) is after due_date_until (2026-11-20)",
    );
    assertEquals(sandbox.requests.length, 0, "refused before any request");
  }, { now: NOW });
});

Deno.test("relative dates: update_issue's due_date 'tomorrow' is tomorrow in the timezone", async () => {
  await withSession(async (session, sandbox) => {
    const result = await session.call("update_issue", {
      issue_key: "DEMO-3",
      due_date: "tomorrow",
      timezone: "Pacific/Kiritimati",
    });
    assert(!result.isError, textOf(result));
    const issue = sandbox.state.issues.find((i) => i.issueKey === "DEMO-3")!;
    assertEquals(issue.dueDate, "2026-11-23", "Kiritimati is already on the 22nd");
    await session.call("update_issue", {
      issue_key: "DEMO-3",
      due_date: "tomorrow",
      timezone: "UTC",
    });
    assertEquals(issue.dueDate, "2026-11-22");
  }, { now: NOW });
});
