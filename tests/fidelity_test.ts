/**
 * Small fidelity rules from Nulab's own clients: resolution 0 ("Fixed") is a
 * valid id, hours go out with two decimals (as backlog4j rounds them), a new
 * issue is created without empty "clear" values, and the keyword parameter
 * promises only what Nulab documents.
 */

import { assert, assertEquals, assertNotIncludes, assertStringIncludes } from "./assert.ts";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { textOf, withSession } from "./harness.ts";
import { SEED } from "../src/tooling/sandbox/seed.ts";
import type { Sandbox } from "../src/tooling/sandbox/server.ts";

const writes = (sandbox: Sandbox) => sandbox.requests.filter((r) => r.method !== "GET");

Deno.test("fidelity: resolution 0 (Fixed) is accepted as an id, a digit string and a name", async () => {
  await withSession(async (session, sandbox) => {
    for (const resolution of [0, "0", "Fixed"]) {
      const target = sandbox.state.issues.find((i) => i.issueKey === SEED.issues.noComments)!;
      target.resolutionId = 1; // Won't Fix, so that each call changes it
      sandbox.clearRequests();
      const result = await session.call("update_issue", {
        issue_key: SEED.issues.noComments,
        resolution,
      });
      assert(!result.isError, `${JSON.stringify(resolution)}: ${textOf(result)}`);
      assertEquals(writes(sandbox)[0].params.resolutionId, ["0"]);
      assertEquals(target.resolutionId, 0);
      assertStringIncludes(textOf(result), "Fixed");
    }
  });
});

Deno.test("fidelity: hours are sent rounded to two decimals", async () => {
  await withSession(async (session, sandbox) => {
    const result = await session.call("update_issue", {
      issue_key: SEED.issues.noComments,
      estimated_hours: 1.23456,
      actual_hours: 2.005001,
    });
    assert(!result.isError, textOf(result));
    const sent = writes(sandbox)[0].params;
    assertEquals(sent.estimatedHours, ["1.23"]);
    assertEquals(sent.actualHours, ["2.01"]);
  });
});

Deno.test("fidelity: create_issue sends no empty clear values for null or []", async () => {
  await withSession(async (session, sandbox) => {
    const result = await session.call("create_issue", {
      project: "DEMO",
      summary: "Nothing to clear on a new issue",
      issue_type: "Task",
      assignee: null,
      start_date: null,
      due_date: null,
      milestones: [],
      categories: [],
      estimated_hours: null,
      actual_hours: null,
    });
    assert(!result.isError, textOf(result));
    const [post] = writes(sandbox);
    assertEquals(post.method, "POST");
    const keys = Object.keys(post.params).sort();
    assertEquals(keys, ["issueTypeId", "priorityId", "projectId", "summary"]);
    for (const values of Object.values(post.params)) {
      for (const value of values) assert(value !== "", `empty value sent: ${keys}`);
    }
  });
});

Deno.test("fidelity: the keyword parameter does not promise which fields Backlog searches", async () => {
  await withSession(async (session) => {
    const { tools } = await session.client.listTools();
    const list = (tools as Tool[]).find((t) => t.name === "get_user_issue_list")!;
    // Nulab does not document which fields the keyword search covers: nothing may claim it.
    const listed = JSON.stringify(list).toLowerCase();
    assert("keyword" in (list.inputSchema.properties ?? {}), "the keyword filter is offered");
    for (const claim of ["summaries and descriptions", "summary or description", "in summary"]) {
      assertNotIncludes(listed, claim);
    }
  });
});
