/**
 * Every result bounded: against a stand-in full of oversized data (a 400,000-character
 * description, 60 comments of 50,000 characters with huge change logs, a
 * 100,000-character summary, 2,000 attachments, a user and a status with
 * huge names, hundreds of long summaries and milestones), each answer's text,
 * and its JSON when structured output is on, stays within
 * BACKLOG_MAX_RESULT_CHARS (default 25,000); what was cut is said, with how to
 * get the rest, and lists end on a whole row with the offset to page on.
 */

import { Ajv2020 } from "ajv/dist/2020.js";
import type { CallToolResult, Tool } from "@modelcontextprotocol/sdk/types.js";
import { assert, assertEquals, assertMatch, assertStringIncludes } from "./assert.ts";
import { type Session, textOf, withSession } from "./harness.ts";
import { oversize, OVERSIZED } from "../src/tooling/sandbox/oversized.ts";

const KEY = OVERSIZED.issue;

/** Calls that meet the oversized data. */
const CALLS: [string, Record<string, unknown>][] = [
  ["get_issue_details", { issue_key: KEY, comment_limit: 500 }],
  ["get_issue_details", { issue_key: KEY, include_comments: false }],
  ["get_issue_comments", { issue_key: KEY, count: 100 }],
  ["get_issue_comments", { issue_key: KEY, count: 100, order: "asc" }],
  ["get_user_issue_list", { limit: 1000 }],
  ["get_user_issue_list", { limit: 1000, assignee_ids: [], status_ids: [] }],
  ["get_project_metadata", { project: "DEMO" }],
  ["get_project_list", {}],
  ["get_myself", {}],
  ["update_issue", { issue_key: KEY, priority: "Low", comment: "x".repeat(50_000) }],
  ["add_issue_comment", { issue_key: KEY, content: "y".repeat(90_000), notify_user_ids: ["me"] }],
  ["create_issue", { project: "DEMO", summary: "Short", issue_type: "Task", assignee: "me" }],
];

/**
 * Calls every tool in CALLS and checks each answer against `max`. Unless
 * `lastCutAllowed`, every tool must have bounded its own answer (the last cut
 * in registration, which cannot say how to get the rest, was not needed).
 */
async function callAll(
  session: Session,
  { max, structured, lastCutAllowed = false }: {
    max: number;
    structured: boolean;
    lastCutAllowed?: boolean;
  },
) {
  const { tools } = await session.client.listTools();
  const results: Record<string, CallToolResult[]> = {};
  for (const [name, args] of CALLS) {
    const result = await session.call(name, args);
    const text = textOf(result);
    assert(!result.isError, `${name}: ${text.slice(0, 300)}`);
    assert(text.length <= max, `${name} ${JSON.stringify(args).slice(0, 80)}: text ${text.length}`);
    if (structured) {
      const json = JSON.stringify(result.structuredContent);
      assert(json.length <= max, `${name}: JSON ${json.length} > ${max}`);
      const tool = tools.find((t: Tool) => t.name === name) as Tool;
      const validate = new Ajv2020({ strict: true, allErrors: true }).compile(tool.outputSchema!);
      assert(validate(result.structuredContent), `${name}: ${JSON.stringify(validate.errors)}`);
    } else {
      assertEquals(result.structuredContent, undefined);
    }
    (results[name] ??= []).push(result);
  }
  const lastCuts = session.logs.filter((l) => /result (text|JSON) cut/.test(l));
  if (!lastCutAllowed) assertEquals(lastCuts, [], "answers were cut by the last resort");
  return results;
}

/** Row lines of a list text: all whole (seven cells, a key first). */
function rowLines(text: string): string[] {
  const rows = text.split("\n").filter((l) => /^[A-Z][A-Z0-9_]*-\d+ \| /.test(l));
  for (const row of rows) {
    assertEquals(row.split(" | ").length, 7, `a whole row: ${row.slice(0, 80)}`);
  }
  return rows;
}

for (const structured of [false, true]) {
  const mode = structured ? "structured" : "text only";
  Deno.test(`bounds (${mode}): oversized Backlog data, every answer ≤ 25,000 characters`, async () => {
    await withSession(async (session, sandbox) => {
      oversize(sandbox.state);
      const results = await callAll(session, { max: 25_000, structured });

      const [details, bare] = results.get_issue_details.map(textOf);
      assertMatch(details, /… \[summary cut: \d+ more characters\]/);
      assertMatch(
        details,
        /\[description cut: \d+ more characters not shown; the whole text is at http/,
      );
      assertMatch(
        details,
        /\[comment cut: \d+ more characters not shown; the whole comment is at \S+#comment-\d+\]/,
      );
      assertMatch(
        details,
        /\d+ earlier comments not shown; get_issue_comments with before_id=\d+ pages back/,
      );
      assertMatch(details, /Attachments: .*… and \d+ more/);
      assertStringIncludes(bare, "[description cut:");

      for (const page of results.get_issue_comments.map(textOf)) {
        assertMatch(page, /More comments: call again with (before_id|after_id)=\d+/);
      }

      for (const list of results.get_user_issue_list) {
        const text = textOf(list);
        const rows = rowLines(text);
        assert(rows.length > 0 && rows.length < 1000, `${rows.length} rows`);
        assertMatch(text, /Showing 1–(\d+) of \d+ issues — next page: offset=\1\./);
        assertMatch(
          text,
          /only \d+ of \d+ issues asked for fit in one answer \(BACKLOG_MAX_RESULT_CHARS\); call again with offset=\d+/,
        );
        if (structured) {
          const s = list.structuredContent as { issues: unknown[]; next_offset: number };
          assertEquals(s.issues.length, rows.length);
          assertEquals(s.next_offset, rows.length);
        }
      }
      assertMatch(textOf(results.get_project_metadata[0]), /… and \d+ more/);
      assert(textOf(results.get_myself[0]).includes("…"), "the huge name is cut");
    }, { env: { BACKLOG_STRUCTURED_OUTPUT: String(structured) } });
  });
}

Deno.test("bounds: BACKLOG_MAX_RESULT_CHARS sets the limit", async () => {
  await withSession(async (session, sandbox) => {
    oversize(sandbox.state);
    // So little room that a few answers need the last cut; all stay within it.
    const results = await callAll(session, { max: 6_000, structured: true, lastCutAllowed: true });
    const list = textOf(results.get_user_issue_list[0]);
    assert(rowLines(list).length < 40, "fewer rows fit in 6,000 characters");
  }, { env: { BACKLOG_STRUCTURED_OUTPUT: "true", BACKLOG_MAX_RESULT_CHARS: "6000" } });
});

Deno.test("bounds: the stand-in inflates its data out of process too (POST /_sandbox/oversize)", async () => {
  await withSession(async (session, sandbox) => {
    const response = await fetch(`${sandbox.url}/_sandbox/oversize`, { method: "POST" });
    await response.body?.cancel();
    assertEquals(response.status, 204);
    const result = await session.call("get_issue_details", { issue_key: KEY });
    assertStringIncludes(textOf(result), "[description cut:");
  });
});
