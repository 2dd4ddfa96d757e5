/**
 * The Backlog client's transport behaviour against the stand-in over real
 * HTTP: the header/query key fallback, 429 waited out, transient 5xx retried.
 */

import { assert, assertEquals, assertStringIncludes } from "./assert.ts";
import { textOf, withSession } from "./harness.ts";
import { SEED } from "../src/tooling/sandbox/seed.ts";

Deno.test("client e2e: the key goes in the header, never in a URL", async () => {
  await withSession(async (session, sandbox) => {
    await session.call("get_issue_details", { issue_key: SEED.issues.rich });
    assert(sandbox.requests.length > 0);
    for (const r of sandbox.requests) assertEquals(r.auth, "header", r.path);
  });
});

Deno.test("client e2e: an install that rejects the header gets ?apiKey= once, then always", async () => {
  await withSession(async (session, sandbox) => {
    const first = await session.call("get_issue_details", { issue_key: SEED.issues.noComments });
    assert(!first.isError, textOf(first));
    const second = await session.call("get_issue_details", { issue_key: SEED.issues.rich });
    assert(!second.isError, textOf(second));
    const auths = sandbox.requests.map((r) => `${r.auth}:${r.status}`);
    // The first call's two concurrent requests each meet the 401; after that, only the query form.
    const firstQuery = auths.findIndex((a) => a.startsWith("query:"));
    assert(firstQuery >= 1 && firstQuery <= 2, auths.join(" "));
    assert(auths.slice(0, firstQuery).every((a) => a === "header:401"), auths.join(" "));
    assert(auths.slice(firstQuery).every((a) => a === "query:200"), auths.join(" "));
    assert(session.logs.some((l) => l.includes("using the query form from now on")));
  }, { sandbox: { acceptHeaderKey: false } });
});

Deno.test("client e2e: BACKLOG_API_KEY_TRANSPORT=header does not fall back", async () => {
  await withSession(async (session, sandbox) => {
    const result = await session.call("get_issue_details", { issue_key: SEED.issues.rich });
    assertEquals(result.isError, true);
    assertStringIncludes(textOf(result), "The API key was rejected by Backlog (HTTP 401");
    assertStringIncludes(textOf(result), "Authentication failure.");
    assert(sandbox.requests.every((r) => r.auth === "header"));
  }, { sandbox: { acceptHeaderKey: false }, env: { BACKLOG_API_KEY_TRANSPORT: "header" } });
});

Deno.test("client e2e: a 429 whose reset is near is waited out and the call succeeds", async () => {
  await withSession(async (session, sandbox) => {
    sandbox.faults.inject({ kind: "429", path: "/api/v2/issues/DEMO-3", resetInSeconds: 2 });
    const started = Date.now();
    const result = await session.call("get_issue_details", {
      issue_key: SEED.issues.noComments,
      include_comments: false,
    });
    const took = Date.now() - started;
    assert(!result.isError, textOf(result));
    const statuses = sandbox.requests.map((r) => r.status);
    assertEquals(statuses, [429, 200]);
    // X-RateLimit-Reset is in whole seconds, 2 s ahead: more than 1 s away.
    assert(took >= 1000, `waited for the reset (${took} ms)`);
  });
});

Deno.test("client e2e: a 503 on a read is retried; Backlog's message reaches the user when it persists", async () => {
  await withSession(async (session, sandbox) => {
    sandbox.faults.inject({ kind: "503", path: "/api/v2/issues/DEMO-3" });
    const ok = await session.call("get_issue_details", {
      issue_key: SEED.issues.noComments,
      include_comments: false,
    });
    assert(!ok.isError, textOf(ok));
    assertEquals(sandbox.requests.map((r) => r.status), [503, 200]);

    sandbox.faults.inject({ kind: "html", path: "/api/v2/issues/DEMO-3", times: 10 });
    const failed = await session.call("get_issue_details", {
      issue_key: SEED.issues.noComments,
      include_comments: false,
    });
    assertEquals(failed.isError, true);
    assertStringIncludes(textOf(failed), "HTML page");
    assertStringIncludes(textOf(failed), "retry");
  });
});
