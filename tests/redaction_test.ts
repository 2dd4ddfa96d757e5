/**
 * Redaction never changes a result's structure (issue 10, point 1): Backlog
 * text full of quotes, backslashes, `?apiKey=` and the key itself goes
 * through every tool, every result is whole and well-formed, the key never
 * appears, and writes Backlog applied are reported as applied.
 */

import { prng } from "../src/tooling/support/prng.ts";
import { assert, assertEquals, assertNotIncludes, assertStringIncludes } from "./assert.ts";
import { TEST_API_KEY, textOf, withSession } from "./harness.ts";
import { callOf, everyToolCall, liveValues, writeEverywhere } from "./every_tool.ts";
import { TOOLS } from "../src/server.ts";
import type { Sandbox } from "../src/tooling/sandbox/server.ts";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";

/** Metadata re-read on every call (names change between rounds); no rate limit in the way. */
const NO_CACHE = {
  env: { BACKLOG_CACHE_TTL_SECONDS: "0" },
  sandbox: { rateLimits: { read: 1e6, update: 1e6, search: 1e6 } },
};

/** The line from the issue: a pasted URL ending in `apiKey="`. */
const REPRO = 'const url = base + "/api/v2/issues?apiKey=" + key;';

/** Text of a result and its structured content, as one string to search. */
function everything(result: CallToolResult): string {
  return textOf(result) + "\n" + JSON.stringify(result.structuredContent ?? null);
}

/** The whole result survives a JSON round trip (what the wire does) unchanged. */
function assertWellFormed(result: CallToolResult, what: string): void {
  assertEquals(JSON.parse(JSON.stringify(result)), result, `${what}: not plain JSON`);
}

/** Calls every tool; each must succeed, be well-formed and free of the key. */
async function callEveryTool(
  call: (name: string, args: Record<string, unknown>) => Promise<CallToolResult>,
  sandbox: Sandbox,
  seen: string[],
): Promise<void> {
  for (const { tool, args } of everyToolCall(liveValues(sandbox.state))) {
    const result = await call(tool, args);
    assert(!result.isError, `${tool} failed: ${textOf(result)}`);
    assertWellFormed(result, tool);
    assertNotIncludes(everything(result), TEST_API_KEY, `${tool} leaked the key`);
    seen.push(tool);
  }
  assert(sandbox.requests.length > 0);
}

Deno.test("redaction: the apiKey line from the issue goes through every tool intact", async () => {
  await withSession(async (session, sandbox) => {
    // The repro: create an issue with that description, then read, list, comment, update it.
    const created = await session.call("create_issue", {
      project: "DEMO",
      summary: REPRO,
      issue_type: "Task",
      description: REPRO,
    });
    assert(!created.isError, textOf(created));
    const key = (created.structuredContent as { issue: { key: string } }).issue.key;
    assertStringIncludes(textOf(created), `Created ${key}`);
    assertStringIncludes(textOf(created), `/view/${key}`);
    const stored = sandbox.state.issues.find((i) => i.issueKey === key)!;
    assertEquals(stored.description, REPRO, "Backlog got the text as typed");

    const comment = await session.call("add_issue_comment", { issue_key: key, content: REPRO });
    assert(!comment.isError, textOf(comment));
    const update = await session.call("update_issue", {
      issue_key: key,
      description: `${REPRO} // v2`,
      comment: REPRO,
    });
    assert(!update.isError, textOf(update));
    assertStringIncludes(textOf(update), `Updated ${key}`);

    const details = await session.call("get_issue_details", { issue_key: key });
    assert(!details.isError, textOf(details));
    const issue = (details.structuredContent as { issue: { summary: string; description: string } })
      .issue;
    // `?apiKey=` values are masked, and nothing else of the line changes.
    const masked = REPRO.replace("?apiKey=", "?apiKey=[REDACTED]");
    assertEquals(issue.summary, masked);
    assertEquals(issue.description, `${masked} // v2`);
    const comments = await session.call("get_issue_comments", { issue_key: key });
    assert(!comments.isError, textOf(comments));
    assertStringIncludes(textOf(comments), masked);
    const list = await session.call("get_user_issue_list", {
      project_ids: ["DEMO"],
      assignee_ids: [],
      keyword: "apiKey",
    });
    assert(!list.isError, textOf(list));
    assertStringIncludes(textOf(list), key);

    // And the line in every text field, through every tool.
    writeEverywhere(sandbox.state, () => REPRO);
    const seen: string[] = [];
    await callEveryTool(session.call, sandbox, seen);
    assertEquals(seen, TOOLS.map((t) => t.name));
  }, NO_CACHE);
});

/** Pieces random strings are made of: JSON's and URLs' special characters, the key and its kin. */
const PIECES = [
  '"',
  "\\",
  '\\"',
  "\\\\",
  "'",
  "?apiKey=",
  "&apiKey=",
  "apiKey=",
  "?APIKEY=",
  TEST_API_KEY,
  TEST_API_KEY.toLowerCase(),
  TEST_API_KEY.toUpperCase(),
  encodeURIComponent(TEST_API_KEY),
  TEST_API_KEY.slice(0, 12),
  "{",
  "}",
  "[",
  "]",
  ":",
  ",",
  "\n",
  "\t",
  "\r\n",
  "\u2028",
  "\u0000",
  "</script>",
  "${x}",
  "%22",
  "\\u0022",
  "日本語",
  "😀",
  " ",
  "a",
  "Z9",
];

/** Strings made of 1–12 random pieces. */
function randomStrings(count: number, seed: number): string[] {
  const next = prng(seed);
  return Array.from({ length: count }, () => {
    const length = 1 + Math.floor(next() * 12);
    return Array.from({ length }, () => PIECES[Math.floor(next() * PIECES.length)]).join("");
  });
}

/** How many random strings the property test writes into every field. */
const ROUNDS = 24;

Deno.test("redaction: random quotes, backslashes, apiKey= and key variants in every field never break a result or leak the key", async () => {
  const strings = randomStrings(ROUNDS * 4, 20261121);
  await withSession(async (session, sandbox) => {
    let calls = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // Each field gets its own string of this round's four, so neighbours differ.
      const mine = strings.slice(round * 4, round * 4 + 4);
      let n = 0;
      writeEverywhere(sandbox.state, () => mine[n++ % mine.length]);
      const seen: string[] = [];
      await callEveryTool(session.call, sandbox, seen);
      calls += seen.length;
      // A write with hostile text of its own, through its own parameters.
      const created = await session.call(
        "create_issue",
        callOf(TOOLS.find((t) => t.name === "create_issue")!, {
          summary: mine[0].trim() || "x",
          description: mine[1],
        }).args,
      );
      assert(!created.isError, textOf(created));
      assertWellFormed(created, "create_issue");
      assertNotIncludes(everything(created), TEST_API_KEY);
    }
    assertEquals(calls, ROUNDS * TOOLS.length);
  }, NO_CACHE);
});
