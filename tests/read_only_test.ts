/**
 * BACKLOG_READ_ONLY: writers are absent from tools/list, and a call to one
 * anyway is refused with a sentence, with nothing sent to Backlog.
 */

import { assert, assertEquals, assertStringIncludes } from "./assert.ts";
import { connectInProcess, textOf, withSession } from "./harness.ts";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { SEED } from "../src/tooling/sandbox/seed.ts";

const READERS = [
  "count_issues",
  "get_activity_report",
  "get_attachment",
  "get_issue_comments",
  "get_issue_details",
  "get_myself",
  "get_notifications",
  "get_project_list",
  "get_project_metadata",
  "get_recent_changes",
  "get_user_issue_list",
  "get_watched_issues",
];
const WRITES: [string, Record<string, unknown>][] = [
  ["update_issue", { issue_key: SEED.issues.rich, status: "Closed" }],
  ["add_issue_comment", { issue_key: SEED.issues.rich, content: "hello" }],
  ["create_issue", { project: "DEMO", summary: "x", issue_type: "Task" }],
  ["mark_notifications_read", { up_to_id: 9_999_999 }],
  ["set_watching", { issue_key: SEED.issues.rich, watch: false }],
];

Deno.test("read-only: tools/list shows only readers, each annotated read-only", async () => {
  await withSession(async (session) => {
    const { tools } = await session.client.listTools();
    assertEquals(tools.map((t: Tool) => t.name).sort(), READERS);
    for (const tool of tools as Tool[]) {
      assertEquals(tool.annotations?.readOnlyHint, true, tool.name);
      assertEquals(tool.annotations?.destructiveHint, false, tool.name);
    }
  }, { env: { BACKLOG_READ_ONLY: "true" } });
});

Deno.test("read-only: calling a writer anyway is refused, nothing reaches Backlog", async () => {
  await withSession(async (session, sandbox) => {
    const before = structuredClone(sandbox.state.issues.find((i) => i.issueKey === "DEMO-1"));
    for (const [name, args] of WRITES) {
      const result = await session.call(name, args);
      assertEquals(result.isError, true, name);
      const text = textOf(result);
      assertStringIncludes(text, `${name} is not available`);
      assertStringIncludes(text, "read-only mode (BACKLOG_READ_ONLY=true)");
      assertStringIncludes(text, "Nothing was changed");
    }
    assertEquals(sandbox.requests.filter((r) => r.method !== "GET"), []);
    assertEquals(sandbox.state.issues.find((i) => i.issueKey === "DEMO-1"), before);
    // Even after notifications were shown, marking them read stays refused.
    const shown = await session.call("get_notifications", {});
    assert(!shown.isError, textOf(shown));
    const mark = await session.call("mark_notifications_read", { up_to_id: 9_999_999 });
    assertStringIncludes(textOf(mark), "mark_notifications_read is not available");
    assertEquals(sandbox.state.attention.watchings.length, SEED.attention.watched.length);
    assert(sandbox.state.attention.notifications.some((n) => !n.alreadyRead));
    // Readers still work, an unknown tool still gets the SDK's answer.
    const details = await session.call("get_issue_details", { issue_key: "DEMO-1" });
    assert(!details.isError, textOf(details));
    const unknown = await session.call("delete_issue", {});
    assertEquals(unknown.isError, true);
    assertStringIncludes(textOf(unknown), "delete_issue not found");
  }, { env: { BACKLOG_READ_ONLY: "1" } });
});

Deno.test("read-only: off by default and when false; every tool is listed with honest annotations", async () => {
  for (const env of [{}, { BACKLOG_READ_ONLY: "no" }] as Record<string, string>[]) {
    await withSession(async (session) => {
      const { tools } = await session.client.listTools();
      assertEquals(tools.length, READERS.length + WRITES.length);
      const hints = Object.fromEntries(tools.map((t: Tool) => [t.name, t.annotations]));
      assertEquals(hints.update_issue, {
        readOnlyHint: false,
        destructiveHint: true,
        idempotentHint: false,
        openWorldHint: true,
      });
      assertEquals(hints.set_watching, {
        readOnlyHint: false,
        destructiveHint: true,
        idempotentHint: true,
        openWorldHint: true,
      });
      assertEquals(hints.mark_notifications_read, {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: true,
      });
      for (const name of ["add_issue_comment", "create_issue"]) {
        assertEquals(hints[name], {
          readOnlyHint: false,
          destructiveHint: false,
          idempotentHint: false,
          openWorldHint: true,
        }, name);
      }
      for (const name of READERS) {
        assertEquals(hints[name], {
          readOnlyHint: true,
          destructiveHint: false,
          idempotentHint: true,
          openWorldHint: true,
        }, name);
      }
    }, { env });
  }
});

Deno.test("read-only: even an unconfigured server does not offer writers when asked not to", async () => {
  for (const value of ["true", "perhaps"]) {
    const session = await connectInProcess({ BACKLOG_READ_ONLY: value });
    try {
      const { tools } = await session.client.listTools();
      assertEquals(tools.map((t: Tool) => t.name).sort(), READERS, value);
      const result = await session.call("update_issue", { issue_key: "DEMO-1" });
      assertEquals(result.isError, true);
      assertStringIncludes(textOf(result), "read-only mode");
    } finally {
      await session.close();
    }
  }
});
