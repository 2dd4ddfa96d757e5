/**
 * get_user_issue_list's attribute filters through the whole pipeline: each
 * name resolves to Backlog's id in Backlog's parameter form, the stand-in
 * answers, and the issues shown are exactly those an independent
 * computation over the stand-in's data selects; contradictions are refused
 * before Backlog is asked anything.
 */

import { assert, assertEquals, assertStringIncludes } from "./assert.ts";
import { listOf, textOf, withSession } from "./harness.ts";
import { linkedSharedFiles } from "../src/tooling/sandbox/format.ts";
import { SEED } from "../src/tooling/sandbox/seed.ts";
import type { RecordedRequest, Sandbox } from "../src/tooling/sandbox/server.ts";
import type { IssueRecord, SandboxState } from "../src/tooling/sandbox/types.ts";

type Pred = (issue: IssueRecord, state: SandboxState) => boolean;

const search = (sandbox: Sandbox): RecordedRequest =>
  sandbox.requests.filter((r) => r.path === "/api/v2/issues").at(-1)!;

/** Any assignee, any status, in DEMO and PROJ: the base every case narrows. */
const BASE = { project_ids: ["DEMO", "PROJ"], assignee_ids: [], status_ids: [], limit: 1000 };
const inBase: Pred = (i) => [SEED.projects.DEMO.id, SEED.projects.PROJ.id].includes(i.projectId);

const hasKids = (s: SandboxState, i: IssueRecord) => s.issues.some((x) => x.parentIssueId === i.id);

interface Case {
  args: Record<string, unknown>;
  sent: Record<string, string[]>;
  says: string;
  pred: Pred;
}

const CASES: Case[] = [
  {
    args: { issue_type_ids: ["bug"] },
    sent: { issueTypeId: [String(SEED.issueTypes.demoBug), String(SEED.issueTypes.projBug)] },
    says: "issue type: Bug (1101), Bug (1201)",
    pred: (i) => [1101, 1201].includes(i.issueTypeId),
  },
  {
    args: { category_ids: ["Frontend", 3201] },
    sent: { categoryId: ["3101", "3201"] },
    says: "category: Frontend (3101), 3201",
    pred: (i) => i.categoryIds.some((c) => c === 3101 || c === 3201),
  },
  {
    args: { priority_ids: ["高"] },
    sent: { priorityId: ["2"] },
    says: "priority: High (2)",
    pred: (i) => i.priorityId === 2,
  },
  {
    args: { resolution_ids: ["Fixed", "Won't Fix"] },
    sent: { resolutionId: ["0", "1"] },
    says: "resolution: Fixed (0), Won't Fix (1)",
    pred: (i) => i.resolutionId === 0 || i.resolutionId === 1,
  },
  {
    args: { resolution_ids: [0] },
    sent: { resolutionId: ["0"] },
    says: "resolution: Fixed (0)",
    pred: (i) => i.resolutionId === 0,
  },
  {
    args: { reporter_ids: ["me", "hanako"] },
    sent: { createdUserId: [String(SEED.me.id), String(SEED.users.hanako.id)] },
    says: "reporter: me (Taro Yamada, user id 5001), Hanako Suzuki (hanako, 5002)",
    pred: (i) => i.createdUserId === SEED.me.id || i.createdUserId === SEED.users.hanako.id,
  },
  {
    args: { only: ["no_due_date"] },
    sent: { hasDueDate: ["false"] },
    says: "due date: none",
    pred: (i) => i.dueDate === null,
  },
  {
    args: { only: ["due_date"] },
    sent: { dueDateSince: ["1970-01-01"] },
    says: "due date: set",
    pred: (i) => i.dueDate !== null,
  },
  {
    args: { only: ["attachments"] },
    sent: { attachment: ["true"] },
    says: "with attachments",
    pred: (i) => i.attachments.length > 0,
  },
  {
    args: { only: ["no_attachments"] },
    sent: { attachment: ["false"] },
    says: "without attachments",
    pred: (i) => i.attachments.length === 0,
  },
  {
    args: { only: ["shared_files"] },
    sent: { sharedFile: ["true"] },
    says: "with shared files",
    pred: (i, s) => linkedSharedFiles(s, i.id).length > 0,
  },
  {
    args: { only: ["no_shared_files"] },
    sent: { sharedFile: ["false"] },
    says: "without shared files",
    pred: (i, s) => linkedSharedFiles(s, i.id).length === 0,
  },
  {
    args: { only: ["parents"] },
    sent: { parentChild: ["4"] },
    says: "parent issues (with child issues)",
    pred: (i, s) => hasKids(s, i),
  },
  {
    args: { only: ["children"] },
    sent: { parentChild: ["2"] },
    says: "child issues",
    pred: (i) => i.parentIssueId !== null,
  },
  {
    args: { only: ["not_children"] },
    sent: { parentChild: ["1"] },
    says: "not child issues",
    pred: (i) => i.parentIssueId === null,
  },
  {
    args: { only: ["standalone"] },
    sent: { parentChild: ["3"] },
    says: "neither parent nor child",
    pred: (i, s) => i.parentIssueId === null && !hasKids(s, i),
  },
  {
    // Several at once: AND across filters.
    args: { only: ["children", "no_due_date"], priority_ids: ["Normal"] },
    sent: { parentChild: ["2"], hasDueDate: ["false"], priorityId: ["3"] },
    says: "child issues; due date: none",
    pred: (i) => i.parentIssueId !== null && i.dueDate === null && i.priorityId === 3,
  },
];

Deno.test("filters by name: each reaches Backlog in its documented form and selects exactly its issues", async () => {
  await withSession(async (session, sandbox) => {
    for (const c of CASES) {
      const label = JSON.stringify(c.args);
      const result = await session.call("get_user_issue_list", { ...BASE, ...c.args });
      assert(!result.isError, `${label}: ${textOf(result)}`);
      const sent = search(sandbox).params;
      for (const [name, values] of Object.entries(c.sent)) {
        assertEquals(sent[name], values, `${label}: ${name}`);
      }
      const want = sandbox.state.issues.filter((i) => inBase(i, sandbox.state))
        .filter((i) => c.pred(i, sandbox.state)).map((i) => i.issueKey).sort();
      assert(want.length > 0, `${label}: the seed should have matching issues`);
      const listed = listOf(result);
      assertEquals(listed.total, want.length, label);
      assertEquals(listed.issues.map((i) => i.key).sort(), want, label);
      assertStringIncludes(textOf(result), c.says, label);
      assert(!textOf(result).includes("did not apply"), `${label}: ${textOf(result)}`);
    }
    // Every match in one answer, however many: this test is about filters, not answer size.
  }, { env: { BACKLOG_MAX_RESULT_CHARS: "1000000" } });
});

Deno.test("filters by name: the rich issue is found by its shared files and attachments", async () => {
  await withSession(async (session) => {
    const result = await session.call("get_user_issue_list", {
      ...BASE,
      only: ["shared_files", "attachments", "parents"],
    });
    assertEquals(listOf(result).issues.map((i) => i.key), [
      SEED.issues.rich,
    ]);
  });
});

Deno.test("filters by name: unknown names and contradictions are refused before any request", async () => {
  await withSession(async (session, sandbox) => {
    // Metadata may be fetched to resolve a name; no issue search may go out.
    const cases: [Record<string, unknown>, string, string][] = [
      [{ only: ["due_date", "no_due_date"] }, "only", `"due_date" and "no_due_date"`],
      [{ only: ["children", "parents"] }, "only", "cannot both apply"],
      [{ only: ["no_due_date"], due_date_until: "overdue" }, "only", "contradicts"],
      [{ only: ["soon"] }, "only", "no_due_date"],
      [{ issue_type_ids: ["Feature"] }, "issue_type_ids", "Valid issue type names: Bug"],
      [{ category_ids: ["Nope"] }, "category_ids", "Frontend"],
      [{ priority_ids: ["Urgent"] }, "priority_ids", "High"],
      [{ resolution_ids: [9] }, "resolution_ids", "Fixed (0)"],
      [{ resolution_ids: [-1] }, "resolution_ids", "ids or names"],
      [{ reporter_ids: ["nobody"] }, "reporter_ids", "no user named"],
    ];
    for (const [args, parameter, part] of cases) {
      const result = await session.call("get_user_issue_list", { ...BASE, ...args });
      assertEquals(result.isError, true, JSON.stringify(args));
      assertStringIncludes(textOf(result), parameter);
      assertStringIncludes(textOf(result), part);
    }
    assertEquals(sandbox.requests.filter((r) => r.path.startsWith("/api/v2/issues")), []);
  });
});
