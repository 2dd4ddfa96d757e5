import { SEED } from "./seed.ts";
import { assert, assertEquals, call, get, withSandbox } from "./test_util.ts";
import { png } from "./file_bytes.ts";

const A = SEED.attention;

Deno.test("stand-in notifications: every reason, Backlog's shape, paging, count, mark read", async () => {
  await withSandbox({}, async (sb) => {
    const all = [];
    let maxId: number | undefined;
    for (;;) {
      const page = (await get(sb, "notifications", `count=10${maxId ? `&maxId=${maxId}` : ""}`))
        .body;
      all.push(...page);
      if (page.length < 10) break;
      maxId = page[page.length - 1].id - 1;
    }
    assertEquals(all.length, sb.state.attention.notifications.length);
    const ids = all.map((n) => n.id);
    assertEquals(ids, [...ids].sort((a, b) => b - a), "newest first");
    const reasons = [...new Set(all.map((n) => n.reason))].sort((a, b) => a - b);
    assertEquals(reasons, [1, 2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    const comment = all.find((n) => n.reason === 2);
    for (const key of ["alreadyRead", "resourceAlreadyRead", "project", "issue", "comment"]) {
      assert(key in comment, key);
    }
    assertEquals(comment.sender.id !== SEED.me.id, true);
    const pr = all.find((n) => n.reason === 11);
    assertEquals([pr.pullRequest.number, typeof pr.pullRequestComment.content], [41, "string"]);
    assert(all.find((n) => n.reason === 15).documentCommentReply.content);

    const unread = all.filter((n) => !n.alreadyRead).length;
    assertEquals((await get(sb, "notifications/count", "alreadyRead=false")).body, {
      count: unread,
    });
    const target = all.find((n) => !n.alreadyRead);
    const marked = await call(sb, `POST notifications/${target.id}/markAsRead`, { form: "" });
    assertEquals([marked.status, marked.text], [204, ""]);
    assertEquals(
      (await get(sb, "notifications/count", "alreadyRead=false")).body.count,
      unread - 1,
    );
    assertEquals((await call(sb, "POST notifications/1/markAsRead", { form: "" })).status, 404);
    assertEquals((await get(sb, "notifications", "count=101")).status, 400);
  });
});

Deno.test("stand-in watchings: list sorted and filtered, count, add 201, patch, delete, mark read 204", async () => {
  await withSandbox({}, async (sb) => {
    const me = SEED.me.id;
    const list = (await get(sb, `users/${me}/watchings`, "count=100")).body;
    assertEquals(list.length, A.watched.length);
    assertEquals(Object.keys(list[0]).sort(), [
      "created",
      "id",
      "issue",
      "lastContentUpdated",
      "note",
      "resourceAlreadyRead",
      "type",
      "updated",
    ]);
    const unread = (await get(sb, `users/${me}/watchings`, "resourceAlreadyRead=false")).body;
    assertEquals(
      unread.map((w: { issue: { issueKey: string } }) => w.issue.issueKey).sort(),
      [
        ...A.watched.slice(0, 3),
      ].sort(),
    );
    assertEquals((await get(sb, `users/${me}/watchings/count`, "resourceAlreadyRead=false")).body, {
      count: 3,
    });
    const added = await call(sb, "POST watchings", { form: "issueIdOrKey=DEMO-3&note=hi" });
    assertEquals([added.status, added.body.issue.issueKey, added.body.note], [201, "DEMO-3", "hi"]);
    const twice = await call(sb, "POST watchings", { form: "issueIdOrKey=DEMO-3" });
    assertEquals(twice.status, 400);
    const patched = await call(sb, `PATCH watchings/${added.body.id}`, { form: "note=later" });
    assertEquals(patched.body.note, "later");
    const read = await call(sb, `POST watchings/${list[0].id}/markAsRead`, { form: "" });
    assertEquals(read.status, 204);
    const deleted = await call(sb, `DELETE watchings/${added.body.id}`);
    assertEquals([deleted.status, deleted.body.id], [200, added.body.id]);
    assertEquals((await get(sb, `watchings/${added.body.id}`)).status, 404);
  });
});

Deno.test("stand-in activities: user, project and space lists, snake_case content, status ids, types", async () => {
  await withSandbox({}, async (sb) => {
    const mine = [];
    let maxId: number | undefined;
    for (;;) {
      const page = (await get(
        sb,
        `users/${SEED.me.id}/activities`,
        `count=100${maxId ? `&maxId=${maxId}` : ""}`,
      )).body;
      mine.push(...page);
      if (page.length < 100) break;
      maxId = page[page.length - 1].id - 1;
    }
    assert(mine.every((a) => a.createdUser.id === SEED.me.id));
    assertEquals(mine.map((a) => a.id), [...mine.map((a) => a.id)].sort((a, b) => b - a));
    assertEquals(
      mine.map((a) => a.created),
      [...mine.map((a) => a.created)].sort().reverse(),
      "ids grow with time",
    );
    const types = new Set(mine.map((a) => a.type));
    for (const t of [1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 17, 18, 19, 20, 21, 23, 47]) {
      assert(types.has(t), `type ${t}`);
    }
    const status = mine.find((a) =>
      a.type === 2 && a.content.changes.some((c: { field: string }) => c.field === "status")
    );
    const change = status.content.changes.find((c: { field: string }) => c.field === "status");
    assert(/^\d+$/.test(change.new_value), "status ids, not names");
    assert("key_id" in status.content && Array.isArray(status.notifications));

    const demo = (await get(sb, "projects/DEMO/activities", "count=100")).body;
    assert(demo.every((a: { project: { projectKey: string } }) => a.project.projectKey === "DEMO"));
    const space = (await get(sb, "space/activities", "activityTypeId[]=25&activityTypeId[]=26"))
      .body;
    assertEquals(space.map((a: { type: number }) => a.type).sort(), [25, 26]);
    assertEquals((await get(sb, `activities/${space[0].id}`)).body.id, space[0].id);
  });
});

Deno.test("stand-in files: attachment bytes with Backlog's headers, shared files linked to an issue", async () => {
  await withSandbox({}, async (sb) => {
    const list = (await get(sb, `issues/${A.attachments}/attachments`)).body;
    const diagram = list.find((a: { name: string }) => a.name === "diagram.png");
    const res = await fetch(
      `${sb.url}/api/v2/issues/${A.attachments}/attachments/${diagram.id}`,
      { headers: { "Backlog-API-Key": SEED.apiKey } },
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    assertEquals(res.headers.get("content-type"), "image/png");
    assertEquals(
      res.headers.get("content-disposition"),
      "attachment; filename*=UTF-8''diagram.png",
    );
    assertEquals(bytes, png(64, 48));
    assertEquals(bytes.length, diagram.size);

    const ja = list.find((a: { name: string }) =>
      a.name.endsWith(".txt") && a.name !== "legacy-sjis.txt"
    );
    const jaRes = await fetch(`${sb.url}/api/v2/issues/${A.attachments}/attachments/${ja.id}`, {
      headers: { "Backlog-API-Key": SEED.apiKey },
    });
    await jaRes.body?.cancel();
    assertEquals(
      jaRes.headers.get("content-disposition"),
      "attachment; filename*=UTF-8''%E8%AD%B0%E4%BA%8B%E9%8C%B2.txt",
    );
    // A generated attachment has exactly its recorded size.
    const log = await get(sb, `issues/${SEED.issues.rich}/attachments/88002`);
    assertEquals([log.status, log.text.length], [200, 1532]);

    const shared = (await get(sb, `issues/${SEED.issues.rich}/sharedFiles`)).body;
    assertEquals(shared.map((f: { name: string }) => f.name), [
      "login-wireframe.png",
      "safari-login.md",
      "auth-flow.pdf",
    ]);
    assertEquals(Object.keys(shared[0]).sort(), [
      "created",
      "createdUser",
      "dir",
      "id",
      "name",
      "projectId",
      "size",
      "type",
      "updated",
      "updatedUser",
    ]);
    const md = await get(sb, `projects/DEMO/files/${shared[1].id}`);
    assertEquals([md.status, md.headers.get("content-type")], [200, "text/markdown"]);
    assertEquals((await get(sb, `projects/PROJ/files/${shared[1].id}`)).status, 404);
    assertEquals((await get(sb, `issues/${SEED.issues.rich}/attachments/1`)).status, 404);
  });
});
