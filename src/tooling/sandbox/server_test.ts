import { SEED } from "./seed.ts";
import { assert, assertEquals, assertMatch, call, get, withSandbox } from "./test_util.ts";

const AUTH_FAIL = { errors: [{ message: "Authentication failure.", code: 11, moreInfo: "" }] };

Deno.test("auth: header and query key are accepted and recorded", async () => {
  await withSandbox({}, async (sb) => {
    const h = await call(sb, "GET users/myself", { auth: "header" });
    assertEquals(h.status, 200);
    assertEquals(h.body.userId, "taro");
    assertEquals(h.headers.get("content-type"), "application/json;charset=utf-8");
    const q = await call(sb, "GET users/myself", { auth: "query" });
    assertEquals(q.status, 200);
    assertEquals(q.body.id, SEED.me.id);
    assertEquals(sb.requests.map((r) => [r.auth, r.status]), [["header", 200], ["query", 200]]);
    assertEquals(sb.requests[1].params, {}, "apiKey is not recorded");
  });
});

Deno.test("auth: missing or wrong key gives 401 code 11 in Backlog's shape", async () => {
  await withSandbox({}, async (sb) => {
    const none = await call(sb, "GET users/myself", { auth: "none" });
    assertEquals(none.status, 401);
    assertEquals(none.body, AUTH_FAIL);
    assert(none.headers.get("X-RateLimit-Limit"));
    const wrong = await call(sb, "GET issues", { auth: "header", key: "nope" });
    assertEquals(wrong.status, 401);
    assertEquals(wrong.body, AUTH_FAIL);
    const wrongQ = await call(sb, "GET issues", { auth: "query", key: "nope" });
    assertEquals(wrongQ.status, 401);
    assertEquals(sb.requests.map((r) => r.auth), ["none", "header", "query"]);
  });
});

Deno.test("auth: acceptHeaderKey=false simulates a query-only install", async () => {
  await withSandbox({ acceptHeaderKey: false, apiKey: "k1" }, async (sb) => {
    assertEquals((await call(sb, "GET space", { key: "k1" })).status, 401);
    assertEquals((await call(sb, "GET space", { key: "k1", auth: "query" })).status, 200);
  });
  await withSandbox({ acceptQueryKey: false }, async (sb) => {
    assertEquals((await call(sb, "GET space", { auth: "query" })).status, 401);
    assertEquals((await get(sb, "space")).status, 200);
  });
});

Deno.test("auth: optional Bearer token", async () => {
  await withSandbox({ bearerToken: "tok" }, async (sb) => {
    const ok = await call(sb, "GET users/myself", {
      auth: "none",
      headers: { Authorization: "Bearer tok" },
    });
    assertEquals(ok.status, 200);
    const bad = await call(sb, "GET users/myself", {
      auth: "none",
      headers: { Authorization: "Bearer other" },
    });
    assertEquals(bad.status, 401);
    assertMatch(bad.headers.get("WWW-Authenticate") ?? "", /invalid_token/);
  });
});

Deno.test("404 shapes: unknown issue, project, user, route, trailing slash", async () => {
  await withSandbox({}, async (sb) => {
    const err = (message: string) => ({ errors: [{ message, code: 6, moreInfo: "" }] });
    const issue = await get(sb, "issues/DEMO-99999");
    assertEquals([issue.status, issue.body], [404, err("No issue.")]);
    assertEquals((await get(sb, "issues/1")).body, err("No issue."));
    const proj = await get(sb, "projects/NOPE/statuses");
    assertEquals([proj.status, proj.body], [404, err("No project.")]);
    assertEquals((await get(sb, "users/999")).body, err("No user."));
    const route = await get(sb, "bogus/thing");
    assertEquals(route.status, 404);
    assertEquals(route.body.errors[0].code, 6);
    assertEquals((await get(sb, "issues/")).status, 404);
    assertEquals((await get(sb, "issues")).status, 200);
    assertEquals((await call(sb, "DELETE space")).status, 404);
  });
  await withSandbox({ messages: { noIssue: "Issue not found." } }, async (sb) => {
    assertEquals((await get(sb, "issues/X-1")).body.errors[0].message, "Issue not found.");
  });
});

Deno.test("id or key: issues and projects resolve by numeric id too", async () => {
  await withSandbox({}, async (sb) => {
    const byKey = await get(sb, `issues/${SEED.issues.rich}`);
    const byId = await get(sb, `issues/${byKey.body.id}`);
    assertEquals(byId.body.issueKey, SEED.issues.rich);
    assertEquals((await get(sb, `projects/${SEED.projects.JPN.id}`)).body.projectKey, "JPN");
  });
});

Deno.test("users, space, priorities, resolutions", async () => {
  await withSandbox({}, async (sb) => {
    const users = await get(sb, "users");
    assertEquals(users.body.length, SEED.counts.users);
    const kenji = users.body.find((u: { id: number }) => u.id === SEED.users.kenji.id);
    assertEquals(kenji.name, "佐藤 健二");
    for (
      const k of ["userId", "roleType", "lang", "nulabAccount", "mailAddress", "lastLoginTime"]
    ) {
      assert(k in kenji, k);
    }
    assertEquals((await get(sb, `users/${SEED.users.hanako.id}`)).body.name, "Hanako Suzuki");
    assertEquals((await get(sb, "space")).body.spaceKey, SEED.spaceKey);
    assertEquals((await get(sb, "priorities")).body, [
      { id: 2, name: "High" },
      { id: 3, name: "Normal" },
      { id: 4, name: "Low" },
    ]);
    assertEquals((await get(sb, "resolutions")).body.map((r: { id: number }) => r.id), [
      0,
      1,
      2,
      3,
      4,
    ]);
  });
});

Deno.test("projects: archived and all filters", async () => {
  await withSandbox({}, async (sb) => {
    const keys = async (q?: string) =>
      (await get(sb, "projects", q)).body.map((p: { projectKey: string }) => p.projectKey);
    assertEquals(await keys(), ["DEMO", "PROJ", "JPN", "OLD"]);
    assertEquals(await keys("archived=false"), ["DEMO", "PROJ", "JPN"]);
    assertEquals(await keys("archived=true"), ["OLD"]);
    assertEquals(await keys("all=true"), ["DEMO", "PROJ", "JPN", "OLD", "OPS"]);
    assertEquals((await get(sb, "projects", "archived=maybe")).status, 400);
    const old = await get(sb, "projects/OLD");
    assertEquals(old.body.archived, true);
  });
});

Deno.test("project lists: statuses sorted, JPN in Japanese, types, categories, versions, users", async () => {
  await withSandbox({}, async (sb) => {
    const demo = (await get(sb, "projects/DEMO/statuses")).body;
    assertEquals(demo.map((s: { id: number }) => s.id), [1, 2, 3, 101, 4]);
    assertEquals(demo[3], {
      id: 101,
      projectId: 101,
      name: "Waiting for review",
      color: "#e87758",
      displayOrder: 3999,
    });
    const proj = (await get(sb, "projects/PROJ/statuses")).body;
    const orders = proj.map((s: { displayOrder: number }) => s.displayOrder);
    assertEquals(orders, [...orders].sort((a, b) => a - b));
    assertEquals(proj.length, 7);
    const jpn = (await get(sb, "projects/JPN/statuses")).body.map((s: { name: string }) => s.name);
    assertEquals(jpn, ["未対応", "処理中", "処理済み", "レビュー待ち", "完了"]);
    const types = (await get(sb, "projects/DEMO/issueTypes")).body;
    assert("templateDescription" in types[0] && "templateSummary" in types[0]);
    assertEquals((await get(sb, "projects/DEMO/categories")).body.length, 3);
    const versions = (await get(sb, "projects/DEMO/versions")).body;
    assert(versions.some((v: { archived: boolean }) => v.archived));
    assert(versions.some((v: { startDate: string | null }) => v.startDate === null));
    const members = (await get(sb, "projects/OPS/users")).body.map((u: { id: number }) => u.id);
    assert(!members.includes(SEED.me.id));
  });
});

Deno.test("array params: [] / %5B%5D / [N] decode to one list and are recorded normalised", async () => {
  await withSandbox({}, async (sb) => {
    const mixed = await get(sb, "issues/count", "statusId[]=1&statusId%5B%5D=2&projectId[0]=102");
    const one = await get(sb, "issues/count", "statusId[]=1&projectId[]=102");
    const two = await get(sb, "issues/count", "statusId[]=2&projectId[]=102");
    assertEquals(mixed.body.count, one.body.count + two.body.count);
    assert(one.body.count > 0 && two.body.count > 0);
    const rec = sb.requests[0];
    assertEquals(rec.path, "/api/v2/issues/count");
    assertEquals(rec.params, { statusId: ["1", "2"], projectId: ["102"] });
    const bare = await get(sb, "issues/count", "statusId=1&statusId=2&projectId=102");
    assertEquals(bare.body.count, mixed.body.count);
  });
  await withSandbox({ acceptIndexedArrayKeys: false, acceptBareArrayKeys: false }, async (sb) => {
    const all = (await get(sb, "issues/count")).body.count;
    assertEquals((await get(sb, "issues/count", "statusId[0]=1")).body.count, all);
    assertEquals((await get(sb, "issues/count", "statusId=1")).body.count, all);
    assert((await get(sb, "issues/count", "statusId[]=1")).body.count < all);
  });
});

Deno.test("control endpoints: requests and faults over HTTP, not recorded", async () => {
  await withSandbox({}, async (sb) => {
    await get(sb, "space");
    const list = await fetch(`${sb.url}/_sandbox/requests`);
    const recorded = await list.json();
    assertEquals(recorded.length, 1);
    assertEquals(recorded[0].path, "/api/v2/space");
    const post = await fetch(`${sb.url}/_sandbox/faults`, {
      method: "POST",
      body: JSON.stringify({ kind: "503", path: "^/api/v2/issues/DEMO-\\d+$", times: 2 }),
    });
    assertEquals(post.status, 201);
    await post.body?.cancel();
    assertEquals((await get(sb, "issues/DEMO-1")).status, 503);
    assertEquals((await get(sb, "issues/count")).status, 200);
    assertEquals((await get(sb, "issues/DEMO-2")).status, 503);
    assertEquals((await get(sb, "issues/DEMO-2")).status, 200);
    const bad = await fetch(`${sb.url}/_sandbox/faults`, {
      method: "POST",
      body: JSON.stringify({ kind: "nope" }),
    });
    assertEquals(bad.status, 400);
    await bad.body?.cancel();
    await (await fetch(`${sb.url}/_sandbox/faults`, { method: "DELETE" })).body?.cancel();
    const del = await fetch(`${sb.url}/_sandbox/requests`, { method: "DELETE" });
    assertEquals(del.status, 204);
    assertEquals(sb.requests.length, 0);
  });
});

Deno.test("control: POST /_sandbox/reset restores the seed", async () => {
  await withSandbox({}, async (sb) => {
    const before = sb.state.issues.length;
    const r = await call(sb, "POST issues", {
      form: `projectId=101&summary=x&issueTypeId=${SEED.issueTypes.demoTask}&priorityId=3`,
    });
    assertEquals(r.status, 201);
    assertEquals(sb.state.issues.length, before + 1);
    const reset = await fetch(`${sb.url}/_sandbox/reset`, { method: "POST" });
    assertEquals(reset.status, 204);
    assertEquals(sb.state.issues.length, before);
  });
});
