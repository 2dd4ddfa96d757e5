/**
 * A write Backlog applied is reported as applied, with its key and URL, even
 * when the rest of the answer cannot be built from Backlog's reply (issue 10,
 * point 1), and a 2xx reply that cannot be read is not called a failure to
 * retry.
 */

import { assert, assertEquals, assertMatch, assertStringIncludes } from "./assert.ts";
import { textOf, withSession } from "./harness.ts";
import { SEED } from "../src/tooling/sandbox/seed.ts";

/** A fetch that passes writes through to the stand-in but replaces Backlog's reply to them. */
function replyReplaced(
  replace: (body: string) => string,
  contentType = "application/json",
): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if ((init?.method ?? "GET") === "GET" || !response.ok) return response;
    const body = replace(await response.text());
    return new Response(body, {
      status: response.status,
      headers: { "content-type": contentType },
    });
  };
}

/** Replies the answer cannot be built from: none at all, or Backlog's with odd field types. */
const ODD_REPLIES: Record<string, (body: string) => string> = {
  "null": () => "null",
  "odd field types": (body) =>
    JSON.stringify({ ...JSON.parse(body), id: "x", milestone: 7, created: [], summary: {} }),
};

const WRITES = [
  {
    tool: "create_issue",
    args: { project: "DEMO", summary: "Applied despite the reply", issue_type: "Task" },
    done:
      /^Created (DEMO-\d+|an issue in DEMO \(its key could not be read\)): Backlog applied it\.$/m,
  },
  {
    tool: "update_issue",
    args: { issue_key: SEED.issues.noComments, summary: "Renamed; applied despite the reply" },
    done: new RegExp(`^Updated ${SEED.issues.noComments}: Backlog applied it\\.$`, "m"),
  },
  {
    tool: "add_issue_comment",
    args: { issue_key: SEED.issues.noComments, content: "Still reported" },
    done: new RegExp(`^Added a comment to ${SEED.issues.noComments}: Backlog applied it\\.$`, "m"),
  },
];

for (const [reply, replace] of Object.entries(ODD_REPLIES)) {
  Deno.test(`applied writes: a reply with ${reply} still reports each write as applied, with its URL`, async () => {
    await withSession(async (session, sandbox) => {
      for (const write of WRITES) {
        const before = sandbox.requests.length;
        const result = await session.call(write.tool, write.args);
        const text = textOf(result);
        assert(!result.isError, `${write.tool}: ${text}`);
        assertMatch(text, write.done);
        assertMatch(text, new RegExp(`^${sandbox.url}/(view|projects)/`, "m"));
        assertStringIncludes(text, "Do not repeat the call.");
        const sent = sandbox.requests.slice(before).filter((r) => r.method !== "GET");
        assertEquals(sent.length, 1, `${write.tool}: sent once`);
        assertEquals(sent[0].status < 300, true, "and Backlog applied it");
      }
      const created = sandbox.state.issues.filter((i) => i.summary === "Applied despite the reply");
      assertEquals(created.length, 1);
      assert(
        session.logs.some((l) => l.includes("the answer to an applied write could not be built")),
        "the bug is logged",
      );
    }, { fetch: replyReplaced(replace) });
  });
}

Deno.test("applied writes: a 2xx reply that is not JSON says the write most likely went through", async () => {
  await withSession(async (session, sandbox) => {
    for (const write of WRITES) {
      const result = await session.call(write.tool, write.args);
      const text = textOf(result);
      assertEquals(result.isError, true, text);
      assertMatch(text, /^Backlog accepted .+ \(HTTP 20[01]\), so it was most likely applied/);
      assertStringIncludes(text, "before trying again");
    }
    assertEquals(sandbox.requests.filter((r) => r.method !== "GET").length, WRITES.length);
  }, { fetch: replyReplaced(() => "<html><title>Proxy</title></html>", "text/html") });
});
