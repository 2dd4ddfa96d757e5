/**
 * Parallel tool calls against Backlog's limits: one request in flight by
 * default (searches always one at a time), and calls meeting a used-up
 * rate-limit window wait for its reset together instead of each meeting a 429.
 */

import { assert, assertEquals } from "./assert.ts";
import { textOf, withSession } from "./harness.ts";
import type { RecordedRequest } from "../src/tooling/sandbox/server.ts";

/** The largest number of requests in flight at once among `requests`. */
function peakInFlight(requests: readonly RecordedRequest[]): number {
  const events = requests.flatMap((r) => {
    assert(r.startedAt !== undefined && r.endedAt !== undefined, "timestamps recorded");
    return [[r.startedAt, 1], [r.endedAt, -1]] as const;
  }).sort((a, b) => a[0] - b[0] || a[1] - b[1]); // an end before a start at the same instant
  let now = 0;
  let peak = 0;
  for (const [, delta] of events) peak = Math.max(peak, now += delta);
  return peak;
}

const isSearch = (r: RecordedRequest) =>
  r.method === "GET" && (r.path === "/api/v2/issues" || r.path === "/api/v2/issues/count");

Deno.test("faults: ten parallel tool calls keep one request in flight (a setting allows more, searches stay one)", async () => {
  for (const allowed of [undefined, 3]) {
    await withSession(async (session, sandbox) => {
      // Every request takes 60 ms, so parallel calls really overlap at Backlog.
      sandbox.faults.inject({ kind: "slow", delayMs: 60, times: Infinity });
      const calls = [
        ...[1, 2, 3, 4, 5].map((i) => session.call("get_user_issue_list", { limit: i * 7 })),
        ...["DEMO-1", "DEMO-2", "DEMO-3", "DEMO-4", "JPN-1"].map((key) =>
          session.call("get_issue_details", { issue_key: key, comment_limit: 5 })
        ),
      ];
      const results = await Promise.all(calls);
      sandbox.faults.clear();
      for (const result of results) assert(!result.isError, textOf(result));
      const searches = sandbox.requests.filter(isSearch);
      assert(searches.length >= 5, `${searches.length} searches`);
      assertEquals(peakInFlight(searches), 1, "searches are sent one at a time");
      const peak = peakInFlight(sandbox.requests);
      if (allowed === undefined) {
        assertEquals(peak, 1, "Nulab: no concurrent requests for one user");
      } else {
        assert(peak <= allowed, `${peak} requests in flight at once`);
        assert(peak >= 2, "the calls did run in parallel");
      }
    }, { env: allowed ? { BACKLOG_MAX_CONCURRENT_REQUESTS: String(allowed) } : {} });
  }
});

Deno.test("faults: parallel calls meeting Backlog's rate limit wait for the reset together instead of each meeting a 429", async () => {
  // The stand-in's own limiter, with a 2-search budget per 2 s window; its clock
  // ticks in whole seconds so X-RateLimit-Reset (whole seconds) is exact.
  await withSession(async (session, sandbox) => {
    // Two searches each: a page, and a count (limit 0).
    const results = await Promise.all([
      session.call("get_user_issue_list", { limit: 3 }),
      session.call("get_user_issue_list", { limit: 0 }),
      session.call("get_user_issue_list", { limit: 4 }),
      session.call("get_user_issue_list", { limit: 0 }),
    ]);
    for (const result of results) assert(!result.isError, textOf(result));
    const searches = sandbox.requests.filter(isSearch);
    assertEquals(searches.length, 5, searches.map((r) => r.status).join(" "));
    assertEquals(
      searches.map((r) => r.status),
      [200, 200, 429, 200, 200],
      "only one search met the used-up window; the other waited at the gate",
    );
  }, {
    sandbox: {
      rateLimits: { search: 2 },
      rateLimitWindowMs: 2000,
      now: () => Math.floor(Date.now() / 1000) * 1000,
    },
  });
});
