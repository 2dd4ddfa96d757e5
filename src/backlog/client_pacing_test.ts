/**
 * The client against careless rate-limit answers, and the pacing Nulab asks
 * for: garbage resets (the gate heals), a 429 without a reset (Nulab's one
 * minute), one request in flight, bulk pages spaced, and cancellation.
 *
 * @module
 */

import { assert, assertEquals, assertMatch, assertStringIncludes } from "../../tests/assert.ts";
import { BacklogClient } from "./client.ts";
import { MAX_RESET_AHEAD_MS } from "./rate_gate.ts";
import { assertOneSentence, clientKit, tooMany } from "./client_test_util.ts";

const KEY = "pacingKEY-0a1b2c3d4e5f60718293";
const { clocked, rejection, assertNoKeySeen } = clientKit(KEY);

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

Deno.test("client pacing: no message or log line held the key", () => {
  assertNoKeySeen(15);
});
