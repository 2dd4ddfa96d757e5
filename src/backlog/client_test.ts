import {
  assert,
  assertEquals,
  AssertionError,
  assertMatch,
  assertNotIncludes,
  assertStringIncludes,
} from "../../tests/assert.ts";
import { createLogger } from "../log.ts";
import { BacklogClient, type BacklogClientOptions } from "./client.ts";
import { BacklogError } from "./errors.ts";

/** A distinctive key: any message or log line containing it is a leak. */
const KEY = "KEY-d1st1nct1ve-0123456789";
const BASE = "https://space.backlog.com";

/** What the fake fetch saw for one request. */
interface Call {
  url: URL;
  method: string;
  headers: Headers;
  body: string | undefined;
  signal: AbortSignal | undefined;
}

type Reply = (call: Call) => Response | Promise<Response>;

/** Every error message and log line produced in this file, checked for the key at the end. */
const seenMessages: string[] = [];
const logLines: string[] = [];

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

const backlogError = (message: string, code = 0) => ({
  errors: [{ message, code, moreInfo: "" }],
});

/**
 * A client wired to a fake fetch that answers with `replies` in order (the last
 * one repeats) and a sleep that records waits and resolves at once.
 */
function setup(replies: Reply | Reply[], options: Partial<BacklogClientOptions> = {}) {
  const queue = Array.isArray(replies) ? replies : [replies];
  const calls: Call[] = [];
  const sleeps: number[] = [];
  const fakeFetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const call: Call = {
      url: new URL(input instanceof Request ? input.url : String(input)),
      method: init?.method ?? "GET",
      headers: new Headers(init?.headers),
      body: typeof init?.body === "string" ? init.body : undefined,
      signal: init?.signal ?? undefined,
    };
    calls.push(call);
    const reply = queue[Math.min(calls.length - 1, queue.length - 1)];
    return Promise.resolve().then(() => reply(call));
  };
  const client = new BacklogClient({
    baseUrl: BASE,
    apiKey: KEY,
    fetch: fakeFetch as typeof fetch,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    logger: createLogger({ level: "debug", write: (line) => logLines.push(line) }),
    ...options,
  });
  return { client, calls, sleeps };
}

/** Awaits a rejection, checks it is a key-free BacklogError, and returns it. */
async function rejection(promise: Promise<unknown>): Promise<BacklogError> {
  try {
    await promise;
  } catch (error) {
    assert(error instanceof BacklogError, `expected a BacklogError, got ${error}`);
    seenMessages.push(error.message);
    assertNotIncludes(error.message, KEY, "the API key leaked into an error message");
    return error;
  }
  throw new AssertionError({ message: "expected the request to fail" });
}

const ok = (body: unknown = { id: 1 }): Reply => () => json(200, body);

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

Deno.test("client errors: 401 is kind auth and says the key was rejected", async () => {
  const { client } = setup(() => json(401, backlogError("Authenticate error", 11)), {
    transport: "header",
  });
  const error = await rejection(client.get(["users", "myself"]));
  assertEquals(error.kind, "auth");
  assertEquals(error.status, 401);
  assertEquals(error.code, 11);
  assertStringIncludes(error.message, "The API key was rejected by Backlog");
  assertStringIncludes(error.message, "Authenticate error");
  assertStringIncludes(error.message, "BACKLOG_API_KEY");
  assertEquals(error.transient, false);
});

Deno.test("client errors: 401 with an empty body is still kind auth", async () => {
  const { client } = setup(() => new Response("", { status: 401 }), { transport: "header" });
  const error = await rejection(client.get(["users", "myself"]));
  assertEquals(error.kind, "auth");
  assertStringIncludes(error.message, "The API key was rejected by Backlog");
});

Deno.test("client errors: 403 is kind forbidden", async () => {
  const { client, calls } = setup(() => json(403, backlogError("No permission.", 11)));
  const error = await rejection(client.get(["projects", "SECRET"]));
  assertEquals(error.kind, "forbidden");
  assertStringIncludes(error.message, "GET /api/v2/projects/SECRET");
  assertStringIncludes(error.message, "No permission.");
  assertEquals(calls.length, 1);
});

Deno.test("client errors: 404 is kind not_found and names the request", async () => {
  const { client, calls, sleeps } = setup(() => json(404, backlogError("No issue.", 6)));
  const error = await rejection(client.get(["issues", "PROJ-999"]));
  assertEquals(error.kind, "not_found");
  assertEquals(error.status, 404);
  assertEquals(error.code, 6);
  assertEquals(error.backlogMessage, "No issue.");
  assertEquals(error.request, "GET /api/v2/issues/PROJ-999");
  assertStringIncludes(error.message, "GET /api/v2/issues/PROJ-999");
  assertStringIncludes(error.message, "No issue.");
  assertEquals(calls.length, 1, "a 404 is not retried");
  assertEquals(sleeps, []);
});

Deno.test("client errors: 400 with a Backlog body carries Backlog's message", async () => {
  const { client, calls } = setup(() =>
    json(400, {
      errors: [
        { message: "Please change the status or post a comment.", code: 7, moreInfo: "" },
        { message: "Second problem.", code: 7, moreInfo: "" },
      ],
    })
  );
  const error = await rejection(client.patch(["issues", "PROJ-1"], {}));
  assertEquals(error.kind, "invalid");
  assertEquals(error.status, 400);
  assertEquals(error.entries.length, 2);
  assertStringIncludes(error.message, "Please change the status or post a comment.");
  assertStringIncludes(error.message, "Second problem.");
  assertStringIncludes(error.message, "PATCH /api/v2/issues/PROJ-1");
  assertStringIncludes(error.message, "HTTP 400");
  assertEquals(calls.length, 1);
});

Deno.test("client errors: 400 without a Backlog body is bad_response, describing the body", async () => {
  const { client } = setup(() =>
    new Response("Bad Request", { status: 400, headers: { "content-type": "text/plain" } })
  );
  const error = await rejection(client.get(["issues"]));
  assertEquals(error.kind, "bad_response");
  assertEquals(error.status, 400);
  assertStringIncludes(error.message, "HTTP 400");
  assertStringIncludes(error.message, "a text/plain body");
});

Deno.test("client errors: an HTML 502 page is named as such, not a parse failure", async () => {
  const page =
    "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>";
  const { client, calls } = setup(
    () => new Response(page, { status: 502, headers: { "content-type": "text/html" } }),
    { retry: { maxAttempts: 1 } },
  );
  const error = await rejection(client.get(["issues", "PROJ-1"]));
  assertEquals(error.kind, "server");
  assertEquals(error.status, 502);
  assertStringIncludes(error.message, 'an HTML page ("502 Bad Gateway")');
  assertStringIncludes(error.message, "HTTP 502");
  assertStringIncludes(error.message, "GET /api/v2/issues/PROJ-1");
  assertNotIncludes(error.message.toLowerCase(), "parse");
  assertNotIncludes(error.message, "<html>");
  assert(error.transient);
  assertEquals(calls.length, 1);
});

Deno.test("client errors: an HTML page without a title or content type", async () => {
  const { client } = setup(() => new Response("<!doctype html><p>oops</p>", { status: 503 }), {
    retry: { maxAttempts: 1 },
  });
  const error = await rejection(client.get(["projects"]));
  assertEquals(error.kind, "server");
  assertStringIncludes(error.message, "an HTML page");
});

Deno.test("client errors: an empty 5xx body is described as empty", async () => {
  const { client } = setup(() => new Response(null, { status: 500 }), {
    retry: { maxAttempts: 1 },
  });
  const error = await rejection(client.get(["projects"]));
  assertStringIncludes(error.message, "an empty body");
});

Deno.test("client errors: malformed JSON in a 200 is bad_response", async () => {
  const { client, calls } = setup(() =>
    new Response('{"id": 1,', { status: 200, headers: { "content-type": "application/json" } })
  );
  const error = await rejection(client.get(["issues", "PROJ-1"]));
  assertEquals(error.kind, "bad_response");
  assertEquals(error.status, 200);
  assertStringIncludes(error.message, "malformed JSON");
  assertStringIncludes(error.message, "instead of JSON");
  assertEquals(error.transient, false);
  assertEquals(calls.length, 1, "a malformed 200 is not retried");
});

Deno.test("client errors: an HTML 200 (wrong host) points at the domain setting", async () => {
  const { client } = setup(() =>
    new Response("<html><title>Welcome</title></html>", {
      headers: { "content-type": "text/html; charset=utf-8" },
    })
  );
  const error = await rejection(client.get(["users", "myself"]));
  assertEquals(error.kind, "bad_response");
  assertStringIncludes(error.message, 'an HTML page ("Welcome")');
  assertStringIncludes(error.message, "BACKLOG_DOMAIN");
});

Deno.test("client errors: a rejected fetch is kind network", async () => {
  const { client, calls, sleeps } = setup(() => {
    throw new TypeError("error sending request: connection refused");
  });
  const error = await rejection(client.get(["users", "myself"]));
  assertEquals(error.kind, "network");
  assertStringIncludes(error.message, "Could not reach Backlog at https://space.backlog.com");
  assertStringIncludes(error.message, "connection refused");
  assertStringIncludes(error.message, "GET /api/v2/users/myself");
  assert(error.transient);
  assertEquals(calls.length, 3, "a GET network error is retried up to maxAttempts");
  assertEquals(sleeps.length, 2);
});

Deno.test("client errors: a network error on POST is not retried", async () => {
  const { client, calls } = setup(() => {
    throw new TypeError("connection reset");
  });
  const error = await rejection(client.post(["issues"], { summary: "x" }));
  assertEquals(error.kind, "network");
  assertEquals(calls.length, 1);
});

Deno.test("client errors: a request that outlives timeoutMs is kind timeout", async () => {
  const hang: Reply = (call) =>
    new Promise<Response>((_, reject) => {
      const signal = call.signal;
      if (!signal) return reject(new Error("no signal passed to fetch"));
      signal.addEventListener("abort", () => reject(signal.reason), { once: true });
    });
  const { client, calls } = setup(hang, { timeoutMs: 50, retry: { maxAttempts: 2 } });
  const started = Date.now();
  const error = await rejection(client.get(["issues"]));
  const elapsed = Date.now() - started;
  assertEquals(error.kind, "timeout");
  assertStringIncludes(error.message, "did not answer GET /api/v2/issues");
  assertStringIncludes(error.message, "BACKLOG_TIMEOUT_MS");
  assert(error.transient);
  assertEquals(calls.length, 2, "a GET timeout is retried");
  assert(calls.every((c) => c.signal?.aborted), "every attempt was aborted");
  assert(elapsed >= 90 && elapsed < 5000, `two 50 ms timeouts took ${elapsed} ms`);
});

Deno.test("client errors: an AbortError from fetch is also a timeout", async () => {
  const { client } = setup(() => {
    throw new DOMException("The signal has been aborted", "AbortError");
  }, { retry: { maxAttempts: 1 } });
  assertEquals((await rejection(client.get(["projects"]))).kind, "timeout");
});

Deno.test("client errors: a failure while reading the body is kind network", async () => {
  const { client } = setup(() => {
    const body = new ReadableStream({
      start(controller) {
        controller.error(new TypeError("body stream broke"));
      },
    });
    return new Response(body, { headers: { "content-type": "application/json" } });
  }, { retry: { maxAttempts: 1 } });
  const error = await rejection(client.get(["projects"]));
  assertEquals(error.kind, "network");
  assertStringIncludes(error.message, "body stream broke");
});

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

/** One sentence: ends with a full stop, and no full stop inside is followed by a new sentence. */
function assertOneSentence(message: string) {
  assert(message.endsWith("."), `not a sentence: ${message}`);
  assert(!/[.!?]\s+[A-Z]/.test(message), `more than one sentence: ${message}`);
  assertNotIncludes(message, "\n");
}

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

Deno.test("client: a denied network permission is not retried and names the fix", async () => {
  const { client, calls, sleeps } = setup(() => {
    const error = new Error('Requires net access to "space.backlog.com:443"');
    error.name = "NotCapable";
    throw error;
  });
  const error = await rejection(client.get(["issues"]));
  assertEquals(calls.length, 1);
  assertEquals(sleeps, []);
  assertStringIncludes(error.message, "not allowed to connect to space.backlog.com");
  assertStringIncludes(error.message, "mise run mcp");
  assertOneSentence(error.message);
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

Deno.test("client redaction: a network error quoting the URL does not reveal the key", async () => {
  const { client, calls } = setup((call) => {
    throw new TypeError(`error sending request for url (${call.url.href}): connection refused`);
  }, { transport: "query", retry: { maxAttempts: 1 } });
  const error = await rejection(client.get(["issues"], { statusId: [1] }));
  assertEquals(error.kind, "network");
  assertStringIncludes(calls[0].url.href, KEY, "the fake URL did carry the key");
  assertNotIncludes(error.message, KEY);
  assertStringIncludes(error.message, "apiKey=[REDACTED]");
  assertStringIncludes(error.message, "connection refused");
});

Deno.test("client redaction: a network error quoting the raw or encoded key does not reveal it", async () => {
  const { client } = setup(() => {
    throw new Error(`bad header value ${KEY} / ${encodeURIComponent(KEY)}`);
  }, { retry: { maxAttempts: 1 } });
  const error = await rejection(client.get(["users", "myself"]));
  assertNotIncludes(error.message, KEY);
  assertNotIncludes(error.message, encodeURIComponent(KEY));
  assertStringIncludes(error.message, "[REDACTED]");
});

Deno.test("client redaction: Backlog echoing the key in an error body is redacted", async () => {
  const { client } = setup(
    () => json(400, backlogError(`Invalid parameter apiKey=${KEY} for ${KEY}`, 7)),
    { transport: "query" },
  );
  const error = await rejection(client.get(["issues"]));
  assertEquals(error.kind, "invalid");
  assertNotIncludes(error.message, KEY);
  assertStringIncludes(error.message, "[REDACTED]");
});

Deno.test("client redaction: requests and errors never carry the query string", async () => {
  const { client } = setup(() => json(404, backlogError("No issue.", 6)), {
    transport: "query",
  });
  const error = await rejection(client.get(["issues", "PROJ-1"], { count: 5 }));
  assertEquals(error.request, "GET /api/v2/issues/PROJ-1");
  assertNotIncludes(error.message, "?");
  assertMatch(error.message, /GET \/api\/v2\/issues\/PROJ-1 \(HTTP 404/);
});

// Registered last: the tests above run first, in order, within this file. Each
// rejection() already checks its own message; this also covers the log lines.
Deno.test("client redaction: no error message or log line in this file contains the key", () => {
  if (seenMessages.length === 0) return; // run alone with --filter: nothing was collected
  assert(seenMessages.length >= 30, `only ${seenMessages.length} errors were collected`);
  assert(logLines.length > 0, "the client logged nothing");
  for (const text of [...seenMessages, ...logLines]) {
    assertNotIncludes(text, KEY);
    assertNotIncludes(text, KEY.slice(4, 20));
  }
});
