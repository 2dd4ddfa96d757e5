/**
 * The client against hostile or careless answers: redirects (never followed;
 * a second listener must receive nothing), oversized bodies (capped while
 * streaming, not retried), and 401/403 explained by Backlog's error code.
 * Rate limits and pacing: `client_pacing_test.ts`.
 *
 * @module
 */

import {
  assert,
  assertEquals,
  assertNotIncludes,
  assertStringIncludes,
} from "../../tests/assert.ts";
import { assertOneSentence, clientKit } from "./client_test_util.ts";

const KEY = "hostileKEY-9f8e7d6c5b4a39281706";
const { client, clocked, rejection, assertNoKeySeen } = clientKit(KEY);

/** A listener on 127.0.0.1 that records what reaches it. */
function listen(answer: (req: Request) => Response | Promise<Response>) {
  const received: { url: string; key: string | null }[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    received.push({ url: req.url, key: req.headers.get("backlog-api-key") });
    return answer(req);
  });
  return { url: `http://127.0.0.1:${server.addr.port}`, received, close: () => server.shutdown() };
}

Deno.test("redirects: never followed; a second listener receives nothing, for every 3xx and form", async (t) => {
  const trap = listen(() =>
    new Response("{}", { headers: { "content-type": "application/json" } })
  );
  let location = "";
  let status = 302;
  const origin = listen(() => new Response(null, { status, headers: { location } }));
  try {
    const cases: { status: number; location: string; says: string; transport?: "query" }[] = [
      { status: 301, location: `${trap.url}/api/v2/users/myself`, says: `to ${trap.url}` },
      { status: 302, location: `${trap.url}/x?apiKey=${KEY}`, says: `to ${trap.url}` },
      {
        status: 303,
        location: "https://evil.example:8443/steal",
        says: "to https://evil.example:8443",
      },
      { status: 307, location: `${trap.url}/`, says: `to ${trap.url}`, transport: "query" },
      { status: 308, location: "/api/v2/elsewhere", says: `to another address on 127.0.0.1` },
      { status: 302, location: "", says: "with no usable Location" },
      { status: 302, location: "http://[bad", says: "with no usable Location" },
    ];
    for (const c of cases) {
      await t.step(
        `${c.status} ${c.location || "(empty)"}${c.transport ? " (query)" : ""}`,
        async () => {
          status = c.status;
          location = c.location;
          const before = origin.received.length;
          const backlog = client(origin.url, { transport: c.transport });
          for (
            const send of [
              () => backlog.get(["users", "myself"]),
              () => backlog.post(["issues"], { summary: "x" }),
            ]
          ) {
            const error = await rejection(send());
            assertEquals(error.kind, "redirect");
            assertEquals(error.status, c.status);
            assertStringIncludes(error.message, `redirect (HTTP ${c.status}) ${c.says}`);
            assertStringIncludes(error.message, "BACKLOG_DOMAIN / BACKLOG_BASE_URL");
            // Honest: the request went out and was answered; only the redirect was not followed.
            assertNotIncludes(error.message, "was not sent");
            assertNotIncludes(error.message, "/steal");
            assertOneSentence(error.message);
          }
          assertEquals(origin.received.length - before, 2, "each request sent once, not retried");
          backlog.close();
        },
      );
    }
    assertEquals(trap.received, [], "nothing reached the redirect target");
  } finally {
    await origin.close();
    await trap.close();
  }
});

/** A listener streaming `total` bytes of JSON-ish text in 64 kB chunks; counts what it wrote. */
function streaming(total: number, options: { declare?: boolean; status?: number } = {}) {
  const stats = { written: 0, requests: 0, cancelled: 0 };
  const chunk = new TextEncoder().encode("x".repeat(65_536));
  const server = listen(() => {
    stats.requests++;
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= total) return controller.close();
        controller.enqueue(chunk);
        sent += chunk.byteLength;
        stats.written = Math.max(stats.written, sent);
      },
      cancel() {
        stats.cancelled++;
      },
    }, { highWaterMark: 0 });
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (options.declare) headers["content-length"] = String(Math.ceil(total / 65_536) * 65_536);
    return new Response(body, { status: options.status ?? 200, headers });
  });
  return { ...server, stats };
}

Deno.test("body cap: a huge answer is one sentence, read no further than the cap, and not retried", async (t) => {
  const cap = 1_000_000;
  for (
    const c of [
      { name: "chunked GET", total: 50_000_000, method: "GET", says: "is larger than 1 MB" },
      { name: "declared length", total: 30_000_000, declare: true, method: "GET", says: "1 MB" },
      {
        name: "5xx body",
        total: 50_000_000,
        status: 503,
        method: "GET",
        says: "HTTP 503 and a body larger",
      },
      {
        name: "accepted write",
        total: 50_000_000,
        status: 201,
        method: "POST",
        says: "Backlog accepted POST",
      },
    ]
  ) {
    await t.step(c.name, async () => {
      const server = streaming(c.total, { declare: c.declare, status: c.status });
      const backlog = client(server.url, { maxResponseBytes: cap });
      try {
        const error = await rejection(
          c.method === "GET" ? backlog.get(["issues"]) : backlog.post(["issues"], { summary: "x" }),
        );
        assertEquals(error.kind, "too_large");
        assertStringIncludes(error.message, c.says);
        assertStringIncludes(error.message, "BACKLOG_MAX_RESPONSE_BYTES");
        assertOneSentence(error.message);
        assertEquals(server.stats.requests, 1, "not retried");
        // Streaming stops near the cap (plus what the socket buffers), never the whole body.
        assert(
          server.stats.written < cap + 8_000_000,
          `server wrote ${server.stats.written} bytes`,
        );
      } finally {
        backlog.close();
        await server.close();
      }
    });
  }
});

Deno.test("body cap: the reader never holds more than the cap plus one chunk", async () => {
  let pulled = 0;
  const cap = 200_000;
  const fetchHuge = () =>
    Promise.resolve(
      new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            pulled += 10_000;
            controller.enqueue(new Uint8Array(10_000));
          },
        }, { highWaterMark: 0 }),
        { headers: { "content-type": "application/json" } },
      ),
    );
  const backlog = client("https://space.backlog.com", {
    fetch: fetchHuge as typeof fetch,
    maxResponseBytes: cap,
  });
  assertEquals((await rejection(backlog.get(["projects"]))).kind, "too_large");
  assert(pulled <= cap + 20_000, `pulled ${pulled} bytes`);
  // Under the cap, the body is read whole.
  const small = client("https://space.backlog.com", {
    fetch: (() => Promise.resolve(Response.json({ ok: "ü".repeat(1000) }))) as typeof fetch,
    maxResponseBytes: cap,
  });
  assertEquals(await small.get(["projects"]), { ok: "ü".repeat(1000) });
});

Deno.test("401/403 are explained by Backlog's error code", async (t) => {
  const cases = [
    { status: 403, code: 4, kind: "forbidden", says: "only from allowed IP addresses" },
    { status: 403, code: 12, kind: "auth", says: "2-step verification" },
    { status: 401, code: 12, kind: "auth", says: "2-step verification" },
    { status: 403, code: 2, kind: "forbidden", says: "plan does not include API access" },
    { status: 403, code: 3, kind: "forbidden", says: "licence has expired" },
    { status: 403, code: 5, kind: "forbidden", says: "lacks permission" },
    { status: 403, code: 99, kind: "forbidden", says: "lacks permission" },
    { status: 401, code: 11, kind: "auth", says: "Check BACKLOG_API_KEY" },
  ];
  for (const c of cases) {
    await t.step(`HTTP ${c.status} code ${c.code}`, async () => {
      const { backlog } = clocked(
        () =>
          Response.json({ errors: [{ message: "Refused.", code: c.code, moreInfo: "" }] }, {
            status: c.status,
          }),
        { transport: "header" },
      );
      const error = await rejection(backlog.get(["projects"]));
      assertEquals(error.kind, c.kind);
      assertEquals(error.code, c.code);
      assertStringIncludes(error.message, c.says);
      assertStringIncludes(error.message, `code ${c.code}`);
    });
  }
});

Deno.test("hostile client tests: no message or log line held the key", () => {
  assertNoKeySeen(20);
});
