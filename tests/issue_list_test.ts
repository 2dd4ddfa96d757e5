/**
 * get_user_issue_list through the whole pipeline: Python parity (each
 * parameter reaches Backlog under the right name), defaults, paging past 100,
 * caching, validation before requests.
 */

import { assert, assertEquals, assertStringIncludes } from "./assert.ts";
import { listOf, textOf, withSession } from "./harness.ts";
import { SEED } from "../src/tooling/sandbox/seed.ts";
import type { RecordedRequest, Sandbox } from "../src/tooling/sandbox/server.ts";

const issueSearches = (sandbox: Sandbox): RecordedRequest[] =>
  sandbox.requests.filter((r) => r.path === "/api/v2/issues");

/** My open issues in joined, non-archived projects, computed from the stand-in's data. */
function expectedDefaultTotal(sandbox: Sandbox): number {
  const { state } = sandbox;
  const visible = new Set(
    state.projects
      .filter((p) => !p.archived && state.projectMembers[p.id].includes(SEED.me.id))
      .map((p) => p.id),
  );
  return state.issues.filter((i) =>
    i.assigneeId === SEED.me.id && i.statusId !== 4 && visible.has(i.projectId)
  ).length;
}

Deno.test("list: defaults are me, every status but Closed (custom included), active projects", async () => {
  await withSession(async (session, sandbox) => {
    const result = await session.call("get_user_issue_list", {});
    assert(!result.isError, textOf(result));
    const s = listOf(result);
    const total = expectedDefaultTotal(sandbox);
    assert(total > 100, `seed should give me more than 100 open issues, has ${total}`);
    // A full page is not followed by a count round trip: the total is said to be unknown.
    assertEquals(s.total, undefined);
    assertEquals(s.count, 100);
    assertEquals(s.next_offset, 100);
    assertStringIncludes(
      textOf(result),
      "Showing 1–100; more may match — next page: offset=100 (limit: 0 counts them).",
    );
    assertEquals(sandbox.requests.filter((r) => r.path === "/api/v2/issues/count").length, 0);
    const counted = await session.call("get_user_issue_list", { limit: 0 });
    assertEquals(listOf(counted).total, total);
    assertEquals(listOf(counted).count, 0);
    assertStringIncludes(textOf(counted), `${total} issues match these filters (limit 0`);
    assertStringIncludes(textOf(result), "archived project");

    const search = issueSearches(sandbox)[0];
    assertEquals(search.params.assigneeId, [String(SEED.me.id)]);
    const statusIds = search.params.statusId.map(Number);
    assert(!statusIds.includes(4), "Closed excluded");
    for (const id of [1, 2, 3, SEED.statuses.projWaitingForQa, SEED.statuses.jpnReviewWaiting]) {
      assert(statusIds.includes(id), `status ${id} included`);
    }
    const projectIds = search.params.projectId.map(Number).sort();
    assertEquals(projectIds, [SEED.projects.DEMO.id, SEED.projects.PROJ.id, SEED.projects.JPN.id]);
    assertEquals(search.params.count, ["100"]);
    for (const row of s.issues) assert(row.status !== "Closed" && row.status !== "完了");
  });
});

Deno.test("list: every Python parameter reaches Backlog under its API name", async () => {
  await withSession(async (session, sandbox) => {
    const args = {
      project_ids: [SEED.projects.DEMO.id, SEED.projects.PROJ.id],
      assignee_ids: [SEED.users.hanako.id, SEED.me.id],
      status_ids: [1, 2],
      milestone_ids: [SEED.milestones.demoSprint23],
      parent_issue_ids: [1],
      created_since: "2026-01-01",
      created_until: "2026-12-31",
      updated_since: "2026-02-01",
      updated_until: "2026-11-30",
      start_date_since: "2026-03-01",
      start_date_until: "2026-12-01",
      due_date_since: "2026-04-01",
      due_date_until: "2026-12-15",
    };
    const result = await session.call("get_user_issue_list", args);
    assert(!result.isError, textOf(result));
    const params = issueSearches(sandbox)[0].params;
    const expected: Record<string, string[]> = {
      projectId: ["101", "102"],
      assigneeId: [String(SEED.users.hanako.id), String(SEED.me.id)],
      statusId: ["1", "2"],
      milestoneId: [String(SEED.milestones.demoSprint23)],
      parentIssueId: ["1"],
      createdSince: ["2026-01-01"],
      createdUntil: ["2026-12-31"],
      updatedSince: ["2026-02-01"],
      updatedUntil: ["2026-11-30"],
      startDateSince: ["2026-03-01"],
      startDateUntil: ["2026-12-01"],
      dueDateSince: ["2026-04-01"],
      dueDateUntil: ["2026-12-15"],
    };
    for (const [name, value] of Object.entries(expected)) {
      assertEquals(params[name], value, `Backlog parameter ${name}`);
    }
  });
});

Deno.test("list: explicit empty lists mean any assignee and any status", async () => {
  await withSession(async (session, sandbox) => {
    const result = await session.call("get_user_issue_list", {
      assignee_ids: [],
      status_ids: [],
      project_ids: [SEED.projects.DEMO.id],
    });
    assert(!result.isError, textOf(result));
    const params = issueSearches(sandbox)[0].params;
    assertEquals(params.assigneeId, undefined);
    assertEquals(params.statusId, undefined);
    const total = sandbox.state.issues.filter((i) => i.projectId === SEED.projects.DEMO.id).length;
    assertEquals(listOf(result).total, total);
    assertStringIncludes(textOf(result), "assignee: anyone");
  });
});

Deno.test("list: more than 100 results are paged (Python stopped at 100)", async () => {
  await withSession(async (session, sandbox) => {
    const total = expectedDefaultTotal(sandbox);
    const result = await session.call("get_user_issue_list", { limit: 1000 });
    const s = listOf(result);
    assertEquals(s.count, total);
    assertEquals(s.total, total);
    assertEquals(s.next_offset, undefined);
    assertEquals(new Set(s.issues.map((i) => i.key)).size, total, "no duplicates across pages");
    const offsets = issueSearches(sandbox).map((r) => Number(r.params.offset[0]));
    assertEquals(offsets, Array.from({ length: Math.ceil(total / 100) }, (_, i) => i * 100));
    // The last page came back short, so no count request was needed.
    assertEquals(sandbox.requests.filter((r) => r.path === "/api/v2/issues/count").length, 0);

    sandbox.clearRequests();
    const second = await session.call("get_user_issue_list", { offset: 100, limit: 50 });
    const s2 = listOf(second);
    assertEquals(s2.issues.map((i) => i.key), s.issues.slice(100, 150).map((i) => i.key));
    // 51 asked for, 51 came: more follow, known without a count.
    assertEquals(issueSearches(sandbox)[0].params.count, ["51"]);
    assertEquals([s2.total, s2.next_offset], [undefined, 150]);
    assertStringIncludes(textOf(second), "Showing 101–150; more match — next page: offset=150");
    const last = await session.call("get_user_issue_list", { offset: total - 10, limit: 50 });
    assertEquals(listOf(last).total, total, "a short page gives it");
    assertStringIncludes(textOf(last), `Showing ${total - 9}–${total} of ${total} issues.`);
  });
});

Deno.test("list: metadata is cached, so a repeated call costs only its issue pages", async () => {
  await withSession(async (session, sandbox) => {
    await session.call("get_user_issue_list", { limit: 10 });
    const cold = sandbox.requests.length;
    assert(cold >= 4, `cold call fetches metadata (${cold} requests)`);
    sandbox.clearRequests();
    await session.call("get_user_issue_list", { limit: 10 });
    const paths = sandbox.requests.map((r) => r.path);
    assert(paths.every((p) => p.startsWith("/api/v2/issues")), `warm: ${paths.join(", ")}`);
    assert(paths.length <= 2, `warm call: ${paths.length} requests`);
  });
});

Deno.test("list: USER_ID from config skips /users/myself", async () => {
  await withSession(async (session, sandbox) => {
    await session.call("get_user_issue_list", { limit: 5 });
    assertEquals(sandbox.requests.filter((r) => r.path === "/api/v2/users/myself").length, 0);
    assertEquals(issueSearches(sandbox)[0].params.assigneeId, [String(SEED.users.hanako.id)]);
  }, { env: { USER_ID: String(SEED.users.hanako.id) } });
});

Deno.test("list: due dates are calendar dates in every zone; updated follows the zone", async () => {
  await withSession(async (session, sandbox) => {
    const args = { due_date_since: SEED.dueSoon.from, due_date_until: SEED.dueSoon.to };
    const utc = listOf(await session.call("get_user_issue_list", args));
    const west = await session.call("get_user_issue_list", {
      ...args,
      timezone: "America/Los_Angeles",
    });
    const ws = listOf(west);
    assert(utc.issues.length > 0, "some issues due soon");
    assertEquals(ws.issues.map((i) => i.due_date), utc.issues.map((i) => i.due_date));
    for (const row of utc.issues) {
      const record = sandbox.state.issues.find((i) =>
        `${projectKey(sandbox, i.projectId)}-${i.keyId}` === row.key
      )!;
      assertEquals(row.due_date, record.dueDate!.slice(0, 10));
    }
    assertStringIncludes(textOf(west), "updated (America/Los_Angeles)");
  });
});

Deno.test("list: keyword, sort and order are forwarded; an empty result says so", async () => {
  await withSession(async (session, sandbox) => {
    const result = await session.call("get_user_issue_list", {
      keyword: "zzz-nothing-matches-this",
      sort: "dueDate",
      order: "asc",
    });
    assert(!result.isError);
    const params = issueSearches(sandbox)[0].params;
    assertEquals(params.keyword, ["zzz-nothing-matches-this"]);
    assertEquals(params.sort, ["dueDate"]);
    assertEquals(params.order, ["asc"]);
    assertStringIncludes(textOf(result), "No issues match these filters.");
    assertEquals(listOf(result).total, 0);
  });
});

Deno.test("list: dates are validated before any request", async () => {
  await withSession(async (session, sandbox) => {
    for (
      const [args, param] of [
        [{ created_since: "2026-13-01" }, "created_since"],
        [{ updated_until: "yesterday-ish" }, "updated_until"],
        [{ start_date_since: "2026-11-30", start_date_until: "2026-11-01" }, "start_date_since"],
        [{ due_date_since: "2025-02-29" }, "due_date_since"],
      ] as const
    ) {
      const result = await session.call("get_user_issue_list", args);
      assertEquals(result.isError, true, JSON.stringify(args));
      assertStringIncludes(textOf(result), param);
    }
    assertEquals(sandbox.requests.length, 0);
  });
});

Deno.test("list: archived project is reachable when named explicitly", async () => {
  await withSession(async (session, sandbox) => {
    const result = await session.call("get_user_issue_list", {
      project_ids: [SEED.projects.OLD.id],
    });
    assert(!result.isError, textOf(result));
    const s = listOf(result);
    const expected = sandbox.state.issues.filter((i) =>
      i.projectId === SEED.projects.OLD.id && i.assigneeId === SEED.me.id && i.statusId !== 4
    ).length;
    assertEquals(s.total, expected);
  });
});

function projectKey(sandbox: Sandbox, id: number): string {
  return sandbox.state.projects.find((p) => p.id === id)!.projectKey;
}
