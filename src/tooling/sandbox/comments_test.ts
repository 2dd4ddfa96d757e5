import { createSeedState, SEED } from "./seed.ts";
import { assert, assertEquals, get, withSandbox } from "./test_util.ts";

const MANY = `issues/${SEED.issues.manyComments}/comments`;
type C = { id: number; created: string; content: string | null };
const ids = (list: C[]) => list.map((c) => c.id);

Deno.test("comments: count, default page (20, desc), order asc, count bounds", async () => {
  await withSandbox({}, async (sb) => {
    assertEquals((await get(sb, `${MANY}/count`)).body, { count: 50 });
    const all = (await get(sb, MANY, "count=100&order=asc")).body as C[];
    assertEquals(all.length, 50);
    const sorted = [...ids(all)].sort((a, b) => a - b);
    assertEquals(ids(all), sorted);
    // Ids grow with time.
    assertEquals(all.map((c) => c.created), [...all.map((c) => c.created)].sort());
    const first = (await get(sb, MANY)).body as C[];
    assertEquals(ids(first), [...sorted].reverse().slice(0, 20));
    for (const q of ["count=0", "count=101", "order=sideways", "minId=x"]) {
      const r = await get(sb, MANY, q);
      assertEquals([r.status, r.body.errors[0].code], [400, 7], q);
    }
  });
});

Deno.test("comments: minId/maxId are inclusive by default; paging with minId=last+1", async () => {
  await withSandbox({}, async (sb) => {
    const all = ids((await get(sb, MANY, "count=100&order=asc")).body);
    const lo = all[10], hi = all[14];
    const win = ids((await get(sb, MANY, `minId=${lo}&maxId=${hi}&order=asc`)).body);
    assertEquals(win, all.slice(10, 15));
    const desc = ids((await get(sb, MANY, `maxId=${hi}&count=3`)).body);
    assertEquals(desc, [all[14], all[13], all[12]]);
    const pages: number[] = [];
    let minId = 0;
    for (;;) {
      const page = ids((await get(sb, MANY, `order=asc&count=7&minId=${minId}`)).body);
      pages.push(...page);
      if (page.length < 7) break;
      minId = page[page.length - 1] + 1;
    }
    assertEquals(pages, all);
  });
  await withSandbox({ commentIdBoundsInclusive: false }, async (sb) => {
    const all = ids((await get(sb, MANY, "count=100&order=asc")).body);
    const win = ids((await get(sb, MANY, `minId=${all[10]}&maxId=${all[14]}&order=asc`)).body);
    assertEquals(win, all.slice(11, 14));
  });
});

Deno.test("comments: rich issue has change-log-only and Japanese comments", async () => {
  await withSandbox({}, async (sb) => {
    const path = `issues/${SEED.issues.rich}/comments`;
    const list = (await get(sb, path, "order=asc")).body;
    assertEquals(list.length, SEED.counts.richComments);
    const logOnly = list.find((c: C) => c.content === null);
    assertEquals(logOnly.changeLog[0], {
      field: "status",
      newValue: "In Progress",
      originalValue: "Open",
      attachmentInfo: null,
      attributeInfo: null,
      notificationInfo: null,
    });
    assert(list.some((c: C) => /[\u3040-\u30ff]/.test(c.content ?? "")));
    const plain = list[0];
    assertEquals(plain.changeLog, null);
    assertEquals(plain.createdUser.userId, "hanako");
    for (const k of ["projectId", "issueId", "created", "updated", "stars", "notifications"]) {
      assert(k in plain, k);
    }
    const one = await get(sb, `${path}/${plain.id}`);
    assertEquals(one.body.id, plain.id);
    assertEquals((await get(sb, `${path}/1`)).status, 404);
    const att = (await get(sb, `issues/${SEED.issues.rich}/attachments`)).body;
    assertEquals(att.map((a: { size: number }) => a.size), [48213, 1532]);
    assertEquals(att[1].createdUser.userId, "jsmith");
    assertEquals(att[1].created, "2026-03-29T00:45:00Z");
  });
});

Deno.test("comments: issue without comments; unknown issue", async () => {
  await withSandbox({}, async (sb) => {
    const path = `issues/${SEED.issues.noComments}/comments`;
    assertEquals((await get(sb, path)).body, []);
    assertEquals((await get(sb, `${path}/count`)).body, { count: 0 });
    const nf = await get(sb, "issues/NOPE-1/comments");
    assertEquals(nf.body, { errors: [{ message: "No issue.", code: 6, moreInfo: "" }] });
  });
});

Deno.test("comments: the renamed PROJ status keeps its old name in older change logs", () => {
  const logs = createSeedState().comments.flatMap((c) => c.changeLog ?? [])
    .filter((l) => l.field === "status");
  const names = new Set(logs.flatMap((l) => [l.newValue, l.originalValue]));
  assert(names.has(SEED.renamedStatus.oldName));
  assert(names.has(SEED.renamedStatus.newName));
  assert(names.has("処理中"));
});
