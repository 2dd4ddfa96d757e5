/**
 * get_watched_issues, set_watching and count_issues through the whole
 * pipeline. Counts are checked against the stand-in's own data, and the
 * requests show they came from GET /issues/count, one per group.
 */

import { assert, assertEquals, assertStringIncludes } from "./assert.ts";
import { textOf, withSession } from "./harness.ts";
import { SEED } from "../src/tooling/sandbox/seed.ts";

const NOW = () => new Date(SEED.attention.now);
const A = SEED.attention;

interface Watched {
  total: number;
  unread_total: number;
  issues: { key: string; unread: boolean; note: string }[];
}

Deno.test("watched issues: unread first, unread_only, notes; times in the zone", async () => {
  await withSession(async (session) => {
    const result = await session.call("get_watched_issues", { timezone: "Asia/Tokyo" });
    assert(!result.isError, textOf(result));
    const w = result.structuredContent as unknown as Watched;
    assertEquals([w.total, w.unread_total], [A.watched.length, 3]);
    assertEquals(w.issues.slice(0, 3).map((i) => i.key).sort(), A.watched.slice(0, 3).sort());
    assert(
      w.issues.slice(0, 3).every((i) => i.unread) && w.issues.slice(3).every((i) => !i.unread),
    );
    assertEquals(
      w.issues.find((i) => i.key === A.watchedCommented)!.note,
      "Blocks the export release",
    );
    assertStringIncludes(textOf(result), "+09:00 | unread");
    const unread = (await session.call("get_watched_issues", { unread_only: true, limit: 2 }))
      .structuredContent as unknown as Watched & { next_offset: number | null };
    assertEquals([unread.issues.length, unread.next_offset], [2, 2]);
  }, { now: NOW });
});

Deno.test("set_watching: watch, note, idempotent repeats, unwatch; the stand-in changes accordingly", async () => {
  await withSession(async (session, sandbox) => {
    const watching = () =>
      sandbox.state.attention.watchings.filter((x) =>
        x.issueId === sandbox.state.issues.find((i) => i.issueKey === "DEMO-3")!.id
      );
    const on = await session.call("set_watching", { issue_key: "DEMO-3", watch: true, note: "x" });
    assertEquals(textOf(on), 'Now watching DEMO-3. Note: "x".');
    assertEquals(watching().map((x) => x.note), ["x"]);
    const again = await session.call("set_watching", { issue_key: "DEMO-3", watch: true });
    assertEquals(textOf(again), 'Already watching DEMO-3; nothing changed. Note: "x".');
    const note = await session.call("set_watching", {
      issue_key: "demo-3",
      watch: true,
      note: "y",
    });
    assertStringIncludes(textOf(note), "its note is updated");
    assertEquals(watching().map((x) => x.note), ["y"]);
    const off = await session.call("set_watching", { issue_key: "DEMO-3", watch: false });
    assertEquals([textOf(off), watching().length], ["Stopped watching DEMO-3.", 0]);
    const offAgain = await session.call("set_watching", { issue_key: "DEMO-3", watch: false });
    assertEquals(textOf(offAgain), "Was not watching DEMO-3; nothing changed.");
    const missing = await session.call("set_watching", { issue_key: "DEMO-3" });
    assertEquals(missing.isError, true);
    assertStringIncludes(textOf(missing), "watch is required");
  });
});

interface Counts {
  total: number;
  groups: { group: string; count: number }[];
  method: string;
}

Deno.test("count_issues: by status, priority, assignee, project, milestone; one /issues/count per group", async () => {
  await withSession(async (session, sandbox) => {
    const s = sandbox.state;
    const mineOpen = s.issues.filter((i) =>
      i.assigneeId === SEED.me.id && i.statusId !== 4 && i.projectId !== SEED.projects.OLD.id
    );
    sandbox.clearRequests();
    const byStatus = (await session.call("count_issues", { group_by: "status" }))
      .structuredContent as unknown as Counts;
    assertEquals(byStatus.total, mineOpen.length);
    assertEquals(byStatus.groups.reduce((n, g) => n + g.count, 0), mineOpen.length);
    const open = byStatus.groups.find((g) => g.group === "Open/未対応")!;
    assertEquals(open.count, mineOpen.filter((i) => i.statusId === 1).length);
    const paths = sandbox.requests.map((r) => r.path);
    assertEquals(paths.filter((p) => p === "/api/v2/issues"), [], "no issue was listed");
    assertEquals(
      paths.filter((p) => p === "/api/v2/issues/count").length,
      byStatus.groups.length + 1,
    );

    const byAssignee = (await session.call("count_issues", {
      group_by: "assignee",
      filters: { project_ids: ["DEMO"], assignee_ids: [], status_ids: [] },
    })).structuredContent as unknown as Counts;
    const demo = s.issues.filter((i) => i.projectId === SEED.projects.DEMO.id);
    assertEquals(byAssignee.total, demo.length);
    assertEquals(
      byAssignee.groups.find((g) => g.group === "unassigned")!.count,
      demo.filter((i) => i.assigneeId === null).length,
    );
    assertEquals(
      byAssignee.groups.find((g) => g.group === "Hanako Suzuki")!.count,
      demo.filter((i) => i.assigneeId === SEED.users.hanako.id).length,
    );

    const byProject = (await session.call("count_issues", {
      group_by: "project",
      filters: { assignee_ids: [], status_ids: [] },
    })).structuredContent as unknown as Counts;
    assertEquals(byProject.groups.map((g) => g.group.split(" ")[0]), ["DEMO", "PROJ", "JPN"]);
    assertEquals(byProject.groups[1].count, SEED.counts.issuesPerProject.PROJ);

    const byPriority = (await session.call("count_issues", { group_by: "priority" }))
      .structuredContent as unknown as Counts;
    assertEquals(byPriority.groups.map((g) => g.group), ["High", "Normal", "Low"]);
    assertEquals(byPriority.groups.reduce((n, g) => n + g.count, 0), byPriority.total);

    const byMilestone = await session.call("count_issues", {
      group_by: "milestone",
      filters: { project_ids: ["DEMO"], assignee_ids: [] },
    });
    const m = byMilestone.structuredContent as unknown as Counts;
    assertEquals(
      m.groups.find((g) => g.group === "Sprint 24")!.count,
      demo.filter((i) => i.statusId !== 4 && i.milestoneIds.includes(SEED.milestones.demoSprint24))
        .length,
    );
    assertStringIncludes(textOf(byMilestone), "issues without a milestone cannot be counted");
  }, { now: NOW });
});

Deno.test("count_issues: due buckets in the zone add up; the filters are get_user_issue_list's", async () => {
  await withSession(async (session, sandbox) => {
    const result = await session.call("count_issues", {
      group_by: "due",
      filters: { timezone: "Asia/Tokyo" },
    });
    assert(!result.isError, textOf(result));
    const c = result.structuredContent as unknown as Counts;
    assertEquals(c.groups.map((g) => g.group), [
      "overdue (due before 2026-11-21)",
      "today (2026-11-21)",
      "rest of this week (2026-11-22 – 2026-11-22)",
      "later (from 2026-11-23)",
      "no due date",
    ]);
    assertEquals(c.groups.reduce((n, g) => n + g.count, 0), c.total, "buckets cover every issue");
    const mine = sandbox.state.issues.filter((i) =>
      i.assigneeId === SEED.me.id && i.statusId !== 4 && i.projectId !== SEED.projects.OLD.id
    );
    assertEquals(c.groups[1].count, mine.filter((i) => i.dueDate === "2026-11-21").length);
    assertEquals(c.groups[4].count, mine.filter((i) => i.dueDate === null).length);

    // A due-date filter narrows the buckets; one outside it is 0 without a request.
    const narrowed = (await session.call("count_issues", {
      group_by: "due",
      filters: { due_date_since: "today", timezone: "Asia/Tokyo" },
    })).structuredContent as unknown as Counts;
    assertEquals([narrowed.groups[0].count, narrowed.groups[4].count], [0, 0]);

    for (
      const [filters, says] of [
        [{ sort: "updated" }, 'unknown parameter "sort"'],
        [{ project_ids: "DEMO" }, "project_ids must be an array"],
        [{ project_ids: ["NOPE"] }, "Invalid project_ids"],
        [{ due_date_until: "someday" }, "due_date_until must be a real calendar date"],
      ] as const
    ) {
      const bad = await session.call("count_issues", { group_by: "status", filters });
      assertEquals(bad.isError, true, JSON.stringify(filters));
      assertStringIncludes(textOf(bad), says);
    }
  }, { now: NOW });
});
