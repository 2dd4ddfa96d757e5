/**
 * The whole server as a good and careful API client, end to end against the
 * stand-in: a redirect is never followed, by the server or the doctor (a
 * second listener must receive nothing); a cancelled 1,000-issue list stops
 * its paging at once; one request is in flight at a time; and the pages of one
 * long list are spaced a second apart while its first page goes at once.
 */

import { assert, assertEquals, assertNotIncludes, assertStringIncludes } from "./assert.ts";
import { connectInProcess, TEST_API_KEY, textOf, withSession } from "./harness.ts";
import { runDoctor } from "../src/tooling/doctor/doctor.ts";
import type { RecordedRequest, Sandbox } from "../src/tooling/sandbox/server.ts";
import { SEED } from "../src/tooling/sandbox/seed.ts";

/** A listener on 127.0.0.1 that records every request reaching it. */
function listen(answer: (req: Request) => Response) {
  const received: string[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    received.push(`${req.method} ${req.url} key=${req.headers.get("backlog-api-key")}`);
    return answer(req);
  });
  return { url: `http://127.0.0.1:${server.addr.port}`, received, close: () => server.shutdown() };
}

Deno.test("redirects: neither the server nor the doctor follows one; the key reaches no other listener", async () => {
  const trap = listen(() => Response.json({ id: 1, name: "trap" }));
  const origin = listen((req) =>
    new Response(null, {
      status: req.method === "GET" ? 302 : 307,
      headers: { location: `${trap.url}${new URL(req.url).pathname}?apiKey=${TEST_API_KEY}` },
    })
  );
  const env = {
    BACKLOG_API_KEY: TEST_API_KEY,
    BACKLOG_BASE_URL: origin.url,
    BACKLOG_TIMEZONE: "UTC",
  };
  const session = await connectInProcess(env);
  try {
    const host = new URL(trap.url).host;
    for (
      const [tool, args] of [
        ["get_myself", {}],
        ["get_user_issue_list", { limit: 5 }],
        ["get_issue_details", { issue_key: "DEMO-1" }],
        ["add_issue_comment", { issue_key: "DEMO-1", content: "x" }],
      ] as const
    ) {
      const result = await session.call(tool, args);
      const text = textOf(result);
      assertEquals(result.isError, true, text);
      assertStringIncludes(text, `redirect (HTTP 30`);
      assertStringIncludes(text, host);
      assertNotIncludes(text, "was not sent");
      assertNotIncludes(text, TEST_API_KEY);
    }
    const results = await runDoctor({
      env: (name) => (env as Record<string, string>)[name],
      denoVersion: Deno.version.deno,
      miseToml: undefined,
      denoOnPath: { kind: "native", path: Deno.execPath() },
      dotenv: undefined,
    });
    const reachable = results.find((r) => r.id === "reachable")!;
    assertEquals(reachable.status, "fail");
    assertStringIncludes(reachable.message, host);
    assertStringIncludes(reachable.fix!, "never follows a redirect");
    assertEquals(trap.received, [], "the redirect target received nothing");
    assert(origin.received.length >= 5, "the requests did go out to the configured host");
    assertNotIncludes(session.logs.join("\n"), TEST_API_KEY);
  } finally {
    await session.close();
    await origin.close();
    await trap.close();
  }
});

/** Adds open issues assigned to me until at least `total` are; returns how many there are. */
function growMyOpenIssues(sandbox: Sandbox, total: number): number {
  const state = sandbox.state;
  const listed = new Set(state.projects.filter((p) => !p.archived).map((p) => p.id));
  const mine = () =>
    state.issues.filter((i) =>
      i.assigneeId === SEED.me.id && i.statusId !== 4 && listed.has(i.projectId)
    );
  const template = mine()[0];
  const project = state.projects.find((p) => p.id === template.projectId)!;
  let keyId = Math.max(
    ...state.issues.filter((i) => i.projectId === project.id).map((i) => i.keyId),
  );
  while (mine().length < total) {
    const id = ++state.nextIds.issue;
    keyId++;
    state.issues.push({ ...template, id, keyId, issueKey: `${project.projectKey}-${keyId}` });
  }
  return mine().length;
}

const issuePages = (sandbox: Sandbox): RecordedRequest[] =>
  sandbox.requests.filter((r) => r.path === "/api/v2/issues");

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

Deno.test("cancellation: a cancelled 1,000-issue list makes no further Backlog requests", async (t) => {
  for (
    const c of [
      { name: "cancelled while its first page is in flight", spacing: "0", slowFirst: true },
      { name: "cancelled while waiting to send the next page", spacing: "1000", slowFirst: false },
    ]
  ) {
    await t.step(c.name, async () => {
      await withSession(async (session, sandbox) => {
        assert(growMyOpenIssues(sandbox, 1_100) >= 1_000);
        await session.call("get_myself"); // metadata warm: the list's first request is a page
        await session.call("get_project_list");
        sandbox.clearRequests();
        if (c.slowFirst) {
          sandbox.faults.inject({ kind: "slow", path: "/api/v2/issues", delayMs: 400 });
        }
        const controller = new AbortController();
        const call = session.client.callTool(
          { name: "get_user_issue_list", arguments: { limit: 1000 } },
          undefined,
          { signal: controller.signal },
        ).then(() => "answered", () => "rejected");
        for (let i = 0; i < 200 && issuePages(sandbox).length === 0; i++) await wait(10);
        if (!c.slowFirst) {
          // The first page answered; the next waits its spacing: cancel then.
          for (let i = 0; i < 200 && issuePages(sandbox)[0]?.endedAt === undefined; i++) {
            await wait(5);
          }
        }
        controller.abort("the user changed their mind");
        assertEquals(await call, "rejected");
        const sent = sandbox.requests.length;
        await wait(1_500); // longer than a page and its spacing
        assertEquals(issuePages(sandbox).length, 1, "no page after the first");
        assertEquals(sandbox.requests.length, sent, "no Backlog request at all after the cancel");
        // Uncancelled, that list would have taken ten pages: its filters match 1,000 or more.
        const filters = new URLSearchParams();
        for (const [name, values] of Object.entries(issuePages(sandbox)[0].params)) {
          if (name === "offset" || name === "count") continue;
          for (const v of values) filters.append(values.length > 1 ? `${name}[]` : name, v);
        }
        const counted = await fetch(`${sandbox.url}/api/v2/issues/count?${filters}`, {
          headers: { "Backlog-API-Key": TEST_API_KEY },
        }).then((r) => r.json());
        assert(counted.count >= 1_000, `only ${counted.count} issues match`);
        // The server goes on serving.
        const next = await session.call("get_user_issue_list", { limit: 5 });
        assert(!next.isError, textOf(next));
      }, { env: { BACKLOG_BULK_SPACING_MS: c.spacing } });
    });
  }
});

/** The most requests the stand-in had in flight at once. */
function peakInFlight(requests: readonly RecordedRequest[]): number {
  const edges = requests.flatMap((r) => [
    { at: r.startedAt!, delta: 1 },
    { at: r.endedAt ?? Infinity, delta: -1 },
  ]).sort((a, b) => a.at - b.at || a.delta - b.delta);
  let active = 0;
  let peak = 0;
  for (const edge of edges) peak = Math.max(peak, active += edge.delta);
  return peak;
}

Deno.test("pacing: one request in flight by default, even for parallel calls and fan-outs", async () => {
  await withSession(async (session, sandbox) => {
    await Promise.all([
      session.call("get_project_metadata", { project: "DEMO" }),
      session.call("get_project_metadata", { project: "PROJ" }),
      session.call("get_user_issue_list", { limit: 5 }),
      session.call("get_issue_details", { issue_key: SEED.issues.rich }),
    ]);
    assert(sandbox.requests.length >= 8, `only ${sandbox.requests.length} requests`);
    assertEquals(peakInFlight(sandbox.requests), 1);
  });
  // A setting allows more, for installations that permit it.
  await withSession(async (session, sandbox) => {
    sandbox.faults.inject({ kind: "slow", delayMs: 100, times: 20 });
    await Promise.all([
      session.call("get_project_metadata", { project: "DEMO" }),
      session.call("get_project_metadata", { project: "PROJ" }),
    ]);
    assert(peakInFlight(sandbox.requests) > 1, "BACKLOG_MAX_CONCURRENT_REQUESTS=4 allows more");
  }, { env: { BACKLOG_MAX_CONCURRENT_REQUESTS: "4" } });
});

Deno.test("pacing: the pages of one long list are a second apart; its first page goes at once", async () => {
  await withSession(async (session, sandbox) => {
    growMyOpenIssues(sandbox, 320);
    await session.call("get_myself");
    await session.call("get_project_list");
    sandbox.clearRequests();
    const started = performance.now();
    const result = await session.call("get_user_issue_list", { limit: 300 });
    assert(!result.isError, textOf(result));
    const pages = issuePages(sandbox);
    assertEquals(pages.length, 3);
    assert(pages[0].startedAt! - started < 300, "the first page is not delayed");
    for (let i = 1; i < pages.length; i++) {
      const gap = pages[i].startedAt! - pages[i - 1].endedAt!;
      assert(gap >= 995, `page ${i + 1} followed the previous one after ${gap.toFixed(0)} ms`);
    }
  });
});
