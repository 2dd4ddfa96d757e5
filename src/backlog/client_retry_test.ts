/**
 * The client's retries: which failures are retried and how often, the backoff,
 * the time budget, and the one sentence a caller gets once no retry follows.
 *
 * @module
 */

import { assert, assertEquals, assertMatch, assertStringIncludes } from "../../tests/assert.ts";
import type { BacklogClientOptions } from "./client.ts";
import {
  assertOneSentence,
  backlogError,
  clientKit,
  json,
  ok,
  type Reply,
} from "./client_test_util.ts";

const { setup, rejection, logLines, assertNoKeySeen } = clientKit();

Deno.test("client retries: GET 503 then 200 succeeds after one backoff sleep", async () => {
  const { client, calls, sleeps } = setup([
    () => json(503, backlogError("Service unavailable")),
    ok({ id: 1 }),
  ]);
  assertEquals(await client.get(["projects"]), { id: 1 });
  assertEquals(calls.length, 2);
  assertEquals(sleeps.length, 1);
  // First backoff: baseDelayMs (400) with ±50% jitter.
  assert(sleeps[0] >= 200 && sleeps[0] <= 600, `backoff ${sleeps[0]}`);
  assert(
    logLines.some((l) => l.includes("retrying Backlog request") && l.includes('"reason":"server"')),
    "the retry should be logged with its reason",
  );
});

Deno.test("client retries: backoff doubles between attempts", async () => {
  const { client, calls, sleeps } = setup([
    () => new Response("", { status: 502 }),
    () => new Response("", { status: 504 }),
    ok(),
  ], { retry: { baseDelayMs: 100 } });
  await client.get(["projects"]);
  assertEquals(calls.length, 3);
  assertEquals(sleeps.length, 2);
  assert(sleeps[0] >= 50 && sleeps[0] <= 150, `first backoff ${sleeps[0]}`);
  assert(sleeps[1] >= 100 && sleeps[1] <= 300, `second backoff ${sleeps[1]}`);
});

Deno.test("client retries: POST 500 is not retried", async () => {
  const { client, calls, sleeps } = setup(() => json(500, backlogError("Internal error")));
  const error = await rejection(client.post(["issues"], { summary: "x" }));
  assertEquals(error.kind, "server");
  assertStringIncludes(error.message, "Internal error");
  assertEquals(calls.length, 1);
  assertEquals(sleeps, []);
});

Deno.test("client retries: PATCH 503 is not retried", async () => {
  const { client, calls } = setup(() => new Response("", { status: 503 }));
  await rejection(client.patch(["issues", "PROJ-1"], { statusId: 2 }));
  assertEquals(calls.length, 1);
});

Deno.test("client retries: attempts stop at maxAttempts", async () => {
  const { client, calls, sleeps } = setup(() => json(503, backlogError("Down")), {
    retry: { maxAttempts: 4, baseDelayMs: 1 },
  });
  const error = await rejection(client.get(["projects"]));
  assertEquals(error.kind, "server");
  assertEquals(calls.length, 4);
  assertEquals(sleeps.length, 3);
  assertEquals(client.requestCount, 4);
});

Deno.test("client retries: maxAttempts 1 means no retry", async () => {
  const { client, calls, sleeps } = setup(() => json(503, backlogError("Down")), {
    retry: { maxAttempts: 1 },
  });
  await rejection(client.get(["projects"]));
  assertEquals(calls.length, 1);
  assertEquals(sleeps, []);
});

Deno.test("client retries: no retry starts past the time budget", async () => {
  const { client, calls, sleeps } = setup(() => json(503, backlogError("Down")), {
    retry: { baseDelayMs: 400, budgetMs: 100 },
  });
  await rejection(client.get(["projects"]));
  assertEquals(calls.length, 1);
  assertEquals(sleeps, []);
});

Deno.test("client give-up: a GET failing every attempt ends in one sentence with the count", async () => {
  const { client, calls } = setup(() => json(503, backlogError("Service unavailable.")), {
    retry: { baseDelayMs: 1 },
  });
  const error = await rejection(client.get(["issues", "PROJ-1"]));
  assertEquals(calls.length, 3);
  assertEquals(error.kind, "server");
  assertEquals(error.status, 503);
  assertMatch(
    error.message,
    /^Backlog failed GET \/api\/v2\/issues\/PROJ-1 \(HTTP 503: Service unavailable, 3 attempts over \d+(\.\d)? s\); this is usually temporary, so retry in a minute\.$/,
  );
  assertOneSentence(error.message);
});

Deno.test("client give-up: every retryable failure ends in one sentence saying whether to retry", async (t) => {
  const cases: {
    name: string;
    reply: Reply;
    expect: RegExp;
    options?: Partial<BacklogClientOptions>;
  }[] = [
    {
      name: "HTML error page",
      reply: () =>
        new Response("<html><title>502 Bad Gateway</title></html>", {
          status: 502,
          headers: { "content-type": "text/html" },
        }),
      expect: /HTTP 502 with an HTML page \("502 Bad Gateway"\), 3 attempts.*retry in a minute/,
    },
    {
      name: "network failure",
      reply: () => {
        throw new TypeError("connection reset by peer");
      },
      expect: /^Could not reach Backlog at .*connection reset by peer, 3 attempts.*then retry\.$/,
    },
    {
      name: "429 with a reset far away",
      reply: () =>
        json(429, backlogError("Too many requests."), {
          "X-RateLimit-Reset": String(Math.floor(Date.now() / 1000) + 3600),
        }),
      expect: /rate limit for this API key is used up until .*; retry after that time\.$/,
    },
    {
      name: "429 without a reset",
      reply: () => new Response("", { status: 429 }),
      expect: /rate limit .* used up until .*, so GET .*HTTP 429.*; retry after that time\.$/,
    },
    {
      name: "timeout",
      reply: () => {
        throw new DOMException("Signal timed out.", "TimeoutError");
      },
      expect:
        /^Backlog did not answer GET .* in time \(no answer within 15 s, 3 attempts.*BACKLOG_TIMEOUT_MS/,
    },
  ];
  for (const c of cases) {
    await t.step(c.name, async () => {
      const { client } = setup(c.reply, { retry: { baseDelayMs: 1 }, ...c.options });
      const error = await rejection(client.get(["issues"]));
      assertMatch(error.message, c.expect);
      assertOneSentence(error.message);
    });
  }
});

Deno.test("client give-up: a write that failed is not retried and says it may have been applied", async () => {
  for (
    const reply of [
      () => json(500, backlogError("Internal error.")),
      () => {
        throw new TypeError("connection reset");
      },
    ] as Reply[]
  ) {
    const { client, calls, sleeps } = setup(reply);
    const error = await rejection(client.post(["issues", "PROJ-1", "comments"], { content: "x" }));
    assertEquals(calls.length, 1);
    assertEquals(sleeps, []);
    assertStringIncludes(error.message, "POST /api/v2/issues/PROJ-1/comments");
    assertStringIncludes(error.message, "may have applied it");
    assertStringIncludes(error.message, "check the result in Backlog before trying again");
    assertOneSentence(error.message);
  }
});

Deno.test("client retries: a retry's timeout is cut to what is left of the budget", async () => {
  // The first answer (a 503) takes 2.5 s of a 4 s budget on a clock moved by hand;
  // the retry then gets ~1.4 s of real time, not the full 3 s timeout.
  const realNow = Date.now;
  let offset = 0;
  Date.now = () => realNow() + offset;
  try {
    const { client, calls } = setup([
      () => {
        offset += 2500;
        return json(503, backlogError("Down"));
      },
      (call) =>
        new Promise<Response>((_, reject) => {
          call.signal?.addEventListener("abort", () => reject(call.signal?.reason), { once: true });
        }),
    ], {
      timeoutMs: 3000,
      retry: { budgetMs: 4000, baseDelayMs: 100, maxAttempts: 3 },
      sleep: (ms) => {
        offset += ms;
        return Promise.resolve();
      },
    });
    const started = performance.now();
    const error = await rejection(client.get(["projects"]));
    const took = performance.now() - started;
    assertEquals(error.kind, "timeout");
    assertEquals(calls.length, 2, "no third attempt: the budget is spent");
    assert(took < 2600, `the retry waited ${Math.round(took)} ms, the full timeout is 3000`);
    assert(took > 900, `the retry waited only ${Math.round(took)} ms`);
  } finally {
    Date.now = realNow;
  }
});

// Registered last: the tests above run first, in order, within this file. Each
// rejection() already checks its own message; this also covers the log lines.
Deno.test("client retry: no error message or log line in this file contains the key", () => {
  assertNoKeySeen(9);
});
