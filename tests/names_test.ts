/**
 * Names instead of ids, end to end: project keys, statuses in English,
 * Japanese and custom, people by "me"/login/display name, milestones by name;
 * unknown names list the valid ones; ambiguous names are refused. Each case
 * checks what reached Backlog (or that nothing did).
 */

import { assert, assertEquals, assertNotIncludes, assertStringIncludes } from "./assert.ts";
import { listOf, textOf, withSession } from "./harness.ts";
import { SEED } from "../src/tooling/sandbox/seed.ts";
import type { RecordedRequest, Sandbox } from "../src/tooling/sandbox/server.ts";

const searches = (sandbox: Sandbox): RecordedRequest[] =>
  sandbox.requests.filter((r) => r.path === "/api/v2/issues");
const numbers = (values: string[] | undefined) => (values ?? []).map(Number).sort((a, b) => a - b);

Deno.test("names: project keys, Japanese and custom statuses, people and milestones", async () => {
  await withSession(async (session, sandbox) => {
    const result = await session.call("get_user_issue_list", {
      project_ids: ["proj", SEED.projects.JPN.id, "DEMO"],
      status_ids: ["処理中", "Waiting for QA", "レビュー待ち", "open"],
      assignee_ids: ["me", "hanako", "佐藤 健二"],
      milestone_ids: ["Sprint 24", "第2期リリース"],
    });
    assert(!result.isError, textOf(result));
    const params = searches(sandbox)[0].params;
    const { projects: P, statuses: S, users: U, milestones: M } = SEED;
    assertEquals(numbers(params.projectId), [P.DEMO.id, P.PROJ.id, P.JPN.id]);
    assertEquals(
      numbers(params.statusId),
      [S.open, S.inProgress, S.projWaitingForQa, S.jpnReviewWaiting].sort((a, b) => a - b),
    );
    assertEquals(numbers(params.assigneeId), [U.taro.id, U.hanako.id, U.kenji.id]);
    assertEquals(numbers(params.milestoneId), [M.demoSprint23 + 1, 4302]);
    const text = textOf(result);
    assertStringIncludes(text, "status: In Progress/処理中 (2), Waiting for QA (102)");
    assertStringIncludes(
      text,
      "assignee: me (Taro Yamada, user id 5001), Hanako Suzuki (hanako, 5002)",
    );
    assertStringIncludes(text, "milestone: Sprint 24 (4103), 第2期リリース (4302)");
  });
});

Deno.test("names: the English name of a built-in status finds it in the Japanese project", async () => {
  await withSession(async (session, sandbox) => {
    const result = await session.call("get_user_issue_list", {
      project_ids: ["JPN"],
      status_ids: ["Closed"],
      assignee_ids: [],
    });
    assert(!result.isError, textOf(result));
    assertEquals(searches(sandbox)[0].params.statusId, ["4"]);
    const rows = listOf(result).issues;
    assert(rows.length > 0);
    for (const row of rows) assertEquals(row.status, "完了");
  });
});

Deno.test("names: an unknown status lists the valid names and nothing is searched", async () => {
  await withSession(async (session, sandbox) => {
    const result = await session.call("get_user_issue_list", {
      project_ids: ["PROJ"],
      status_ids: ["Doing"],
    });
    assertEquals(result.isError, true);
    const text = textOf(result);
    assertStringIncludes(text, 'Invalid status_ids: no status named "Doing" in PROJ');
    for (const name of ["Open", "In Progress", "Blocked", "Waiting for QA", "Ready to deploy"]) {
      assertStringIncludes(text, name);
    }
    assertNotIncludes(text, "レビュー待ち", "only the selected project's statuses");
    assertEquals(searches(sandbox).length, 0);
  });
});

Deno.test("names: unknown people, milestones and projects are named with the valid ones", async () => {
  await withSession(async (session, sandbox) => {
    const cases: [Record<string, unknown>, string[]][] = [
      [{ assignee_ids: ["jiro"] }, [
        "assignee_ids",
        'no user named "jiro"',
        "Hanako Suzuki (hanako)",
      ]],
      [{ milestone_ids: ["Sprint 99"], project_ids: ["DEMO"] }, ["milestone_ids", "Sprint 23"]],
      [{ project_ids: ["NOPE"] }, ["project_ids", '"NOPE" is not a project', "DEMO (Demo Web App"]],
    ];
    for (const [args, parts] of cases) {
      const result = await session.call("get_user_issue_list", args);
      assertEquals(result.isError, true, JSON.stringify(args));
      for (const part of parts) assertStringIncludes(textOf(result), part);
    }
    assertEquals(searches(sandbox).length, 0);
  });
});

Deno.test("names: ambiguity is an error that shows both, never a guess", async () => {
  await withSession(async (session, sandbox) => {
    // A second PROJ status that folds to the same name, and a user named like another's login.
    sandbox.state.statuses.push({
      id: 150,
      projectId: SEED.projects.PROJ.id,
      name: "WAITING FOR QA",
      color: "#3b9dbd",
      displayOrder: 3002,
    });
    sandbox.state.users.find((u) => u.id === SEED.users.john.id)!.name = "hanako";

    const status = await session.call("get_user_issue_list", { status_ids: ["waiting for qa"] });
    assertEquals(status.isError, true);
    assertStringIncludes(textOf(status), "more than one status in PROJ");
    assertStringIncludes(textOf(status), '"Waiting for QA" (102) and "WAITING FOR QA" (150)');

    const person = await session.call("get_user_issue_list", { assignee_ids: ["Hanako"] });
    assertEquals(person.isError, true);
    assertStringIncludes(textOf(person), "Hanako Suzuki (hanako, 5002)");
    assertStringIncludes(textOf(person), "hanako (jsmith, 5004)");
    assertStringIncludes(textOf(person), "Pass the id instead");
    assertEquals(searches(sandbox).length, 0);

    const byId = await session.call("get_user_issue_list", {
      status_ids: [150],
      assignee_ids: [5004],
    });
    assert(!byId.isError, textOf(byId));
  });
});

Deno.test("names: metadata used for names is cached across calls", async () => {
  await withSession(async (session, sandbox) => {
    const args = {
      status_ids: ["In Progress"],
      assignee_ids: ["hanako"],
      milestone_ids: ["Sprint 24"],
    };
    assert(!(await session.call("get_user_issue_list", args)).isError);
    sandbox.clearRequests();
    assert(!(await session.call("get_user_issue_list", args)).isError);
    const paths = sandbox.requests.map((r) => r.path);
    assert(paths.every((p) => p.startsWith("/api/v2/issues")), `warm: ${paths.join(", ")}`);
  });
});
