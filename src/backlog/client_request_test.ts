/**
 * The client's requests as sent: where the key travels (header, query, the `auto`
 * fallback after a 401), parameter and path encoding, base URLs and form bodies.
 *
 * @module
 */

import {
  assert,
  assertEquals,
  assertNotIncludes,
  assertStringIncludes,
} from "../../tests/assert.ts";
import { backlogError, BASE, clientKit, json, KEY, ok } from "./client_test_util.ts";

const { setup, rejection, logLines, assertNoKeySeen } = clientKit();

Deno.test("client: by default the key goes in the Backlog-API-Key header, not the URL", async () => {
  const { client, calls } = setup(ok({ id: 5001, name: "Taro" }));
  const me = await client.get<{ id: number; name: string }>(["users", "myself"]);
  assertEquals(me, { id: 5001, name: "Taro" });
  assertEquals(calls.length, 1);
  const [call] = calls;
  assertEquals(call.method, "GET");
  assertEquals(call.url.origin + call.url.pathname, `${BASE}/api/v2/users/myself`);
  assertEquals(call.headers.get("Backlog-API-Key"), KEY);
  assertEquals(call.headers.get("Accept"), "application/json");
  assertEquals(call.url.searchParams.has("apiKey"), false);
  assertNotIncludes(call.url.href, KEY);
  assertEquals(call.body, undefined);
  assert(call.signal instanceof AbortSignal, "every request carries a timeout signal");
  assertEquals(client.requestCount, 1);
});

Deno.test("client: transport query puts apiKey= in the URL and sends no header", async () => {
  const { client, calls } = setup(ok(), { transport: "query" });
  await client.get(["users", "myself"]);
  assertEquals(calls[0].url.searchParams.get("apiKey"), KEY);
  assertEquals(calls[0].headers.has("Backlog-API-Key"), false);
});

Deno.test("client: transport header sends the header and no query key", async () => {
  const { client, calls } = setup(ok(), { transport: "header" });
  await client.get(["projects"], { archived: false });
  assertEquals(calls[0].headers.get("Backlog-API-Key"), KEY);
  assertEquals(calls[0].url.search, "?archived=false");
});

Deno.test("client: auto mode falls back to ?apiKey= once after a 401 and sticks to it", async () => {
  const { client, calls } = setup((call) =>
    call.headers.has("Backlog-API-Key")
      ? json(401, backlogError("Authenticate error", 11))
      : json(200, { id: 5001 })
  );
  assertEquals(await client.get(["users", "myself"]), { id: 5001 });
  assertEquals(calls.length, 2);
  assertEquals(calls[0].headers.get("Backlog-API-Key"), KEY);
  assertEquals(calls[0].url.searchParams.has("apiKey"), false);
  assertEquals(calls[1].headers.has("Backlog-API-Key"), false);
  assertEquals(calls[1].url.searchParams.get("apiKey"), KEY);
  assertEquals(calls[1].url.pathname, "/api/v2/users/myself");
  assert(
    logLines.some((l) => l.includes("using the query form from now on")),
    "the switch should be logged",
  );

  // Later requests go straight to the query form.
  await client.get(["projects"]);
  assertEquals(calls.length, 3);
  assertEquals(calls[2].url.searchParams.get("apiKey"), KEY);
  assertEquals(calls[2].headers.has("Backlog-API-Key"), false);
  assertEquals(client.requestCount, 3);
});

Deno.test("client: auto mode keeps the query string when falling back", async () => {
  const { client, calls } = setup([
    () => json(401, backlogError("Authenticate error", 11)),
    ok([]),
  ]);
  await client.get(["issues"], { statusId: [1, 2], count: 20 });
  assertEquals(calls[1].url.searchParams.getAll("statusId[]"), ["1", "2"]);
  assertEquals(calls[1].url.searchParams.get("count"), "20");
  assertEquals(calls[1].url.searchParams.get("apiKey"), KEY);
});

Deno.test("client: auto mode tries the ?apiKey= fallback once per process, not on every request", async () => {
  const { client, calls, sleeps } = setup(() => json(401, backlogError("Authenticate error", 11)));
  const error = await rejection(client.get(["users", "myself"]));
  assertEquals(error.kind, "auth");
  assertEquals(calls.length, 2, "header form, then query form, no retries");
  assertEquals(sleeps, []);
  // The fallback did not work: later requests go once, in the header form only.
  for (let i = 0; i < 3; i++) await rejection(client.get(["projects"]));
  assertEquals(calls.length, 5, "each later request was sent once");
  assertEquals(calls.filter((c) => c.url.searchParams.has("apiKey")).length, 1);
  for (const call of calls.slice(2)) assertEquals(call.headers.get("Backlog-API-Key"), KEY);
});

Deno.test("client: concurrent 401s share the one fallback try", async () => {
  const { client, calls } = setup(
    (call) =>
      call.headers.has("Backlog-API-Key")
        ? json(401, backlogError("Authenticate error", 11))
        : json(200, { id: 1 }),
    { maxConcurrency: 3 },
  );
  const answers = await Promise.all([1, 2, 3].map((n) => client.get(["issues", `P-${n}`])));
  assertEquals(answers, [{ id: 1 }, { id: 1 }, { id: 1 }]);
  // Three header attempts got 401; one probe found the query form; the two others then used it.
  assertEquals(calls.filter((c) => c.headers.has("Backlog-API-Key")).length, 3);
  assertEquals(calls.filter((c) => c.url.searchParams.has("apiKey")).length, 3);
  await client.get(["projects"]);
  assertEquals(calls.at(-1)!.url.searchParams.get("apiKey"), KEY);
});

Deno.test("client: header mode does not fall back after a 401", async () => {
  const { client, calls } = setup(() => json(401, backlogError("Authenticate error", 11)), {
    transport: "header",
  });
  const error = await rejection(client.get(["users", "myself"]));
  assertEquals(error.kind, "auth");
  assertEquals(calls.length, 1);
  assertEquals(calls[0].url.searchParams.has("apiKey"), false);
});

Deno.test("client: query mode does not retry a 401 either", async () => {
  const { client, calls } = setup(() => json(401, backlogError("Authenticate error", 11)), {
    transport: "query",
  });
  assertEquals((await rejection(client.get(["users", "myself"]))).kind, "auth");
  assertEquals(calls.length, 1);
});

Deno.test("client: array params are sent as repeated key[] entries", async () => {
  const { client, calls } = setup(ok([]));
  await client.get(["issues"], {
    projectId: [10],
    statusId: [1, 2],
    assigneeId: [],
    keyword: "a&b",
    sort: undefined,
    count: 20,
  });
  const { searchParams, search } = calls[0].url;
  assertEquals([...searchParams], [
    ["projectId[]", "10"],
    ["statusId[]", "1"],
    ["statusId[]", "2"],
    ["keyword", "a&b"],
    ["count", "20"],
  ]);
  assertStringIncludes(decodeURIComponent(search), "statusId[]=1&statusId[]=2");
});

Deno.test("client: path segments are URL-encoded", async () => {
  const { client, calls } = setup(ok());
  await client.get(["issues", "A/B", "comments"]);
  assertEquals(calls[0].url.pathname, "/api/v2/issues/A%2FB/comments");
  await client.get(["issues", "x?y#z"]);
  assertEquals(calls[1].url.pathname, "/api/v2/issues/x%3Fy%23z");
  assertEquals(calls[1].url.search, "");
});

Deno.test("client: a base URL with a sub-path and trailing slash", async () => {
  const { client, calls } = setup(ok(), { baseUrl: "https://b.example.com/backlog///" });
  await client.get(["users", "myself"]);
  assertEquals(calls[0].url.href, "https://b.example.com/backlog/api/v2/users/myself");
});

Deno.test("client: POST and PATCH send form bodies", async (t) => {
  await t.step("POST", async () => {
    const { client, calls } = setup(() => json(201, { id: 9 }));
    const result = await client.post(["issues"], {
      projectId: 1,
      summary: "Fix & ship 日本",
      categoryId: [3, 4],
      description: undefined,
    });
    assertEquals(result, { id: 9 });
    const [call] = calls;
    assertEquals(call.method, "POST");
    assertEquals(call.headers.get("Content-Type"), "application/x-www-form-urlencoded");
    assertEquals(call.url.search, "");
    const form = new URLSearchParams(call.body);
    assertEquals([...form], [
      ["projectId", "1"],
      ["summary", "Fix & ship 日本"],
      ["categoryId[]", "3"],
      ["categoryId[]", "4"],
    ]);
    assertNotIncludes(call.body ?? "", KEY);
    assertEquals(call.headers.get("Backlog-API-Key"), KEY);
  });

  await t.step("PATCH", async () => {
    const { client, calls } = setup(ok({ id: 9, statusId: 2 }));
    await client.patch(["issues", "PROJ-1"], { statusId: 2, comment: "started" });
    const [call] = calls;
    assertEquals(call.method, "PATCH");
    assertEquals(call.url.pathname, "/api/v2/issues/PROJ-1");
    assertEquals(call.headers.get("Content-Type"), "application/x-www-form-urlencoded");
    assertEquals(call.body, "statusId=2&comment=started");
  });

  await t.step("GET has no body and no content type", async () => {
    const { client, calls } = setup(ok());
    await client.get(["projects"]);
    assertEquals(calls[0].body, undefined);
    assertEquals(calls[0].headers.has("Content-Type"), false);
  });
});

Deno.test("client: JSON content types with parameters and +json suffixes are accepted", async () => {
  const { client } = setup(() =>
    new Response('{"id":3}', { headers: { "content-type": "application/vnd.api+json" } })
  );
  assertEquals(await client.get(["projects"]), { id: 3 });
});

Deno.test("client: auto mode does not fall back to the query form once the header worked", async () => {
  let revoked = false;
  const { client, calls } = setup(() =>
    revoked ? json(401, backlogError("Authentication failure.", 11)) : json(200, { id: 1 })
  );
  await client.get(["users", "myself"]);
  revoked = true;
  const error = await rejection(client.get(["projects"]));
  assertEquals(error.kind, "auth");
  assertStringIncludes(error.message, "The API key was rejected by Backlog");
  assertEquals(calls.length, 2, "no query-form attempt after a mid-session 401");
  assert(calls.every((c) => !c.url.searchParams.has("apiKey")), "the key never went in a URL");
  revoked = false;
  await client.get(["projects"]);
  assertEquals(calls[2].headers.get("Backlog-API-Key"), KEY, "still the header form");
});

// Registered last: the tests above run first, in order, within this file. Each
// rejection() already checks its own message; this also covers the log lines.
Deno.test("client request: no error message or log line in this file contains the key", () => {
  assertNoKeySeen(5);
});
