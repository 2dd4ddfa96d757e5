/**
 * Date filters say what they do: the answer states on which calendar-day
 * boundary Backlog applies them (and what Nulab leaves undocumented), shows
 * the range exactly as sent, and never claims a filter Backlog ignored.
 */

import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { assert, assertEquals, assertNotIncludes, assertStringIncludes } from "./assert.ts";
import { sandboxEnv, startTestSandbox, textOf, withSession } from "./harness.ts";
import { parseConfig } from "../src/config/config.ts";
import { createLogger } from "../src/log.ts";
import { createServer } from "../src/server.ts";
import { dateOf } from "../src/tooling/sandbox/format.ts";
import { createSeedState, SEED } from "../src/tooling/sandbox/seed.ts";

const NOW = () => new Date("2026-11-21T15:30:00Z");
const ANY = { assignee_ids: [], status_ids: [] };

Deno.test("date filters: the answer says which day boundary applies and what Nulab leaves open", async () => {
  await withSession(async (session) => {
    const due = textOf(
      await session.call("get_user_issue_list", {
        ...ANY,
        due_date_since: "2026-11-16",
        due_date_until: "2026-11-22",
      }),
    );
    assertStringIncludes(due, "due date: 2026-11-16 to 2026-11-22");
    assertStringIncludes(due, "start/due dates are calendar dates (no timezone shifts them)");
    assertStringIncludes(due, "Nulab's docs do not state");

    const updated = textOf(
      await session.call("get_user_issue_list", { ...ANY, updated_since: "yesterday" }),
    );
    assertStringIncludes(updated, "updated: 2026-11-20 to … (yesterday)");
    assertStringIncludes(
      updated,
      "Nulab does not document in which timezone Backlog counts a timestamp's day",
    );

    const none = textOf(await session.call("get_user_issue_list", ANY));
    assertNotIncludes(none, "calendar days");
    assertNotIncludes(none, "calendar dates");
  }, { now: NOW });
});

Deno.test("date filters: the range shown is the range sent, whatever day boundary Backlog uses", async () => {
  // A day whose issues differ between the JST and the UTC calendar.
  const state = createSeedState();
  const active = [SEED.projects.DEMO.id, SEED.projects.PROJ.id, SEED.projects.JPN.id];
  const on = (day: string, offset: number) =>
    state.issues.filter((i) => active.includes(i.projectId) && dateOf(i.created, offset) === day)
      .length;
  const day = [...new Set(state.issues.map((i) => dateOf(i.created)))].sort()
    .find((d) => on(d, 540) !== on(d, 0))!;
  assert(day, "fixture: JST and UTC days differ somewhere");
  const totals: number[] = [];
  for (const offset of [0, 540]) {
    await withSession(async (session, sandbox) => {
      const result = await session.call("get_user_issue_list", {
        ...ANY,
        created_since: day,
        created_until: day,
        limit: 1000,
      });
      const sent = sandbox.requests.filter((r) => r.path === "/api/v2/issues").at(-1)!.params;
      assertEquals([sent.createdSince, sent.createdUntil], [[day], [day]]);
      assertStringIncludes(textOf(result), `created: ${day} to ${day}`);
      assertStringIncludes(textOf(result), "in which timezone Backlog counts");
      totals.push((result.structuredContent as { total: number }).total);
    }, { now: NOW, sandbox: { dateFilterOffsetMinutes: offset } });
  }
  // Same claim, different matches: which is why the answer names the open question.
  assertEquals(totals, [on(day, 0), on(day, 540)]);
});

Deno.test("date filters: a filter Backlog ignores is reported, not claimed", async () => {
  const sandbox = await startTestSandbox();
  // A Backlog that drops dueDateUntil and hasDueDate (as an older one might).
  const ignoring: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    url.searchParams.delete("dueDateUntil");
    url.searchParams.delete("hasDueDate");
    return fetch(url, init);
  };
  const config = parseConfig((name) => sandboxEnv(sandbox)[name as "BACKLOG_API_KEY"]);
  const logger = createLogger({ level: "error", secrets: config.secrets, write: () => {} });
  const { server } = createServer({ config, logger, fetch: ignoring, now: NOW });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "test", version: "1.0.0" });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  const call = async (args: Record<string, unknown>) =>
    textOf(
      await client.callTool({ name: "get_user_issue_list", arguments: args }) as CallToolResult,
    );
  try {
    const overdue = await call({ ...ANY, due_date_until: "overdue", limit: 1000 });
    assertStringIncludes(overdue, "Backlog did not apply every filter: due date until 2026-11-20");
    assertStringIncludes(overdue, "outside it)");
    const none = await call({ ...ANY, only: ["no_due_date"], limit: 1000 });
    assertStringIncludes(none, "Backlog did not apply every filter: no due date (");
    // A filter that was applied says nothing of the kind.
    const kept = await call({ ...ANY, due_date_since: "2026-11-20", limit: 1000 });
    assertNotIncludes(kept, "did not apply");
  } finally {
    await client.close();
    await server.close();
    await sandbox.close();
  }
});
