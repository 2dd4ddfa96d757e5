/**
 * The real server, spawned over stdio: the SDK's stdio client against it, a
 * raw driver that sees every stdout byte, bad input and failures one after
 * another, and the API key looked for everywhere.
 */

import { assert, assertEquals, assertNotIncludes, assertStringIncludes } from "./assert.ts";
import { connectStdio, sandboxEnv, startTestSandbox, TEST_API_KEY, textOf } from "./harness.ts";
import { spawnServer } from "./raw_stdio.ts";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { SEED } from "../src/tooling/sandbox/seed.ts";

const WRITERS = [
  "add_issue_comment",
  "create_issue",
  "mark_notifications_read",
  "set_watching",
  "update_issue",
];

Deno.test("stdio: the SDK client lists every tool and calls them against the stand-in", async () => {
  const sandbox = await startTestSandbox();
  const session = await connectStdio(sandboxEnv(sandbox));
  try {
    const { tools } = await session.client.listTools();
    const names = tools.map((t: Tool) => t.name).sort();
    assertEquals(names, [
      "add_issue_comment",
      "count_issues",
      "create_issue",
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
      "mark_notifications_read",
      "set_watching",
      "update_issue",
    ]);
    for (const tool of tools as Tool[]) {
      // Text only by default: no outputSchema (BACKLOG_STRUCTURED_OUTPUT turns it on).
      assertEquals(tool.outputSchema, undefined, `${tool.name} lists no outputSchema`);
      assertEquals(tool.annotations?.readOnlyHint, !WRITERS.includes(tool.name), tool.name);
      assertEquals(tool.annotations?.openWorldHint, true, tool.name);
      assertStringIncludes(tool.description ?? "", "Use when");
    }
    const details = await session.call("get_issue_details", { issue_key: SEED.issues.rich });
    assert(!details.isError, textOf(details));
    assertStringIncludes(textOf(details), "Login button does nothing on Safari");
    const list = await session.call("get_user_issue_list", {});
    assert(!list.isError, textOf(list));
    assertEquals(list.structuredContent, undefined, "no structuredContent by default");
    assertStringIncludes(textOf(list), "Showing 1–100; more may match");
  } finally {
    await session.close();
    await sandbox.close();
  }
});

Deno.test("stdio: unconfigured server starts, explains what to set, and keeps answering", async () => {
  const server = await spawnServer({});
  try {
    const first = await server.callTool("get_user_issue_list", {});
    assertEquals(first.isError, true);
    assertStringIncludes(first.content[0].text, "BACKLOG_API_KEY is not set");
    assertStringIncludes(first.content[0].text, ".env");
    const second = await server.callTool("get_issue_details", { issue_key: "DEMO-1" });
    assertEquals(second.isError, true);
    assertStringIncludes(second.content[0].text, "BACKLOG_DOMAIN");
  } finally {
    await server.kill();
  }
});

Deno.test("stdio: an invalid variable is named with its fix", async () => {
  const server = await spawnServer({
    BACKLOG_API_KEY: TEST_API_KEY,
    BACKLOG_BASE_URL: "http://backlog.example.com",
    USER_ID: "taro",
  });
  try {
    const result = await server.callTool("get_user_issue_list", {});
    assertEquals(result.isError, true);
    assertStringIncludes(result.content[0].text, "BACKLOG_BASE_URL uses http://");
    assertStringIncludes(result.content[0].text, "USER_ID must be your numeric Backlog user id");
    assertNotIncludes(result.content[0].text, TEST_API_KEY);
    assertNotIncludes(server.stderr(), TEST_API_KEY);
  } finally {
    await server.kill();
  }
});

/** Bad inputs and failures, each answered with isError naming the problem. */
const ERROR_CASES: {
  name: string;
  tool: string;
  args: Record<string, unknown>;
  expect: string[];
}[] = [
  {
    name: "malformed issue key",
    tool: "get_issue_details",
    args: { issue_key: "not a key" },
    expect: ["issue_key", "PROJ-123"],
  },
  {
    name: "unknown issue",
    tool: "get_issue_details",
    args: { issue_key: "DEMO-99999" },
    expect: ["DEMO-99999", "not found"],
  },
  {
    name: "bad timezone on an issue without comments",
    tool: "get_issue_details",
    args: { issue_key: SEED.issues.noComments, timezone: "Mars/Olympus_Mons" },
    expect: ["timezone", "IANA"],
  },
  {
    name: "wrong type",
    tool: "get_issue_details",
    args: { issue_key: 42 },
    expect: ["issue_key"],
  },
  {
    name: "missing required parameter",
    tool: "get_issue_details",
    args: {},
    expect: ["issue_key"],
  },
  {
    name: "impossible date",
    tool: "get_user_issue_list",
    args: { due_date_since: "2026-02-30" },
    expect: ["due_date_since", "YYYY-MM-DD"],
  },
  {
    name: "since after until",
    tool: "get_user_issue_list",
    args: { created_since: "2026-12-01", created_until: "2026-11-01" },
    expect: ["created_since", "created_until"],
  },
  {
    name: "ids of the wrong type",
    tool: "get_user_issue_list",
    args: { project_ids: "DEMO" },
    expect: ["project_ids"],
  },
  {
    name: "unknown parameter",
    tool: "get_user_issue_list",
    args: { project_key: "DEMO" },
    expect: ["project_key", "allowed"],
  },
  {
    name: "unknown project id",
    tool: "get_user_issue_list",
    args: { project_ids: [999999] },
    expect: ["project_ids", "999999", "DEMO"],
  },
];

Deno.test("stdio: bad input gets a clear isError, stdout stays JSON-RPC, the key never shows", async () => {
  const sandbox = await startTestSandbox();
  const server = await spawnServer(sandboxEnv(sandbox));
  try {
    for (const c of ERROR_CASES) {
      const before = sandbox.requests.length;
      const result = await server.callTool(c.tool, c.args);
      assertEquals(result.isError, true, `${c.name}: expected isError`);
      const text = result.content.map((x) => x.text).join("\n");
      for (const part of c.expect) assertStringIncludes(text, part, c.name);
      assertNotIncludes(text, "    at ", `${c.name}: no stack trace`);
      if (c.name !== "unknown issue" && c.name !== "unknown project id") {
        // Validation happens before any request reaches Backlog (metadata aside).
        const issueRequests = sandbox.requests.slice(before).filter((r) =>
          r.path.startsWith("/api/v2/issues")
        );
        assertEquals(issueRequests.length, 0, `${c.name}: no issue request`);
      }
      // The server still answers a valid call after each bad one.
      const ok = await server.callTool("get_issue_details", {
        issue_key: SEED.issues.noComments,
      });
      assert(!ok.isError, `${c.name}: next call failed: ${ok.content[0]?.text}`);
    }
  } finally {
    await server.kill();
    await sandbox.close();
  }
  const everything = server.stdoutLines.join("\n") + server.stderr();
  assertNotIncludes(everything, TEST_API_KEY, "the API key leaked");
});

Deno.test("stdio: rejected key, unreachable Backlog and query-transport failures never leak the key", async () => {
  const sandbox = await startTestSandbox({ apiKey: "another-key-entirely-0000" });
  const closedPort = freePort();
  const runs = [
    { env: sandboxEnv(sandbox), expect: "API key was rejected" },
    {
      env: sandboxEnv(sandbox, { BACKLOG_API_KEY_TRANSPORT: "query" }),
      expect: "API key was rejected",
    },
    {
      env: {
        ...sandboxEnv(sandbox, { BACKLOG_API_KEY_TRANSPORT: "query" }),
        BACKLOG_BASE_URL: `http://127.0.0.1:${closedPort}`,
      },
      expect: "Could not reach Backlog",
    },
  ];
  try {
    for (const run of runs) {
      const server = await spawnServer(run.env);
      try {
        const result = await server.callTool("get_issue_details", { issue_key: "DEMO-1" });
        assertEquals(result.isError, true);
        assertStringIncludes(result.content[0].text, run.expect);
        const list = await server.callTool("get_user_issue_list", {});
        assertEquals(list.isError, true);
      } finally {
        await server.kill();
      }
      const everything = server.stdoutLines.join("\n") + server.stderr();
      assertNotIncludes(everything, TEST_API_KEY, `leak with ${JSON.stringify(run.env)}`);
      assertNotIncludes(everything, encodeURIComponent(TEST_API_KEY));
    }
  } finally {
    await sandbox.close();
  }
});

Deno.test("stdio: a call sent just before stdin closes is still answered", async () => {
  const sandbox = await startTestSandbox();
  const server = await spawnServer(sandboxEnv(sandbox));
  try {
    const answer = server.callTool("get_user_issue_list", { limit: 3 });
    const exit = server.closeStdin();
    const result = await answer;
    assert(!result.isError, result.content[0]?.text);
    assertStringIncludes(result.content[0].text, "Showing 1–3; more match");
    const { code, ms } = await exit;
    assertEquals(code, 0);
    assert(ms < 1000, `took ${Math.round(ms)} ms`);
  } finally {
    await server.kill();
    await sandbox.close();
  }
});

Deno.test("stdio: closing stdin ends the server within a second", async () => {
  const server = await spawnServer({});
  const { code, ms } = await server.closeStdin();
  assertEquals(code, 0);
  assert(ms < 1000, `took ${Math.round(ms)} ms`);
});

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}
