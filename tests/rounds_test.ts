/**
 * Request rounds (the latency a remote Backlog multiplies): the warm-up after
 * `initialize` fetches the first list call's metadata one request at a time
 * and yields to real calls, so a session's first "my open issues" is one
 * round; warm calls, including "in PROJ due next week", are one; a comment
 * with nothing to resolve is one request. Requests go through a fetch that
 * sends one at a time (Nulab's rule), so rounds are sequential requests.
 * `mise run bench` measures the same against the official server at 150 ms.
 */

import { assert, assertEquals } from "./assert.ts";
import {
  connectInProcess,
  sandboxEnv,
  startTestSandbox,
  textOf,
  type WarmSession,
} from "./harness.ts";
import type { RecordedRequest, Sandbox } from "../src/tooling/sandbox/server.ts";
import { SEED } from "../src/tooling/sandbox/seed.ts";

/** A fetch that lets one request through at a time. */
function oneAtATime(): typeof fetch {
  let last: Promise<unknown> = Promise.resolve();
  return (input, init) => {
    const mine = last.then(() =>
      fetch(input, init).then(async (r) => {
        // Read the body here, so the next request starts after this one ended.
        const body = await r.arrayBuffer();
        return new Response(body, {
          status: r.status,
          statusText: r.statusText,
          headers: r.headers,
        });
      })
    );
    last = mine.catch(() => {});
    return mine;
  };
}

/** Rounds: requests that do not overlap in time each open a new one. */
function rounds(requests: readonly RecordedRequest[]): number {
  let count = 0;
  let end = -Infinity;
  for (const r of [...requests].sort((a, b) => a.startedAt! - b.startedAt!)) {
    if (r.startedAt! >= end) count++;
    end = Math.max(end, r.endedAt!);
  }
  return count;
}

const names = (requests: readonly RecordedRequest[]) =>
  requests.map((r) =>
    `${r.method} ${r.path.replace(/^\/api\/v2/, "").replace(/\/\d+\//, "/:id/")}`
  );

async function withServer(
  warmUp: boolean,
  fn: (session: WarmSession, sandbox: Sandbox) => Promise<void>,
  before: (sandbox: Sandbox) => void = () => {},
) {
  const sandbox = await startTestSandbox();
  before(sandbox);
  // As installed: BACKLOG_TIMEZONE unset, so the space's zone is looked up too.
  const env = { ...sandboxEnv(sandbox), BACKLOG_TIMEZONE: undefined };
  const session = await connectInProcess(env, { warmUp, fetch: oneAtATime() });
  try {
    await fn(session, sandbox);
  } finally {
    await session.close();
    await sandbox.close();
  }
}

const WARM_UP = [
  "GET /projects",
  "GET /users/myself",
  "GET /projects/:id/statuses",
  "GET /projects/:id/statuses",
  "GET /projects/:id/statuses",
  "GET /space",
];

Deno.test("rounds: without warm-up, the first 'my open issues' takes 7 sequential rounds", async () => {
  await withServer(false, async (session, sandbox) => {
    const result = await session.call("get_user_issue_list", {});
    assert(!result.isError, textOf(result));
    // The zone only shows times, so it is asked for after the search.
    assertEquals(names(sandbox.requests), [...WARM_UP.slice(0, 5), "GET /issues", "GET /space"]);
    assertEquals(rounds(sandbox.requests), 7);
  });
});

Deno.test("rounds: the warm-up fetches that metadata serially; the first list call is then 1 round", async () => {
  await withServer(true, async (session, sandbox) => {
    const report = await session.warmedUp();
    assert(report, "the warm-up started after initialize");
    assertEquals(report.stopped, undefined);
    assertEquals(names(sandbox.requests), WARM_UP);
    assertEquals(sandbox.inFlight().peak, 1, "one request at a time");
    sandbox.clearRequests();

    const first = await session.call("get_user_issue_list", {});
    assert(!first.isError, textOf(first));
    assertEquals(names(sandbox.requests), ["GET /issues"], "no /issues/count either");
    sandbox.clearRequests();

    // Warm, with names to resolve that the official server must look up first.
    await session.call("get_user_issue_list", {
      project_ids: ["PROJ"],
      due_date_since: "next_week",
      due_date_until: "next_week",
    });
    assertEquals(names(sandbox.requests), ["GET /issues"]);
    sandbox.clearRequests();

    const comment = await session.call("add_issue_comment", {
      issue_key: SEED.issues.noComments,
      content: "One request.",
    });
    assert(!comment.isError, textOf(comment));
    assertEquals(names(sandbox.requests), ["POST /issues/DEMO-3/comments"]);
  });
});

Deno.test("rounds: a call during the warm-up waits for at most the one warm-up request in flight", async () => {
  await withServer(true, async (session, sandbox) => {
    // The call starts while the warm-up is busy (every request takes 40 ms).
    const call = session.call("get_issue_details", {
      issue_key: SEED.issues.noComments,
      include_comments: false,
    });
    const result = await call;
    assert(!result.isError, textOf(result));
    // The call's own: the zone (details show times), then the issue.
    const isCall = (r: RecordedRequest) =>
      r.path === "/api/v2/space" || r.path.startsWith("/api/v2/issues");
    const mine = sandbox.requests.filter(isCall);
    assertEquals(names(mine), ["GET /space", "GET /issues/DEMO-3"]);
    const start = Math.min(...mine.map((r) => r.startedAt!));
    const end = Math.max(...mine.map((r) => r.endedAt!));
    const warmDuring = sandbox.requests.filter((r) =>
      !isCall(r) && r.startedAt! > start && r.startedAt! < end
    );
    assertEquals(names(warmDuring), [], "no warm-up request started while the call ran");
    await session.warmedUp();
    // The warm-up went on afterwards; the zone it found cached.
    assertEquals(names(sandbox.requests.filter((r) => !isCall(r))), WARM_UP.slice(0, 5));
  }, (sandbox) => sandbox.faults.inject({ kind: "slow", delayMs: 40, times: Infinity }));
});

Deno.test("rounds: the warm-up stops at the first failure and leaves the error to the call", async () => {
  await withServer(true, async (session, sandbox) => {
    const report = await session.warmedUp();
    assert(report?.stopped, "stopped");
    assert(sandbox.requests.length > 0);
    assert(names(sandbox.requests).every((n) => n === "GET /projects"), "nothing after it");
  }, (sandbox) => sandbox.faults.inject({ kind: "malformed-json", times: Infinity }));
});
