/**
 * Faults injected by the stand-in on writes: only a 429 is retried (Backlog
 * did not apply it); after a 5xx, an HTML page or a dropped connection the
 * write is not sent again and the answer says it may have been applied.
 */

import { assert, assertEquals, assertMatch, assertNotIncludes } from "./assert.ts";
import { startTestSandbox, TEST_API_KEY, textOf, withSession } from "./harness.ts";
import { assertOneSentence } from "./least_privilege.ts";
import { assertNoKey, STATUS, statusesOf } from "./faults.ts";
import { BacklogClient } from "../src/backlog/client.ts";
import { BacklogError } from "../src/backlog/errors.ts";
import { SEED } from "../src/tooling/sandbox/seed.ts";

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
