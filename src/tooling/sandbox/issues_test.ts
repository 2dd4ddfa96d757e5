import { dateOf, linkedSharedFiles } from "./format.ts";
import { SEED } from "./seed.ts";
import { allIssues, assert, assertEquals, assertMatch, get, withSandbox } from "./test_util.ts";
import type { IssueRecord, SandboxState } from "./types.ts";

const TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const DATE = /^\d{4}-\d{2}-\d{2}T00:00:00Z$/;

function issue(state: SandboxState, key: string): IssueRecord {
  return state.issues.find((i) => i.issueKey === key)!;
}

type Case = [query: string, pred: (i: IssueRecord, s: SandboxState) => boolean, empty?: boolean];

const depth = (s: SandboxState, i: IssueRecord): number =>
  i.parentIssueId === null ? 1 : 1 + depth(s, s.issues.find((x) => x.id === i.parentIssueId)!);
const kids = (s: SandboxState, i: IssueRecord) => s.issues.some((x) => x.parentIssueId === i.id);

const CASES: Case[] = [
  ["projectId[]=102", (i) => i.projectId === 102],
  ["projectId[]=101&projectId[]=103", (i) => [101, 103].includes(i.projectId)],
  ["issueTypeId[]=1101&issueTypeId[]=1205", (i) => [1101, 1205].includes(i.issueTypeId)],
  ["categoryId[]=3201", (i) => i.categoryIds.includes(3201)],
  ["versionId[]=4201", (i) => i.versionIds.includes(4201)],
  [
    "milestoneId[]=4204&milestoneId[]=4103",
    (i) => i.milestoneIds.some((m) => [4204, 4103].includes(m)),
  ],
  ["statusId[]=102", (i) => i.statusId === 102],
  ["statusId[]=4", (i) => i.statusId === 4],
  ["priorityId[]=2", (i) => i.priorityId === 2],
  ["assigneeId[]=5001", (i) => i.assigneeId === 5001],
  ["assigneeId[]=5002&assigneeId[]=5003", (i) => [5002, 5003].includes(i.assigneeId!)],
  ["createdUserId[]=5003", (i) => i.createdUserId === 5003],
  ["resolutionId[]=0", (i) => i.resolutionId === 0],
  ["parentChild=1", (i, s) => depth(s, i) === 1],
  ["parentChild=2", (i, s) => depth(s, i) >= 2],
  ["parentChild=3", (i, s) => depth(s, i) === 1 && !kids(s, i)],
  ["parentChild=4", (i, s) => kids(s, i)],
  ["parentChild=5", (i, s) => depth(s, i) === 3],
  ["parentChild=6", (i, s) => depth(s, i) === 2],
  ["parentChild=8", (i, s) => depth(s, i) <= 2],
  ["parentChild=10", (i, s) => !kids(s, i)],
  ["attachment=true", (i) => i.attachments.length > 0],
  ["attachment=false", (i) => i.attachments.length === 0],
  ["sharedFile=true", (i, s) => linkedSharedFiles(s, i.id).length > 0],
  ["sharedFile=false", (i, s) => linkedSharedFiles(s, i.id).length === 0],
  ["createdSince=2026-03-08&createdUntil=2026-03-08", (i) => dateOf(i.created) === "2026-03-08"],
  ["updatedSince=2026-11-01", (i) => dateOf(i.updated) >= "2026-11-01"],
  ["updatedUntil=2026-01-31", (i) => dateOf(i.updated) <= "2026-01-31"],
  [
    "startDateSince=2026-11-16&startDateUntil=2026-11-20",
    (i) => i.startDate !== null && i.startDate >= "2026-11-16" && i.startDate <= "2026-11-20",
  ],
  [
    `dueDateSince=${SEED.dueSoon.from}&dueDateUntil=${SEED.dueSoon.to}`,
    (i) => i.dueDate !== null && i.dueDate >= SEED.dueSoon.from && i.dueDate <= SEED.dueSoon.to,
  ],
  ["hasDueDate=false", (i) => i.dueDate === null],
  ["keyword=SAFARI", (i) => `${i.summary} ${i.description}`.toLowerCase().includes("safari")],
  [
    "keyword=%E3%83%AD%E3%82%B0%E3%82%A4%E3%83%B3",
    (i) => `${i.summary}${i.description}`.includes("ログイン"),
  ],
  [
    "projectId[]=102&assigneeId[]=5001&statusId[]=1&statusId[]=2",
    (i) => i.projectId === 102 && i.assigneeId === 5001 && [1, 2].includes(i.statusId),
  ],
];

Deno.test("issue filters: list and count match an independent computation", async () => {
  await withSandbox({}, async (sb) => {
    const rich = issue(sb.state, SEED.issues.rich);
    const child = issue(sb.state, SEED.issues.child);
    const cases: Case[] = [
      ...CASES,
      [`id[]=${rich.id}&id[]=${child.id}`, (i) => [rich.id, child.id].includes(i.id)],
      [`parentIssueId[]=${rich.id}`, (i) => i.parentIssueId === rich.id],
    ];
    for (const [query, pred, empty] of cases) {
      const want = sb.state.issues.filter((i) => pred(i, sb.state)).map((i) => i.id).sort();
      assertEquals(want.length === 0, !!empty, `${query}: fixture expectation (${want.length})`);
      const count = await get(sb, "issues/count", query);
      assertEquals(count.status, 200, query);
      assertEquals(count.body, { count: want.length }, query);
      const got = (await allIssues(sb, query)).map((i) => i.id).sort();
      assertEquals(got, want, query);
    }
  });
});

Deno.test("issue list: more than 250 issues are assigned to me; paging covers them once", async () => {
  await withSandbox({}, async (sb) => {
    assert(SEED.counts.assignedToMe > 250);
    const mine = await allIssues(sb, "assigneeId[]=5001&sort=created&order=asc");
    assertEquals(mine.length, SEED.counts.assignedToMe);
    assertEquals(new Set(mine.map((i) => i.id)).size, mine.length);
    const open = await get(
      sb,
      "issues/count",
      "assigneeId[]=5001&statusId[]=1&statusId[]=2&statusId[]=3" +
        "&statusId[]=101&statusId[]=102&statusId[]=103&statusId[]=104&statusId[]=105",
    );
    assertEquals(open.body.count, SEED.counts.assignedToMeNotClosed);
    const old = await get(sb, "issues/count", "assigneeId[]=5001&projectId[]=104");
    assertEquals(old.body.count, SEED.counts.assignedToMeInArchived);
    assert(old.body.count > 0);
  });
});

Deno.test("issue list: count/offset/order/sort validation gives 400 code 7", async () => {
  await withSandbox({}, async (sb) => {
    for (
      const q of [
        "count=0",
        "count=101",
        "count=abc",
        "offset=-1",
        "order=up",
        "sort=bogus",
        "hasDueDate=true",
        "createdSince=2026-13-01",
        "dueDateUntil=2026/11/21",
        "parentChild=11",
        "statusId[]=x",
        "attachment=yes",
      ]
    ) {
      const r = await get(sb, "issues", q);
      assertEquals(r.status, 400, q);
      assertEquals(r.body.errors[0].code, 7, q);
      assertEquals(r.body.errors[0].moreInfo, "", q);
    }
    const many = await get(sb, "issues", "count=0&offset=-5");
    assertEquals(many.body.errors.length, 2);
    assertEquals((await get(sb, "issues/count", "count=101")).status, 400);
    assertEquals((await get(sb, "issues")).body.length, 20);
    assertEquals((await get(sb, "issues", "count=100")).body.length, 100);
    assertEquals((await get(sb, "issues", "count=1")).body.length, 1);
    const total = (await get(sb, "issues/count")).body.count;
    assertEquals((await get(sb, "issues", `offset=${total - 3}`)).body.length, 3);
  });
});

Deno.test("issue list: default sort is created desc; sort keys and order work", async () => {
  await withSandbox({}, async (sb) => {
    const created = (await get(sb, "issues", "count=100")).body.map((i: { created: string }) =>
      i.created
    );
    assertEquals(created, [...created].sort().reverse());
    const checkSorted = async (sort: string, order: string, key: (i: never) => unknown) => {
      const r = await get(sb, "issues", `sort=${sort}&order=${order}&count=100&projectId[]=102`);
      assertEquals(r.status, 200, sort);
      const vals = r.body.map(key);
      const nonNull = vals.filter((v: unknown) => v !== null);
      assertEquals(vals.slice(0, nonNull.length), nonNull, `${sort}: nulls last`);
      const sorted = [...nonNull].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      assertEquals(nonNull, order === "asc" ? sorted : sorted.reverse(), `${sort} ${order}`);
    };
    await checkSorted("updated", "asc", (i: { updated: string }) => i.updated);
    await checkSorted("dueDate", "asc", (i: { dueDate: string | null }) => i.dueDate);
    await checkSorted("dueDate", "desc", (i: { dueDate: string | null }) => i.dueDate);
    await checkSorted("summary", "asc", (i: { summary: string }) => i.summary);
    await checkSorted(
      "estimatedHours",
      "desc",
      (i: { estimatedHours: number | null }) => i.estimatedHours,
    );
    await checkSorted(
      "status",
      "asc",
      (i: { status: { displayOrder: number } }) => i.status.displayOrder,
    );
    // priority: desc = High (2) first.
    const pr = await get(sb, "issues", "sort=priority&order=desc&count=100");
    const ids = pr.body.map((i: { priority: { id: number } }) => i.priority.id);
    assertEquals(ids, [...ids].sort());
    for (
      const key of [
        "issueType",
        "category",
        "milestone",
        "assignee",
        "createdUser",
        "childIssue",
        "customField_70001",
      ]
    ) {
      assertEquals((await get(sb, "issues", `sort=${key}`)).status, 200, key);
    }
    assertEquals((await get(sb, "issues", "sort=customField_1")).status, 400);
  });
  await withSandbox({ defaultSort: "updated" }, async (sb) => {
    const updated = (await get(sb, "issues", "order=asc&count=50")).body.map((
      i: { updated: string },
    ) => i.updated);
    assertEquals(updated, [...updated].sort());
  });
});

Deno.test("issue list: date filters can use a non-UTC calendar (dateFilterOffsetMinutes)", async () => {
  await withSandbox({ dateFilterOffsetMinutes: 540 }, async (sb) => {
    const on = (day: string, off: number) =>
      sb.state.issues.filter((i) => dateOf(i.created, off) === day).map((i) => i.id).sort();
    // A day whose issue set differs between the JST and the UTC calendar.
    const day = [...new Set(sb.state.issues.map((i) => dateOf(i.created)))].sort()
      .find((d) => on(d, 540).join() !== on(d, 0).join());
    assert(day !== undefined, "fixture: JST and UTC dates differ somewhere");
    const got = await allIssues(sb, `createdSince=${day}&createdUntil=${day}`);
    assertEquals(got.map((i) => i.id).sort(), on(day, 540));
  });
});

Deno.test("rich issue: full Issue shape", async () => {
  await withSandbox({}, async (sb) => {
    const r = await get(sb, `issues/${SEED.issues.rich}`);
    const i = r.body;
    assertEquals(i.issueKey, "DEMO-1");
    assertEquals([i.keyId, i.projectId], [1, 101]);
    assertEquals(i.created, "2026-03-08T06:30:00Z");
    assertMatch(i.updated, TS);
    assertEquals([i.startDate, i.dueDate], ["2026-11-16T00:00:00Z", "2026-11-24T00:00:00Z"]);
    assertEquals([i.estimatedHours, i.actualHours], [4, 1.5]);
    assertEquals(i.attachments, SEED.richAttachments.map((a) => ({ ...a })));
    assertEquals(i.milestone.map((m: { name: string }) => m.name), ["Sprint 23", "Sprint 24"]);
    assertEquals(i.category.length, 2);
    assertEquals(i.versions[0].archived, true);
    assertEquals(i.status.name, "In Progress");
    assertEquals(i.assignee.id, SEED.me.id);
    assertEquals(i.resolution, null);
    assertEquals(i.customFields[0].value, { id: 2, name: "Safari", displayOrder: 1 });
    assert(!("templateSummary" in i.issueType));
    assert(!("childIssueSummary" in i));
    const expanded = await get(sb, `issues/${SEED.issues.rich}`, "expand[]=childIssueSummary");
    assertEquals(expanded.body.childIssueSummary, { total: 1, closed: 0 });
    const child = await get(sb, `issues/${SEED.issues.child}`);
    assertEquals(child.body.parentIssueId, i.id);
    const none = await get(sb, `issues/${SEED.issues.noComments}`);
    assertEquals(none.body.description, "");
  });
});

Deno.test("issue list: every issue has wire-format timestamps and dates", async () => {
  await withSandbox({}, async (sb) => {
    for (const i of await allIssues(sb, "sort=updated")) {
      assertMatch(i.created, TS);
      assertMatch(i.updated, TS);
      if (i.dueDate !== null) assertMatch(i.dueDate, DATE);
      if (i.startDate !== null) assertMatch(i.startDate, DATE);
      assertEquals(typeof i.description, "string");
      assert(i.issueKey.startsWith(`${["DEMO", "PROJ", "JPN", "OLD", "OPS"][i.projectId - 101]}-`));
    }
  });
});
