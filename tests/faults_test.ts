/**
 * Faults injected by the stand-in, and the server's answers: reads retry 429,
 * 5xx, HTML error pages, dropped connections and timeouts with backoff within
 * a bounded time; writes retry only 429; what cannot be fixed by retrying is
 * answered at once; every failure is one sentence saying what failed and
 * whether to retry later; parallel calls never stampede Backlog; the key
 * never shows. In-process for speed, and over stdio where output matters.
 */

import { assert, assertEquals, assertMatch, assertNotIncludes } from "./assert.ts";
import {
  sandboxEnv,
  type Session,
  startTestSandbox,
  TEST_API_KEY,
  textOf,
  withSession,
} from "./harness.ts";
import {
  assertCleanOutput,
  assertOneSentence,
  resultText,
  startLeastPrivilege,
} from "./least_privilege.ts";
import { BacklogClient } from "../src/backlog/client.ts";
import { BacklogError } from "../src/backlog/errors.ts";
import type { FaultKind, RecordedRequest, Sandbox } from "../src/tooling/sandbox/server.ts";
import { FAULT_KINDS } from "../src/tooling/sandbox/faults.ts";
import { SEED } from "../src/tooling/sandbox/seed.ts";

const ISSUE = SEED.issues.noComments;
const ISSUE_PATH = `/api/v2/issues/${ISSUE}`;
/** A call that makes exactly one request, to ISSUE_PATH. */
const DETAILS = { issue_key: ISSUE, include_comments: false };

/** The status each fault kind answers with (0: the connection was dropped). */
const STATUS: Partial<Record<FaultKind, number>> = {
  "500": 500,
  "502": 502,
  "503": 503,
  html: 502,
  drop: 0,
};

const statusesOf = (sandbox: Sandbox, path = ISSUE_PATH) =>
  sandbox.requests.filter((r) => r.path === path).map((r) => r.status);

/** Calls a tool, returning the result, its text and how long it took. */
async function timed(session: Session, tool: string, args: Record<string, unknown>) {
  const started = performance.now();
  const result = await session.call(tool, args);
  return { result, text: textOf(result), ms: performance.now() - started };
}

/** Fails if the key shows in the session's log lines or in `texts`. */
function assertNoKey(session: Session, texts: string[]) {
  for (const text of [...texts, ...session.logs]) {
    assertNotIncludes(text, TEST_API_KEY, "the API key leaked");
    assertNotIncludes(text, encodeURIComponent(TEST_API_KEY), "the API key leaked");
  }
}

Deno.test("faults: a read meeting 5xx, an HTML page or a dropped connection once is retried and succeeds", async (t) => {
  await withSession(async (session, sandbox) => {
    const texts: string[] = [];
    for (const kind of ["500", "502", "503", "html", "drop"] as const) {
      await t.step(kind, async () => {
        sandbox.clearRequests();
        sandbox.faults.inject({ kind, path: ISSUE_PATH });
        const { result, text, ms } = await timed(session, "get_issue_details", DETAILS);
        texts.push(text);
        assert(!result.isError, text);
        assertEquals(statusesOf(sandbox), [STATUS[kind], 200]);
        assert(ms < 5000, `took ${Math.round(ms)} ms`);
      });
    }
    assertNoKey(session, texts);
  });
});

Deno.test("faults: a read failing every attempt ends after 3 attempts in one sentence saying to retry", async (t) => {
  await withSession(async (session, sandbox) => {
    const texts: string[] = [];
    const expected: Record<string, RegExp> = {
      "500":
        /^Backlog failed GET \/api\/v2\/issues\/DEMO-3 \(HTTP 500: Internal server error, 3 attempts over [\d.]+ s\); this is usually temporary, so retry in a minute\.$/,
      "502": /^Backlog failed GET .*\(HTTP 502: Bad gateway, 3 attempts .*retry in a minute\.$/,
      "503":
        /^Backlog failed GET .*\(HTTP 503: Service temporarily unavailable, 3 attempts .*retry in a minute\.$/,
      html:
        /^Backlog failed GET .*\(HTTP 502 with an HTML page \("502 Bad Gateway"\), 3 attempts .*retry in a minute\.$/,
      drop:
        /^Could not reach Backlog at http:\/\/127\.0\.0\.1:\d+ for GET \/api\/v2\/issues\/DEMO-3 \(.*, 3 attempts over [\d.]+ s\); check BACKLOG_DOMAIN \/ BACKLOG_BASE_URL and the network, then retry\.$/,
    };
    for (const kind of ["500", "502", "503", "html", "drop"] as const) {
      await t.step(kind, async () => {
        sandbox.clearRequests();
        sandbox.faults.inject({ kind, path: ISSUE_PATH, times: 10 });
        const { result, text, ms } = await timed(session, "get_issue_details", DETAILS);
        texts.push(text);
        sandbox.faults.clear();
        assertEquals(result.isError, true);
        assertMatch(text, expected[kind]);
        assertOneSentence(text);
        const statuses = statusesOf(sandbox);
        if (kind === "drop") {
          // Deno's fetch itself sends a GET again, once, when a pooled keep-alive
          // connection closes without an answer: 3 attempts, up to 6 arrivals.
          assert(statuses.length >= 3 && statuses.length <= 6, `${statuses}`);
          assert(statuses.every((s) => s === 0), `${statuses}`);
        } else {
          assertEquals(statuses, [STATUS[kind], STATUS[kind], STATUS[kind]]);
        }
        assert(ms < 5000, `took ${Math.round(ms)} ms`);
        // The server is fine once Backlog is.
        const next = await session.call("get_issue_details", DETAILS);
        assert(!next.isError, textOf(next));
      });
    }
    assertNoKey(session, texts);
  });
});

Deno.test("faults: 429 is waited out when the reset is near, and answered at once with the time when it is far", async () => {
  await withSession(async (session, sandbox) => {
    sandbox.faults.inject({ kind: "429", path: ISSUE_PATH, resetInSeconds: 2 });
    const near = await timed(session, "get_issue_details", DETAILS);
    assert(!near.result.isError, near.text);
    assertEquals(statusesOf(sandbox), [429, 200]);
    // X-RateLimit-Reset is in whole seconds, 2 s ahead: between 1 and 2 s away.
    assert(near.ms >= 900 && near.ms < 6000, `waited ${Math.round(near.ms)} ms`);

    sandbox.clearRequests();
    sandbox.faults.inject({ kind: "429", path: ISSUE_PATH, resetInSeconds: 120 });
    const far = await timed(session, "get_issue_details", DETAILS);
    assertEquals(far.result.isError, true);
    assertMatch(
      far.text,
      /^Backlog's rate limit for this API key is used up until \d{4}-\d\d-\d\dT[\d:.]+Z, so GET \/api\/v2\/issues\/DEMO-3 failed \(HTTP 429: Too many requests\); retry after that time\.$/,
    );
    assertOneSentence(far.text);
    assertEquals(statusesOf(sandbox), [429], "a reset beyond the wait limit is not waited");
    assert(far.ms < 1000, `answered in ${Math.round(far.ms)} ms`);
    assertNoKey(session, [near.text, far.text]);
  });
});

Deno.test("faults: a response slower than BACKLOG_TIMEOUT_MS is abandoned and retried within the budget", async () => {
  await withSession(async (session, sandbox) => {
    sandbox.faults.inject({ kind: "slow", path: ISSUE_PATH, delayMs: 4000 });
    const once = await timed(session, "get_issue_details", DETAILS);
    assert(!once.result.isError, once.text);
    assertEquals(statusesOf(sandbox).length, 2, "the slow attempt, then the retry");
    assert(once.ms >= 900 && once.ms < 3500, `took ${Math.round(once.ms)} ms`);

    sandbox.clearRequests();
    sandbox.faults.inject({ kind: "slow", path: ISSUE_PATH, delayMs: 10_000, times: 10 });
    const always = await timed(session, "get_issue_details", DETAILS);
    sandbox.faults.clear();
    assertEquals(always.result.isError, true);
    assertMatch(
      always.text,
      /^Backlog did not answer GET \/api\/v2\/issues\/DEMO-3 in time \(no answer within 1 s, 3 attempts over [\d.]+ s\); retry later, or raise BACKLOG_TIMEOUT_MS if Backlog is just slow\.$/,
    );
    assertOneSentence(always.text);
    assertEquals(sandbox.requests.filter((r) => r.path === ISSUE_PATH).length, 3);
    assert(always.ms >= 2900 && always.ms < 8000, `took ${Math.round(always.ms)} ms`);
    assertNoKey(session, [once.text, always.text]);
  }, { env: { BACKLOG_TIMEOUT_MS: "1000" } });
});

Deno.test("faults: malformed JSON is answered at once, without retrying", async () => {
  await withSession(async (session, sandbox) => {
    sandbox.faults.inject({ kind: "malformed-json", path: ISSUE_PATH, times: 5 });
    const { result, text } = await timed(session, "get_issue_details", DETAILS);
    sandbox.faults.clear();
    assertEquals(result.isError, true);
    assertMatch(text, /^Backlog answered GET \/api\/v2\/issues\/DEMO-3 with malformed JSON/);
    assertMatch(text, /retry later\.$/);
    assertOneSentence(text);
    assertEquals(statusesOf(sandbox), [200]);
    assertNoKey(session, [text]);
  });
});

Deno.test("faults: a 401 in the middle of a session says the key was rejected, and never moves the key into a URL", async () => {
  await withSession(async (session, sandbox) => {
    const before = await session.call("get_issue_details", DETAILS);
    assert(!before.isError, textOf(before));
    const list = await session.call("get_user_issue_list", { limit: 5 });
    assert(!list.isError, textOf(list));

    sandbox.clearRequests();
    sandbox.faults.inject({ kind: "401", times: Infinity });
    const texts: string[] = [];
    for (
      const [tool, args] of [
        ["get_issue_details", DETAILS],
        ["get_user_issue_list", { limit: 5 }],
      ] as const
    ) {
      const { result, text, ms } = await timed(session, tool, args);
      texts.push(text);
      assertEquals(result.isError, true, tool);
      assertMatch(text, /^The API key was rejected by Backlog \(HTTP 401, code 11/, tool);
      assert(ms < 1000, `${tool}: a 401 is not retried (${Math.round(ms)} ms)`);
    }
    assert(
      sandbox.requests.every((r: RecordedRequest) => r.auth === "header" && r.status === 401),
      "no request retried the key in the query string",
    );

    // The key works again (e.g. the fault was transient): the next call succeeds.
    sandbox.faults.clear();
    const after = await session.call("get_issue_details", DETAILS);
    assert(!after.isError, textOf(after));
    assertNoKey(session, texts);
  });
});

Deno.test("faults: writes are retried on 429 only, and a failed write says it may have been applied", async (t) => {
  const sandbox = await startTestSandbox();
  const logs: string[] = [];
  const client = new BacklogClient({
    baseUrl: sandbox.url,
    apiKey: TEST_API_KEY,
    retry: { baseDelayMs: 10 },
  });
  const path = `/api/v2/issues/${SEED.issues.rich}/comments`;
  const issueId = sandbox.state.issues.find((i) => i.issueKey === SEED.issues.rich)!.id;
  const comments = () => sandbox.state.comments.filter((c) => c.issueId === issueId);
  const post = () =>
    client.post(["issues", SEED.issues.rich, "comments"], { content: "from the fault test" });
  try {
    await t.step("429: retried after the reset, applied once", async () => {
      const before = comments().length;
      sandbox.clearRequests();
      sandbox.faults.inject({ kind: "429", path, method: "POST", resetInSeconds: 1 });
      await post();
      assertEquals(statusesOf(sandbox, path), [429, 201]);
      assertEquals(comments().length, before + 1);
    });
    for (const kind of ["500", "502", "503", "html", "drop"] as const) {
      await t.step(`${kind}: not retried`, async () => {
        sandbox.clearRequests();
        sandbox.faults.inject({ kind, path, method: "POST", times: 5 });
        let error: unknown;
        await post().catch((e) => error = e);
        sandbox.faults.clear();
        assert(error instanceof BacklogError, String(error));
        assertEquals(statusesOf(sandbox, path), [STATUS[kind]]);
        assertMatch(
          error.message,
          /^Backlog did not confirm POST \/api\/v2\/issues\/DEMO-1\/comments \(.*\) and may have applied it anyway, so it was not retried; check the result in Backlog before trying again\.$/,
        );
        assertOneSentence(error.message);
        logs.push(error.message);
      });
    }
    await t.step("PATCH 503: not retried", async () => {
      sandbox.clearRequests();
      const issuePath = `/api/v2/issues/${SEED.issues.rich}`;
      sandbox.faults.inject({ kind: "503", path: issuePath, method: "PATCH", times: 5 });
      const error = await client.patch(["issues", SEED.issues.rich], { priorityId: 2 }).catch(
        (e) => e,
      );
      sandbox.faults.clear();
      assert(error instanceof BacklogError);
      assertEquals(statusesOf(sandbox, issuePath), [503]);
    });
    await t.step("a dropped write on a used connection is not sent again by fetch", async () => {
      // Writes use connections of their own: fetch re-sends a request only on a
      // pooled connection that closed, which for a write could apply it twice.
      await post();
      await post();
      sandbox.clearRequests();
      sandbox.faults.inject({ kind: "drop", path, method: "POST" });
      await post().catch(() => {});
      assertEquals(statusesOf(sandbox, path), [0]);
    });
  } finally {
    client.close();
    await sandbox.close();
  }
  for (const text of logs) assertNotIncludes(text, TEST_API_KEY);
});

Deno.test("faults: the add_issue_comment tool posts once on 5xx or a drop, and again only after a 429", async (t) => {
  await withSession(async (session, sandbox) => {
    const path = `/api/v2/issues/${SEED.issues.rich}/comments`;
    const issueId = sandbox.state.issues.find((i) => i.issueKey === SEED.issues.rich)!.id;
    const count = () => sandbox.state.comments.filter((c) => c.issueId === issueId).length;
    const comment = () =>
      session.call("add_issue_comment", { issue_key: SEED.issues.rich, content: "fault test" });
    const posts = () => sandbox.requests.filter((r) => r.method === "POST" && r.path === path);
    const texts: string[] = [];

    await t.step("429: retried after the reset and added once", async () => {
      const before = count();
      sandbox.clearRequests();
      sandbox.faults.inject({ kind: "429", path, method: "POST", resetInSeconds: 1 });
      const result = await comment();
      texts.push(textOf(result));
      assert(!result.isError, textOf(result));
      assertEquals(posts().map((r) => r.status), [429, 201]);
      assertEquals(count(), before + 1);
    });
    for (const kind of ["503", "drop"] as const) {
      await t.step(
        `${kind}: one attempt, and the answer says to check before trying again`,
        async () => {
          sandbox.clearRequests();
          sandbox.faults.inject({ kind, path, method: "POST", times: 5 });
          const result = await comment();
          sandbox.faults.clear();
          const text = textOf(result);
          texts.push(text);
          assertEquals(result.isError, true);
          assertEquals(posts().map((r) => r.status), [STATUS[kind]]);
          assertMatch(text, /may have applied it anyway, so it was not retried; check the result/);
          assertOneSentence(text);
        },
      );
    }
    assertNoKey(session, texts);
  });
});

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

Deno.test("faults over stdio: every fault kind is answered, stdout stays JSON-RPC and the key never shows", async () => {
  const sandbox = await startTestSandbox();
  const server = await startLeastPrivilege(sandboxEnv(sandbox, { BACKLOG_TIMEOUT_MS: "1000" }));
  const texts: string[] = [];
  try {
    // Every kind the stand-in knows, so a new one is covered here too; a 401 mid-session has
    // its own test (it is answered differently: the key was rejected, no retry).
    const kinds = FAULT_KINDS.filter((kind) => kind !== "401");
    for (const kind of kinds) {
      // Persistent 500 and 502 behave as 503 (covered in-process): once is enough here.
      // A 429 resetting in 2 minutes pauses every read: it comes last, below.
      for (const times of kind === "500" || kind === "502" || kind === "429" ? [1] : [1, 10]) {
        sandbox.faults.inject({
          kind,
          path: ISSUE_PATH,
          times,
          delayMs: 5000,
          resetInSeconds: times === 1 ? 1 : 120,
        });
        const started = performance.now();
        const result = await server.callTool("get_issue_details", DETAILS);
        const ms = performance.now() - started;
        sandbox.faults.clear();
        const text = resultText(result);
        texts.push(text);
        const label = `${kind} ×${times}`;
        if (times === 1 && kind !== "malformed-json") {
          assert(!result.isError, `${label}: ${text}`);
        } else {
          assertEquals(result.isError, true, label);
          assertOneSentence(text);
          assertMatch(text, /retry|check the result|BACKLOG_DOMAIN/, label);
        }
        assert(ms < 10_000, `${label} took ${Math.round(ms)} ms`);
        assert(server.running, `${label}: the server exited`);
      }
    }
    sandbox.faults.inject({ kind: "401", times: Infinity });
    const rejected = await server.callTool("get_user_issue_list", {});
    texts.push(resultText(rejected));
    assertEquals(rejected.isError, true);
    assertMatch(resultText(rejected), /^The API key was rejected by Backlog/);
    sandbox.faults.clear();
    const after = await server.callTool("get_issue_details", DETAILS);
    assert(!after.isError, resultText(after));

    // A 429 whose window resets in 2 minutes: answered at once, and the next
    // read is not even sent until then.
    sandbox.faults.inject({ kind: "429", path: ISSUE_PATH, resetInSeconds: 120 });
    const limited = await server.callTool("get_issue_details", DETAILS);
    sandbox.clearRequests();
    const paused = await server.callTool("get_issue_details", DETAILS);
    for (const result of [limited, paused]) {
      texts.push(resultText(result));
      assertEquals(result.isError, true);
      assertMatch(
        resultText(result),
        /rate limit for this API key is used up until .*retry after that time\.$/,
      );
      assertOneSentence(resultText(result));
    }
    assertEquals(sandbox.requests.length, 0, "no read was sent while the window was used up");
  } finally {
    await server.closeStdin();
    await sandbox.close();
  }
  assertCleanOutput(server, texts);
});
