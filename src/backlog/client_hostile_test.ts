/**
 * The client against hostile or careless answers: redirects (never followed;
 * a second listener must receive nothing), oversized bodies (capped while
 * streaming, not retried), garbage rate-limit resets (the gate heals), 401/403
 * by Backlog's error code, a 429 without a reset (Nulab's one minute), and the
 * pacing Nulab asks for (one request in flight, bulk pages spaced).
 */

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
import { MAX_RESET_AHEAD_MS } from "./rate_gate.ts";

const KEY = "hostileKEY-9f8e7d6c5b4a39281706";

/** Every message and log line of this file, checked for the key at the end. */
const seen: string[] = [];

async function rejection(promise: Promise<unknown>): Promise<BacklogError> {
  try {
    await promise;
  } catch (error) {
    assert(error instanceof BacklogError, `expected a BacklogError, got ${error}`);
    seen.push(error.message);
    assertNotIncludes(error.message.toLowerCase(), KEY.toLowerCase(), "the key leaked");
    return error;
  }
  throw new AssertionError({ message: "expected the request to fail" });
}

function assertOneSentence(text: string): void {
  assert(text.endsWith("."), `not a sentence: ${text}`);
  assert(!/[.!?]\s+[A-Z]/.test(text), `more than one sentence: ${text}`);
  assertNotIncludes(text, "Invalid time value");
}

/** A listener on 127.0.0.1 that records what reaches it. */
function listen(answer: (req: Request) => Response | Promise<Response>) {
  const received: { url: string; key: string | null }[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    received.push({ url: req.url, key: req.headers.get("backlog-api-key") });
    return answer(req);
  });
  return { url: `http://127.0.0.1:${server.addr.port}`, received, close: () => server.shutdown() };
}

function client(baseUrl: string, options: Partial<BacklogClientOptions> = {}): BacklogClient {
  return new BacklogClient({
    baseUrl,
    apiKey: KEY,
    retry: { baseDelayMs: 1 },
    logger: createLogger({ level: "debug", write: (line) => seen.push(line) }),
    ...options,
  });
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

/** A client on a fake fetch and a fake clock that sleeps advance. */
function clocked(
  reply: (url: URL, n: number) => Response,
  options: Partial<BacklogClientOptions> = {},
) {
  const clock = { now: Date.UTC(2026, 10, 16, 0, 0, 0) };
  const calls: URL[] = [];
  const sleeps: number[] = [];
  const logs: string[] = [];
  const backlog = new BacklogClient({
    baseUrl: "https://space.backlog.com",
    apiKey: KEY,
    fetch: ((input: URL) => {
      calls.push(new URL(input));
      return Promise.resolve(reply(new URL(input), calls.length));
    }) as typeof fetch,
    now: () => clock.now,
    sleep: (ms) => {
      sleeps.push(ms);
      clock.now += ms;
      return Promise.resolve();
    },
    logger: createLogger({ level: "debug", write: (l) => (logs.push(l), seen.push(l)) }),
    ...options,
  });
  return { backlog, clock, calls, sleeps, logs };
}

const tooMany = (reset?: string) =>
  Response.json({ errors: [{ message: "Too many requests.", code: 13, moreInfo: "" }] }, {
    status: 429,
    headers: reset === undefined ? {} : { "X-RateLimit-Reset": reset },
  });

Deno.test("rate gate: a garbage or far-future reset is ignored with a log line, and the class heals", async (t) => {
  const start = Date.UTC(2026, 10, 16);
  const hostile = [
    "1e308",
    "Infinity",
    "-Infinity",
    "NaN",
    "garbage",
    "",
    "   ",
    "0x7fffffff",
    String(Math.floor(start / 1000) + 365 * 86_400), // a year ahead
    String(start), // milliseconds where seconds belong: 56,000 years ahead
    "9".repeat(400),
    "1605484860; DROP",
  ];
  for (const reset of hostile) {
    await t.step(JSON.stringify(reset), async () => {
      const { backlog, clock, calls, logs } = clocked((_url, n) =>
        n === 1 ? tooMany(reset) : Response.json([])
      );
      const error = await rejection(backlog.get(["issues"]));
      assertEquals(error.kind, "rate_limited");
      assert(
        error.resetAt! - clock.now <= MAX_RESET_AHEAD_MS,
        `reset ${error.resetAt} is beyond the bound`,
      );
      assertOneSentence(error.message);
      if (reset.trim() !== "") {
        assert(logs.some((l) => l.includes("ignored X-RateLimit-Reset")), "a log line says so");
      }
      // While the class waits, its requests fail at once, unsent; other classes go on.
      await rejection(backlog.get(["issues", "count"]));
      assertEquals(calls.length, 1);
      assertEquals(await backlog.get(["projects"]), []);
      // A minute later the class works again: never disabled for good.
      clock.now += 61_000;
      assertEquals(await backlog.get(["issues"]), []);
    });
  }
});

Deno.test("rate gate: a believable reset is used, a past one waits only the margin", async () => {
  const { backlog, clock, sleeps } = clocked((_url, n) =>
    n === 1 ? tooMany(String(Math.floor(Date.UTC(2026, 10, 16) / 1000) + 5)) : Response.json([])
  );
  const started = clock.now;
  assertEquals(await backlog.get(["issues"]), []);
  assertEquals(sleeps, [5_250]);
  assertEquals(clock.now - started, 5_250);
  const past = clocked((_url, n) => n === 1 ? tooMany("1") : Response.json([]));
  assertEquals(await past.backlog.get(["issues"]), []);
  assertEquals(past.sleeps, [250]);
});

Deno.test("429 without X-RateLimit-Reset: Nulab's one minute, answered at once with when to retry", async () => {
  const { backlog, clock, calls, sleeps } = clocked((_url, n) =>
    n === 1 ? tooMany() : Response.json({ id: 1 })
  );
  const at = clock.now;
  const error = await rejection(backlog.get(["issues"]));
  assertEquals(error.resetAt, at + 60_000);
  assertStringIncludes(error.message, new Date(at + 60_000).toISOString());
  assertMatch(error.message, /retry after that time\.$/);
  assertEquals(sleeps, [], "a minute is beyond a call's budget: no hanging");
  assertEquals(calls.length, 1);
  // Writes are held back too once their own class meets one; reads are another class.
  assertEquals(await backlog.get(["users", "myself"]), { id: 1 });
  clock.now += 60_000;
  assertEquals(await backlog.get(["issues"]), { id: 1 });
  // With a budget that allows a minute, the wait is made, then the request succeeds.
  const patient = clocked((_url, n) => n === 1 ? tooMany() : Response.json([]), {
    retry: { maxRateLimitWaitMs: 120_000, budgetMs: 120_000 },
  });
  assertEquals(await patient.backlog.get(["issues"]), []);
  assertEquals(patient.sleeps, [60_250]);
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

Deno.test("pacing: one request in flight by default; bulk pages spaced, first pages and reads not", async () => {
  let active = 0;
  let peak = 0;
  const backlog = new BacklogClient({
    baseUrl: "https://space.backlog.com",
    apiKey: KEY,
    fetch: (async () => {
      peak = Math.max(peak, ++active);
      await new Promise((r) => setTimeout(r, 5));
      active--;
      return Response.json([]);
    }) as typeof fetch,
  });
  await Promise.all([
    backlog.get(["projects"]),
    backlog.get(["users", "myself"]),
    backlog.get(["issues", "PROJ-1"]),
    backlog.get(["issues"]),
  ]);
  assertEquals(peak, 1, "Nulab: do not send one user's requests concurrently");

  const { backlog: paced, clock, sleeps } = clocked(() => Response.json([]), {
    bulkSpacingMs: 1000,
  });
  const page = (offset: number) =>
    paced.request({ method: "GET", path: ["issues"], query: { offset }, bulk: offset > 0 });
  await page(0);
  assertEquals(sleeps, [], "the first page of a call is never delayed");
  await page(100);
  await page(200);
  assertEquals(sleeps, [1000, 1000], "each later page waits a second after the previous one");
  await paced.get(["issues", "PROJ-1"]);
  await paced.get(["projects"]);
  assertEquals(sleeps.length, 2, "reads are not spaced");
  clock.now += 5000;
  await page(300);
  assertEquals(sleeps.length, 2, "a page after a quiet second goes at once");

  // A sleep that returns at once (as in tests) must not make a bulk request spin.
  let fetches = 0;
  const hasty = new BacklogClient({
    baseUrl: "https://space.backlog.com",
    apiKey: KEY,
    fetch: (() => (fetches++, Promise.resolve(Response.json([])))) as typeof fetch,
    sleep: () => Promise.resolve(),
  });
  const started = performance.now();
  for (const offset of [0, 100, 200]) {
    await hasty.request({ method: "GET", path: ["issues"], query: { offset }, bulk: offset > 0 });
  }
  assertEquals(fetches, 3);
  assert(performance.now() - started < 500, "no busy wait");
});

Deno.test("cancellation: nothing is sent, waited for or retried once the signal aborts", async (t) => {
  await t.step("aborted before sending", async () => {
    const { backlog, calls } = clocked(() => Response.json([]));
    const controller = new AbortController();
    controller.abort();
    const error = await rejection(backlog.withSignal(controller.signal).get(["issues"]));
    assertEquals(error.kind, "cancelled");
    assertEquals(calls.length, 0);
  });
  await t.step("aborted during a retry's wait: no retry", async () => {
    const controller = new AbortController();
    const calls: number[] = [];
    const backlog = new BacklogClient({
      baseUrl: "https://space.backlog.com",
      apiKey: KEY,
      fetch: (() => {
        calls.push(1);
        return Promise.resolve(new Response("", { status: 503 }));
      }) as typeof fetch,
      sleep: () => new Promise(() => controller.abort()), // aborts while waiting; never wakes
    });
    const error = await rejection(backlog.withSignal(controller.signal).get(["issues"]));
    assertEquals(error.kind, "cancelled");
    assertEquals(calls.length, 1);
  });
  await t.step("aborted while a GET is in flight: the fetch is aborted too", async () => {
    const controller = new AbortController();
    let signal: AbortSignal | undefined;
    const backlog = new BacklogClient({
      baseUrl: "https://space.backlog.com",
      apiKey: KEY,
      fetch: ((_url: URL, init: RequestInit) =>
        new Promise((_, reject) => {
          signal = init.signal!;
          signal.addEventListener("abort", () => reject(signal!.reason));
          controller.abort();
        })) as typeof fetch,
    });
    const error = await rejection(backlog.withSignal(controller.signal).get(["issues"]));
    assertEquals(error.kind, "cancelled");
    assert(signal?.aborted);
  });
  await t.step("a write once sent runs to its answer", async () => {
    const controller = new AbortController();
    let aborted = false;
    const backlog = new BacklogClient({
      baseUrl: "https://space.backlog.com",
      apiKey: KEY,
      fetch: ((_url: URL, init: RequestInit) => {
        controller.abort();
        aborted = init.signal!.aborted;
        return Promise.resolve(Response.json({ id: 9 }, { status: 201 }));
      }) as typeof fetch,
    });
    const bound = backlog.withSignal(controller.signal);
    assertEquals(await bound.post(["issues"], { summary: "x" }), { id: 9 });
    assertEquals(aborted, false);
    backlog.close();
  });
});

Deno.test("hostile client tests: no message or log line held the key", () => {
  assert(seen.length > 50, `only ${seen.length} texts were checked`);
  for (const text of seen) assertNotIncludes(text.toLowerCase(), KEY.toLowerCase());
});
