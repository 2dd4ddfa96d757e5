import { SEED } from "./seed.ts";
import { assert, assertEquals, call, get, withSandbox } from "./test_util.ts";

const NOW = Date.parse("2026-11-21T09:00:00Z");
const opts = { now: () => NOW };
const NO_CONTENT = { errors: [{ message: "No comment content.", code: 7, moreInfo: "" }] };

Deno.test("POST /issues: 201 + Location, starts Open, stored", async () => {
  await withSandbox(opts, async (sb) => {
    const before = sb.state.issues.length;
    const form = new URLSearchParams({
      projectId: "101",
      summary: "New thing",
      issueTypeId: String(SEED.issueTypes.demoTask),
      priorityId: "2",
      assigneeId: String(SEED.users.hanako.id),
      dueDate: "2026-12-01",
      estimatedHours: "2.5",
      "categoryId[]": "3101",
    });
    form.append("milestoneId[]", "4103");
    form.append("milestoneId[]", "4104");
    const r = await call(sb, "POST issues", { form: form.toString() });
    assertEquals(r.status, 201);
    assertEquals(r.body.status.id, 1);
    assertEquals(r.body.issueKey, "DEMO-41");
    assertEquals(r.headers.get("Location"), `${sb.url}/view/DEMO-41`);
    assertEquals(r.body.created, "2026-11-21T09:00:00Z");
    assertEquals(r.body.dueDate, "2026-12-01T00:00:00Z");
    assertEquals(r.body.estimatedHours, 2.5);
    assertEquals(r.body.milestone.map((m: { id: number }) => m.id), [4103, 4104]);
    assertEquals(r.body.createdUser.id, SEED.me.id);
    assertEquals(sb.state.issues.length, before + 1);
    const again = await get(sb, "issues/DEMO-41");
    assertEquals(again.body.id, r.body.id);
    assert(r.body.id > Math.max(...sb.state.issues.slice(0, before).map((i) => i.id)));
    assertEquals(sb.requests[0].params.milestoneId, ["4103", "4104"]);
  });
});

Deno.test("POST /issues: validation errors are 400 code 7", async () => {
  await withSandbox(opts, async (sb) => {
    const missing = await call(sb, "POST issues", { form: "projectId=101" });
    assertEquals(missing.status, 400);
    assertEquals(missing.body.errors.length, 3);
    assert(missing.body.errors.every((e: { code: number }) => e.code === 7));
    const base = "projectId=101&summary=x&priorityId=3";
    const cases = [
      `${base}&issueTypeId=1201`, // type of another project
      `${base}&issueTypeId=1101&bogus=1`, // undocumented parameter
      `${base}&issueTypeId=1101&assigneeId=5005`, // not a DEMO member
      `${base}&issueTypeId=1101&dueDate=2026-02-30`,
      `${base}&issueTypeId=1101&startDate=2026-12-02&dueDate=2026-12-01`,
      "projectId=999&summary=x&priorityId=3&issueTypeId=1101",
    ];
    for (const form of cases) {
      const r = await call(sb, "POST issues", { form });
      assertEquals([r.status, r.body.errors[0].code], [400, 7], form);
    }
  });
  await withSandbox({ rejectUnknownWriteParams: false }, async (sb) => {
    const r = await call(sb, "POST issues", {
      form: "projectId=101&summary=x&priorityId=3&issueTypeId=1101&bogus=1",
    });
    assertEquals(r.status, 201);
  });
});

Deno.test("PATCH /issues/:key: applies fields and writes a change-log comment", async () => {
  await withSandbox(opts, async (sb) => {
    const key = SEED.issues.noComments;
    const form = "statusId=2&assigneeId=5002&dueDate=2026-11-30&priorityId=2&milestoneId[]=4103" +
      "&comment=Taking%20this";
    const r = await call(sb, `PATCH issues/${key}`, { form });
    assertEquals(r.status, 200);
    assertEquals(r.body.status.name, "In Progress");
    assertEquals(r.body.assignee.userId, "hanako");
    assertEquals(r.body.updated, "2026-11-21T09:00:00Z");
    const stored = sb.state.issues.find((i) => i.issueKey === key)!;
    assertEquals([stored.statusId, stored.dueDate, stored.priorityId], [2, "2026-11-30", 2]);
    const comments = (await get(sb, `issues/${key}/comments`)).body;
    assertEquals(comments.length, 1);
    assertEquals(comments[0].content, "Taking this");
    const log = Object.fromEntries(
      comments[0].changeLog.map((
        c: { field: string; originalValue: string | null; newValue: string | null },
      ) => [c.field, [c.originalValue, c.newValue]]),
    );
    assertEquals(log, {
      status: ["Open", "In Progress"],
      assigner: ["Taro Yamada", "Hanako Suzuki"],
      limitDate: ["2026-11-27", "2026-11-30"],
      priority: ["Low", "High"],
      milestone: [null, "Sprint 24"],
    });
    // Clearing with empty values.
    const clear = await call(sb, `PATCH issues/${key}`, { form: "dueDate=&assigneeId=" });
    assertEquals([clear.status, clear.body.dueDate, clear.body.assignee], [200, null, null]);
    const last = (await get(sb, `issues/${key}/comments`, "count=1")).body[0];
    assertEquals(last.content, null);
    assertEquals(last.changeLog.map((c: { field: string }) => c.field), ["assigner", "limitDate"]);
  });
});

Deno.test("PATCH: no-op without comment → 400 No comment content.; with comment → 200", async () => {
  await withSandbox(opts, async (sb) => {
    const key = SEED.issues.rich;
    const before = sb.state.comments.length;
    const noop = await call(sb, `PATCH issues/${key}`, { form: "statusId=2" });
    assertEquals([noop.status, noop.body], [400, NO_CONTENT]);
    const empty = await call(sb, `PATCH issues/${key}`, { form: "" });
    assertEquals(empty.body, NO_CONTENT);
    assertEquals(sb.state.comments.length, before);
    const withText = await call(sb, `PATCH issues/${key}`, { form: "statusId=2&comment=ping" });
    assertEquals(withText.status, 200);
    assertEquals(sb.state.comments.length, before + 1);
    assertEquals(sb.state.comments.at(-1)!.changeLog, null);
    const bad = await call(sb, `PATCH issues/${key}`, { form: "statusId=105" });
    assertEquals([bad.status, bad.body.errors[0].code], [400, 7]);
    assertEquals((await call(sb, "PATCH issues/DEMO-9999", { form: "statusId=2" })).status, 404);
  });
  await withSandbox({ emptyChangeLog: "empty-array" }, async (sb) => {
    await call(sb, `PATCH issues/${SEED.issues.rich}`, { form: "comment=ping" });
    assertEquals(sb.state.comments.at(-1)!.changeLog, []);
  });
});

Deno.test("PATCH: JPN status names, categories, parent, custom fields in change logs", async () => {
  await withSandbox(opts, async (sb) => {
    const jpn = await call(sb, `PATCH issues/${SEED.issues.jpnCustomStatus}`, {
      form: "statusId=4&resolutionId=0",
    });
    assertEquals(jpn.body.status.name, "完了");
    const log = sb.state.comments.at(-1)!.changeLog!;
    assertEquals(log[0].field, "status");
    assertEquals([log[0].originalValue, log[0].newValue], ["レビュー待ち", "完了"]);
    assertEquals(log[1].field, "resolution");
    const rich = sb.state.issues.find((i) => i.issueKey === SEED.issues.rich)!;
    const r = await call(sb, "PATCH issues/DEMO-3", {
      form: `categoryId[]=3102&categoryId[]=3103&parentIssueId=${rich.id}&customField_70002=ZD-1`,
    });
    assertEquals(r.status, 200);
    const fields = sb.state.comments.at(-1)!.changeLog!.map((c) => [c.field, c.newValue]);
    assertEquals(fields, [
      ["parentIssue", "DEMO-1"],
      ["component", "Backend, Documentation"],
      ["Ticket ref", "ZD-1"],
    ]);
    assertEquals(sb.state.comments.at(-1)!.changeLog![2].attributeInfo, { id: 70002, typeId: 1 });
    // A child cannot become its own ancestor's parent.
    const child = sb.state.issues.find((i) => i.issueKey === SEED.issues.child)!;
    const cyc = await call(sb, `PATCH issues/${SEED.issues.rich}`, {
      form: `parentIssueId=${child.id}`,
    });
    assertEquals(cyc.status, 400);
  });
});

Deno.test("POST comments: 201 + Location #comment-id; content required", async () => {
  await withSandbox(opts, async (sb) => {
    const key = SEED.issues.noComments;
    const r = await call(sb, `POST issues/${key}/comments`, {
      form: "content=Hello%20%E4%B8%96%E7%95%8C",
    });
    assertEquals(r.status, 201);
    assertEquals(r.body.content, "Hello 世界");
    assertEquals(r.body.changeLog, null);
    assertEquals(r.headers.get("Location"), `${sb.url}/view/${key}#comment-${r.body.id}`);
    assert(r.body.id > Math.max(...sb.state.comments.slice(0, -1).map((c) => c.id)));
    assertEquals((await get(sb, `issues/${key}/comments/count`)).body, { count: 1 });
    assertEquals((await get(sb, `issues/${key}`)).body.updated, "2026-11-21T09:00:00Z");
    const empty = await call(sb, `POST issues/${key}/comments`, { form: "content=" });
    assertEquals([empty.status, empty.body], [400, NO_CONTENT]);
    const none = await call(sb, `POST issues/${key}/comments`, { form: "" });
    assertEquals(none.status, 400);
    const nf = await call(sb, "POST issues/NOPE-1/comments", { form: "content=x" });
    assertEquals(nf.status, 404);
  });
});
