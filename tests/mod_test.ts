/**
 * The library entry (`mod.ts`): a program that embeds the server gets a working
 * server and Backlog client from it alone, and importing it loads none of the
 * tooling (stand-in, benchmark, demo, doctor).
 */

import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import denoJson from "../deno.json" with { type: "json" };
import {
  BacklogError,
  connectBacklog,
  createLogger,
  createServer,
  parseConfig,
  SERVER_INFO,
  silentLogger,
  TOOLS,
} from "../mod.ts";
import { SEED, startSandbox } from "../src/tooling/sandbox/server.ts";
import { assert, assertEquals, assertStringIncludes } from "./assert.ts";
import { ROOT, TEST_API_KEY, textOf } from "./harness.ts";

Deno.test("mod.ts: a server created through the library answers a real tool call", async () => {
  const sandbox = await startSandbox({ apiKey: TEST_API_KEY });
  const env: Record<string, string> = {
    BACKLOG_API_KEY: TEST_API_KEY,
    BACKLOG_BASE_URL: sandbox.url,
    BACKLOG_TIMEZONE: "Asia/Tokyo",
  };
  const config = parseConfig((name) => env[name]);
  const logs: string[] = [];
  const logger = createLogger({ secrets: config.secrets, write: (line) => logs.push(line) });
  const { server } = createServer({ config, logger });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "embedder", version: "1.0.0" });
  try {
    await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
    assertEquals(client.getServerVersion(), SERVER_INFO);
    const { tools } = await client.listTools();
    assertEquals(tools.map((t: { name: string }) => t.name), TOOLS.map((t) => t.name));

    const me = await client.callTool({ name: "get_myself", arguments: {} }) as CallToolResult;
    assertEquals(me.isError, undefined, textOf(me));
    assertStringIncludes(textOf(me), SEED.me.name);
    assertStringIncludes(textOf(me), String(SEED.me.id));

    const issue = await client.callTool({
      name: "get_issue_details",
      arguments: { issue_key: "DEMO-1" },
    }) as CallToolResult;
    assertEquals(issue.isError, undefined, textOf(issue));
    assertStringIncludes(textOf(issue), "DEMO-1");
    const calls = sandbox.requests.map((r) => r.path);
    assert(calls.includes("/api/v2/issues/DEMO-1"), `the stand-in was asked: ${calls}`);
    assert(!logs.join("\n").includes(TEST_API_KEY), "the key never reaches a log");
  } finally {
    await client.close();
    await server.close();
    await sandbox.close();
  }
});

Deno.test("mod.ts: connectBacklog gives the typed client; failures are BacklogErrors", async () => {
  const sandbox = await startSandbox({ apiKey: TEST_API_KEY });
  const settings = {
    apiKey: TEST_API_KEY,
    baseUrl: sandbox.url,
    apiKeyTransport: "header" as const,
    requestTimeoutMs: 5_000,
    maxResponseBytes: 10_000_000,
    maxConcurrentRequests: 1,
    bulkSpacingMs: 0,
  };
  try {
    const { api, client } = connectBacklog(settings, { logger: silentLogger });
    const myself = await api.getMyself();
    assertEquals([myself.id, myself.name], [SEED.me.id, SEED.me.name]);
    assertEquals(client.requestCount, 1);

    const wrongKey = "WRONGKEY-not-the-sandbox-one-5b1e";
    const refused = connectBacklog({ ...settings, apiKey: wrongKey }, {
      logger: silentLogger,
      retry: { maxAttempts: 1 },
    });
    const error = await refused.api.getMyself().then(() => undefined, (e) => e);
    assert(error instanceof BacklogError, `expected a BacklogError, got ${error}`);
    assertEquals([error.kind, error.status], ["auth", 401]);
    assert(!error.message.includes(wrongKey), "the key is not in the message");
    client.close();
    refused.client.close();
  } finally {
    await sandbox.close();
  }
});

Deno.test("mod.ts: importing the library loads no tooling and no tests", async () => {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", "mod.ts"],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert(code === 0, new TextDecoder().decode(stderr));
  const graph = JSON.parse(new TextDecoder().decode(stdout)) as {
    modules: { specifier: string }[];
  };
  const local = graph.modules.map((m) => m.specifier)
    .filter((s) => s.startsWith("file://"))
    .map((s) => new URL(s).pathname.slice(ROOT.length));
  // The graph was read: the server and the client are in it.
  for (const needed of ["src/server.ts", "src/serve_stdio.ts", "src/backlog/connect.ts"]) {
    assert(local.includes(needed), `${needed} is in the graph of mod.ts`);
  }
  const tooling = local.filter((p) => p.startsWith("src/tooling/") || p.startsWith("tests/"));
  assertEquals(tooling, [], "mod.ts must not load tooling or tests");
});

Deno.test("mod.ts: deno.json exports it, with the command line entry beside it", () => {
  assertEquals(denoJson.exports, { ".": "./mod.ts", "./main": "./src/main.ts" });
  assertEquals(SERVER_INFO.version, denoJson.version);
});
