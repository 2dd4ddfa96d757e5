/**
 * update_issue and create_issue, each checked on the stand-in's state: names
 * resolved, only changed fields sent, before → after reported, no-ops not sent.
 */

import { assert, assertEquals, assertNotIncludes, assertStringIncludes } from "./assert.ts";
import { textOf, withSession } from "./harness.ts";
import { SEED } from "../src/tooling/sandbox/seed.ts";
import type { IssueRecord } from "../src/tooling/sandbox/types.ts";
import type { Sandbox } from "../src/tooling/sandbox/server.ts";
import type { UpdateResult } from "../src/render/write.ts";
import type { IssueView } from "../src/render/issue.ts";

const issue = (sandbox: Sandbox, key: string): IssueRecord =>
  sandbox.state.issues.find((i) => i.issueKey === key)!;
const writes = (sandbox: Sandbox) => sandbox.requests.filter((r) => r.method !== "GET");

Deno.test("update_issue: names in, only the changes out, before → after reported", async () => {
  await withSession(async (session, sandbox) => {
    const target = issue(sandbox, SEED.issues.rich); // In Progress, High, me, due 2026-11-24
    const commentsBefore = sandbox.state.comments.length;
    const result = await session.call("update_issue", {
      issue_key: SEED.issues.rich,
      status: "Waiting for review",
      assignee: "hanako",
      priority: "high", // already High: not sent
      due_date: "2026-11-30",
      milestones: ["Sprint 24"],
      comment: "Fix merged; please review.",
    });
    assert(!result.isError, textOf(result));
    assertEquals(target.statusId, SEED.statuses.demoWaitingForReview);
    assertEquals(target.assigneeId, SEED.users.hanako.id);
    assertEquals(target.dueDate, "2026-11-30");
    assertEquals(target.milestoneIds, [SEED.milestones.demoSprint24]);
    assertEquals(target.priorityId, SEED.priorities.high);

    const patch = writes(sandbox);
    assertEquals(patch.length, 1);
    assertEquals(patch[0].method, "PATCH");
    assertEquals(Object.keys(patch[0].params).sort(), [
      "assigneeId",
      "comment",
      "dueDate",
      "milestoneId",
      "statusId",
    ]);

    const r = result.structuredContent as UpdateResult;
    assertEquals(r.sent, true);
    assertEquals(r.comment_added, true);
    assertEquals(r.changes, [
      ["status", "In Progress", "Waiting for review"],
      ["assignee", "Taro Yamada", "Hanako Suzuki"],
      ["due_date", "2026-11-24", "2026-11-30"],
      ["milestones", "Sprint 23, Sprint 24", "Sprint 24"],
    ]);
    assertEquals(r.unchanged, [["priority", "High"]]);
    const text = textOf(result);
    assertStringIncludes(text, "- status: In Progress → Waiting for review");
    assertStringIncludes(text, "Already as asked (not sent): priority (High)");

    // Backlog recorded one comment with the text and the change log.
    assertEquals(sandbox.state.comments.length, commentsBefore + 1);
    const comment = sandbox.state.comments.at(-1)!;
    assertEquals(comment.content, "Fix merged; please review.");
    assertEquals(
      comment.changeLog!.map((c) => c.field).sort(),
      ["assigner", "limitDate", "milestone", "status"],
    );
  });
});

Deno.test("update_issue: a no-op is reported and nothing is sent", async () => {
  await withSession(async (session, sandbox) => {
    const before = structuredClone(issue(sandbox, SEED.issues.rich));
    const result = await session.call("update_issue", {
      issue_key: SEED.issues.rich,
      status: "処理中", // = In Progress
      assignee: "me",
      due_date: "2026-11-24",
      milestones: ["sprint 24", "Sprint 23"],
      categories: ["Backend", "Frontend"],
      comment: "   ",
    });
    assert(!result.isError, textOf(result));
    const r = result.structuredContent as UpdateResult;
    assertEquals(r.sent, false);
    assertEquals(r.changes, []);
    assertEquals(r.unchanged.map(([field]) => field), [
      "status",
      "assignee",
      "due_date",
      "milestones",
      "categories",
    ]);
    assertStringIncludes(textOf(result), "nothing was sent");
    assertEquals(writes(sandbox), [], "no PATCH");
    assertEquals(issue(sandbox, SEED.issues.rich), before);
  });
});

Deno.test('update_issue: a comment alone is sent; "" clears fields (null and -1 too)', async () => {
  await withSession(async (session, sandbox) => {
    const only = await session.call("update_issue", {
      issue_key: "DEMO-3",
      comment: "Still on it.",
    });
    assert(!only.isError, textOf(only));
    assertEquals(writes(sandbox).length, 1);
    assertEquals(writes(sandbox)[0].params, { comment: ["Still on it."] });
    assertEquals((only.structuredContent as UpdateResult).comment_added, true);
    assertEquals(sandbox.state.comments.at(-1)!.content, "Still on it.");

    const cleared = await session.call("update_issue", {
      issue_key: SEED.issues.rich,
      assignee: "",
      due_date: null, // still accepted, though not advertised
      start_date: "",
      milestones: [],
      status: "Resolved",
      resolution: "Fixed",
      estimated_hours: -1,
      actual_hours: 3.5,
    });
    assert(!cleared.isError, textOf(cleared));
    const rich = issue(sandbox, SEED.issues.rich);
    assertEquals(
      [
        rich.assigneeId,
        rich.dueDate,
        rich.startDate,
        rich.milestoneIds,
        rich.statusId,
        rich.resolutionId,
        rich.estimatedHours,
        rich.actualHours,
      ],
      [null, null, null, [], 3, 0, null, 3.5],
    );
    const changes = (cleared.structuredContent as UpdateResult).changes;
    assertEquals(changes.find(([field]) => field === "assignee"), ["assignee", "Taro Yamada", ""]);
    assertEquals(changes.find(([field]) => field === "resolution"), ["resolution", "", "Fixed"]);
    assertEquals(changes.find(([field]) => field === "estimated_hours"), [
      "estimated_hours",
      "4",
      "",
    ]);
  });
});

Deno.test("update_issue: Japanese names in the Japanese project", async () => {
  await withSession(async (session, sandbox) => {
    const result = await session.call("update_issue", {
      issue_key: SEED.issues.jpnCustomStatus,
      status: "Closed",
      resolution: "対応済み",
      assignee: "佐藤健二",
      categories: ["サーバー"],
    });
    assert(!result.isError, textOf(result));
    const jpn = issue(sandbox, SEED.issues.jpnCustomStatus);
    assertEquals([jpn.statusId, jpn.resolutionId, jpn.assigneeId], [4, 0, SEED.users.kenji.id]);
    assertEquals(jpn.categoryIds, [3302]);
    assertStringIncludes(textOf(result), "- status: レビュー待ち → 完了");
  });
});

Deno.test("update_issue: bad names, non-members and date order are refused before sending", async () => {
  await withSession(async (session, sandbox) => {
    const cases: [Record<string, unknown>, string[]][] = [
      [{ status: "Waiting for QA" }, [
        "status",
        'no status named "Waiting for QA" in DEMO',
        "Waiting for review",
      ]],
      [{ status: 102 }, ["status", "102 is not the id of a status in DEMO"]],
      [{ assignee: "maria" }, ["assignee", "among the members of DEMO"]],
      [{ assignee: SEED.users.maria.id }, ["assignee", "user 5005 is not a member of DEMO"]],
      [{ priority: "Urgent" }, ["priority", "High, Normal, Low"]],
      [{ milestones: ["Sprint 99"] }, ["milestones", "Sprint 23"]],
      [{ start_date: "2026-12-01" }, ["start_date", "after the due date (2026-11-24)"]],
      [{ due_date: "2026-13-01" }, ["due_date", "YYYY-MM-DD"]],
      [{ summary: "  " }, ["summary", "empty"]],
      [{ stauts: "Open" }, ["stauts", "allowed"]],
    ];
    for (const [args, parts] of cases) {
      const result = await session.call("update_issue", { issue_key: SEED.issues.rich, ...args });
      assertEquals(result.isError, true, JSON.stringify(args));
      for (const part of parts) assertStringIncludes(textOf(result), part);
    }
    assertEquals(writes(sandbox), []);
    const missing = await session.call("update_issue", { issue_key: "DEMO-99999", status: "Open" });
    assertEquals(missing.isError, true);
    assertStringIncludes(textOf(missing), "DEMO-99999 was not found");
  });
});

Deno.test("create_issue: names resolved, the issue stored, key and URL answered", async () => {
  await withSession(async (session, sandbox) => {
    const count = sandbox.state.issues.length;
    const result = await session.call("create_issue", {
      project: "proj",
      summary: "Add CSV export to the billing page",
      issue_type: "Task",
      description: "Customers ask for it.",
      assignee: "me",
      due_date: "2026-12-10",
      start_date: "2026-12-01",
      milestones: ["2026 Q4"],
      categories: ["Billing"],
      estimated_hours: 6,
      notify_user_ids: ["hanako"],
    });
    assert(!result.isError, textOf(result));
    assertEquals(sandbox.state.issues.length, count + 1);
    const created = sandbox.state.issues.at(-1)!;
    assertEquals(created.projectId, SEED.projects.PROJ.id);
    assertEquals(created.summary, "Add CSV export to the billing page");
    assertEquals(created.issueTypeId, SEED.issueTypes.projTask);
    assertEquals(created.priorityId, SEED.priorities.normal, "Normal by default");
    assertEquals(created.assigneeId, SEED.me.id);
    assertEquals([created.startDate, created.dueDate], ["2026-12-01", "2026-12-10"]);
    assertEquals(created.milestoneIds, [4204]);
    assertEquals(created.categoryIds, [3205]);
    assertEquals(created.estimatedHours, 6);
    const view = (result.structuredContent as { issue: IssueView }).issue;
    assertEquals(view.key, created.issueKey);
    assertEquals(view.url, `${sandbox.url}/view/${created.issueKey}`);
    assertStringIncludes(textOf(result), `Created ${created.issueKey}: Add CSV export`);
    assertEquals(writes(sandbox)[0].params.notifiedUserId, [String(SEED.users.hanako.id)]);
  });
});

Deno.test("create_issue: a child issue, Japanese names, and refusals before posting", async () => {
  await withSession(async (session, sandbox) => {
    const child = await session.call("create_issue", {
      project: "JPN",
      summary: "文言の英訳を追加する",
      issue_type: "タスク",
      priority: "高",
      parent_issue: "jpn-1",
    });
    assert(!child.isError, textOf(child));
    const created = sandbox.state.issues.at(-1)!;
    assertEquals(created.parentIssueId, issue(sandbox, "JPN-1").id);
    assertEquals(created.priorityId, SEED.priorities.high);
    assertStringIncludes(textOf(child), "Parent: JPN-1");

    sandbox.clearRequests();
    const cases: [Record<string, unknown>, string[]][] = [
      [{ project: "DEMO", summary: "x", issue_type: "Epic" }, [
        "issue_type",
        "Bug, Task, Request, Other",
      ]],
      [{ project: "OPS", summary: "x", issue_type: "Task" }, [
        "project",
        "not a project this API key can see",
      ]],
      [{ project: "DEMO", summary: "x", issue_type: "Task", parent_issue: "JPN-1" }, [
        "parent_issue",
        "JPN-1 is not in DEMO",
      ]],
      [{ project: "DEMO", issue_type: "Task" }, ["summary"]],
      [{ project: "DEMO", summary: "x", issue_type: "Task", priority: "Urgent" }, ["priority"]],
    ];
    for (const [args, parts] of cases) {
      const result = await session.call("create_issue", args);
      assertEquals(result.isError, true, JSON.stringify(args));
      for (const part of parts) assertStringIncludes(textOf(result), part);
      assertNotIncludes(textOf(result), "ログイン画面", "the other issue's content is not shown");
    }
    assertEquals(writes(sandbox), []);
  });
});
