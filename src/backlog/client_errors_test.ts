/**
 * The client's errors: each failure's kind and a message a person can act on,
 * Backlog's own words kept, and the key redacted wherever a message could quote it.
 *
 * @module
 */

import {
  assert,
  assertEquals,
  assertMatch,
  assertNotIncludes,
  assertStringIncludes,
} from "../../tests/assert.ts";
import {
  assertOneSentence,
  backlogError,
  clientKit,
  json,
  KEY,
  type Reply,
} from "./client_test_util.ts";

const { setup, rejection, assertNoKeySeen } = clientKit();

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
Deno.test("client errors: no error message or log line in this file contains the key", () => {
  assertNoKeySeen(21);
});
