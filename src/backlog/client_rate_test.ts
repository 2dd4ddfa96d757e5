/**
 * The client and Backlog's rate limits and concurrency: a 429 is waited out when
 * its reset is near, its class held back until then, and searches go one at a time.
 *
 * @module
 */

import { assert, assertEquals, assertStringIncludes } from "../../tests/assert.ts";
import { assertOneSentence, backlogError, clientKit, json, ok } from "./client_test_util.ts";

const { setup, rejection, assertNoKeySeen } = clientKit();

Deno.test("client retries: POST 429 is retried (Backlog did not apply it)", async () => {
  const resetSeconds = Math.ceil((Date.now() + 1000) / 1000);
  const { client, calls, sleeps } = setup([
    () =>
      json(429, backlogError("Too many requests."), { "X-RateLimit-Reset": String(resetSeconds) }),
    () => json(201, { id: 77 }),
  ]);
  assertEquals(await client.post(["issues"], { summary: "x" }), { id: 77 });
  assertEquals(calls.length, 2);
  assertEquals(calls[1].method, "POST");
  assertEquals(calls[1].body, "summary=x");
  assertEquals(sleeps.length, 1);
  // Up to the reset, plus the 250 ms margin.
  assert(sleeps[0] >= 250 && sleeps[0] <= 2250, `waited ${sleeps[0]}`);
});

Deno.test("client retries: a 429 with X-RateLimit-Reset within budget waits until the reset", async () => {
  const resetSeconds = Math.ceil((Date.now() + 3000) / 1000);
  const { client, calls, sleeps } = setup([
    () =>
      json(429, backlogError("Too many requests."), {
        "X-RateLimit-Reset": String(resetSeconds),
      }),
    ok(),
  ]);
  await client.get(["issues"]);
  const expected = resetSeconds * 1000 - Date.now() + 250;
  assertEquals(calls.length, 2);
  assertEquals(sleeps.length, 1);
  assert(sleeps[0] >= 3000 && sleeps[0] <= 4250, `waited ${sleeps[0]}`);
  assert(Math.abs(sleeps[0] - expected) < 200, `waited ${sleeps[0]}, expected ≈${expected}`);
});

Deno.test("client retries: a 429 whose reset is already past waits only the margin", async () => {
  const resetSeconds = Math.floor(Date.now() / 1000) - 10;
  const { client, sleeps } = setup([
    () => json(429, backlogError("Too many."), { "X-RateLimit-Reset": String(resetSeconds) }),
    ok(),
  ]);
  await client.get(["projects"]);
  assertEquals(sleeps, [250]);
});

Deno.test("client retries: a 429 resetting beyond maxRateLimitWaitMs is not waited", async () => {
  const resetSeconds = Math.floor(Date.now() / 1000) + 120;
  const { client, calls, sleeps } = setup(
    () => json(429, backlogError("Too many requests."), { "X-RateLimit-Reset": `${resetSeconds}` }),
    { retry: { maxRateLimitWaitMs: 10_000 } },
  );
  const error = await rejection(client.get(["issues"]));
  assertEquals(error.kind, "rate_limited");
  assertEquals(error.status, 429);
  assertEquals(error.resetAt, resetSeconds * 1000);
  assertStringIncludes(error.message, "rate limit");
  assertStringIncludes(error.message, new Date(resetSeconds * 1000).toISOString());
  assertStringIncludes(error.message, "Too many requests");
  assertStringIncludes(error.message, "retry after that time");
  assertOneSentence(error.message);
  assertEquals(calls.length, 1);
  assertEquals(sleeps, []);
});

Deno.test("client retries: a 429 wait that would exceed the budget is not waited", async () => {
  const resetSeconds = Math.ceil((Date.now() + 5000) / 1000);
  const { client, calls, sleeps } = setup(
    () => json(429, backlogError("Too many."), { "X-RateLimit-Reset": `${resetSeconds}` }),
    { retry: { budgetMs: 2000 } },
  );
  assertEquals((await rejection(client.get(["issues"]))).kind, "rate_limited");
  assertEquals(calls.length, 1);
  assertEquals(sleeps, []);
});

Deno.test("client retries: a 429 with an empty body is still rate_limited", async () => {
  const { client } = setup(() => new Response("", { status: 429 }), {
    retry: { maxAttempts: 1 },
  });
  const before = Date.now();
  const error = await rejection(client.get(["issues"]));
  assertEquals(error.kind, "rate_limited");
  // No reset stated: Nulab's one minute.
  assert(error.resetAt! >= before + 60_000 && error.resetAt! <= Date.now() + 60_000);
});

Deno.test("client rate limits: after a 429, requests of that class wait for the reset; others do not", async () => {
  const reset = Math.ceil((Date.now() + 3000) / 1000);
  const { client, calls, sleeps } = setup((call) =>
    calls.length === 1
      ? json(429, backlogError("Too many requests."), { "X-RateLimit-Reset": String(reset) })
      : json(200, call.url.pathname.endsWith("/count") ? { count: 1 } : [])
  );
  await client.get(["issues"]); // 429, waits for the reset, then 200
  assertEquals(sleeps.length, 1);
  await client.get(["projects"]); // a read: another class, no wait
  assertEquals(sleeps.length, 1);
  await client.get(["issues", "count"]); // a search: waits before it is sent
  assertEquals(sleeps.length, 2);
  assert(sleeps[1] >= 2000 && sleeps[1] <= 4300, `waited ${sleeps[1]}`);
  assertEquals(calls.length, 4, "no request met a second 429");
});

Deno.test("client rate limits: once a reset is too far, requests of that class fail at once, unsent", async () => {
  const reset = Math.floor(Date.now() / 1000) + 600;
  const { client, calls, sleeps } = setup(() =>
    json(429, backlogError("Too many requests."), { "X-RateLimit-Reset": String(reset) })
  );
  await rejection(client.get(["issues", "PROJ-1"]));
  const error = await rejection(client.get(["issues", "PROJ-2"]));
  assertEquals(calls.length, 1, "the second request was never sent");
  assertEquals(sleeps, []);
  assertEquals(error.kind, "rate_limited");
  assertEquals(error.resetAt, reset * 1000);
  assertStringIncludes(
    error.message,
    "GET /api/v2/issues/PROJ-2 was not sent; retry after that time",
  );
  assertOneSentence(error.message);
});

Deno.test("client concurrency: issue searches run one at a time", async () => {
  let active = 0;
  let peak = 0;
  const releases: (() => void)[] = [];
  const { client } = setup(() => {
    active++;
    peak = Math.max(peak, active);
    return new Promise<Response>((resolve) =>
      releases.push(() => {
        active--;
        resolve(json(200, []));
      })
    );
  }, { maxConcurrency: 3 });
  const all = [
    client.get(["issues"]),
    client.get(["issues", "count"]),
    client.get(["issues"]),
  ];
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 0));
    assertEquals(active, 1);
    releases.shift()?.();
  }
  await Promise.all(all);
  assertEquals(peak, 1);
});

Deno.test("client concurrency: other requests respect maxConcurrency", async () => {
  let active = 0;
  let peak = 0;
  const releases: (() => void)[] = [];
  const { client, calls } = setup(() => {
    active++;
    peak = Math.max(peak, active);
    return new Promise<Response>((resolve) =>
      releases.push(() => {
        active--;
        resolve(json(200, {}));
      })
    );
  }, { maxConcurrency: 2 });
  const all = Array.from({ length: 5 }, (_, i) => client.get(["issues", `P-${i + 1}`]));
  while (calls.length < 5 || releases.length > 0) {
    await new Promise((r) => setTimeout(r, 0));
    assert(active <= 2, `active ${active}`);
    releases.shift()?.();
  }
  await Promise.all(all);
  assertEquals(peak, 2);
});

// Registered last: the tests above run first, in order, within this file. Each
// rejection() already checks its own message; this also covers the log lines.
Deno.test("client rate: no error message or log line in this file contains the key", () => {
  assertNoKeySeen(5);
});
