/**
 * Bad input at scale, against the real server spawned over stdio with the
 * `mcp` task's flags: a table of distinct bad inputs for every tool the
 * server lists (wrong types, huge strings, unicode, negative and huge numbers,
 * empty lists, SQL/HTML/path-like keys, unknown and missing parameters), then
 * a seeded random generator. Every call is answered, the server never exits,
 * the next valid call works, stdout carries only JSON-RPC and the key never
 * shows.
 */

import { assert, assertEquals, assertNotIncludes } from "./assert.ts";
import {
  type BadCase,
  DETAILS,
  generatedCases,
  type ListedTool,
  randomCase,
  TABLE,
} from "./bad_inputs.ts";
import { sandboxEnv, startTestSandbox } from "./harness.ts";
import {
  assertCleanOutput,
  type LeastPrivilegeServer,
  resultText,
  startLeastPrivilege,
} from "./least_privilege.ts";
import { prng } from "../src/tooling/support/prng.ts";
import { SEED } from "../src/tooling/sandbox/seed.ts";
import type { Sandbox } from "../src/tooling/sandbox/server.ts";

/** Sends one case and checks the answer; returns the text for the leak check. */
async function send(server: LeastPrivilegeServer, c: BadCase): Promise<string> {
  const label = `${c.tool} ${(c.raw ?? JSON.stringify(c.args) ?? "").slice(0, 100)}`;
  const params = c.raw === undefined
    ? { name: c.tool, arguments: c.args }
    : { name: c.tool, arguments: JSON.parse(c.raw) };
  const answer = await server.request("tools/call", params, 60_000);
  assert(server.running, `${label}: the server exited`);
  const result = answer.result as { isError?: boolean; content?: { text: string }[] } | undefined;
  const error = answer.error as { message?: string } | undefined;
  assert(result || error, `${label}: no answer`);
  const text = result ? resultText(result as never) : error?.message ?? "";
  if (c.rejected !== false) {
    assert(error || result?.isError === true, `${label}: accepted: ${text.slice(0, 200)}`);
  }
  assertNotIncludes(text, "    at ", `${label}: a stack trace`);
  return text;
}

/** The valid call made after every bad one. */
async function assertStillWorks(server: LeastPrivilegeServer, after: string) {
  const ok = await server.callTool(DETAILS, { issue_key: SEED.issues.noComments });
  assert(!ok.isError, `after ${after}: ${resultText(ok)}`);
}

async function withServer(fn: (server: LeastPrivilegeServer, sandbox: Sandbox) => Promise<void>) {
  // Generous rate limits: this test is about input, not the window.
  const sandbox = await startTestSandbox({
    rateLimits: { read: 1e9, update: 1e9, search: 1e9, icon: 1e9 },
  });
  const server = await startLeastPrivilege(sandboxEnv(sandbox));
  try {
    await fn(server, sandbox);
  } finally {
    await server.closeStdin();
    await server.kill();
    await sandbox.close();
  }
}

async function listTools(server: LeastPrivilegeServer): Promise<ListedTool[]> {
  const listed = await server.request("tools/list", {});
  return (listed.result as { tools: ListedTool[] }).tools;
}

Deno.test("bad input: a table of distinct bad inputs for every tool is answered, and the server carries on", async () => {
  await withServer(async (server) => {
    const tools = await listTools(server);
    const cases = [...TABLE, ...generatedCases(tools)];
    const distinct = new Set(cases.map((c) => `${c.tool} ${c.raw ?? JSON.stringify(c.args)}`));
    assert(distinct.size >= 50, `only ${distinct.size} distinct bad inputs`);
    const covered = new Set(cases.map((c) => c.tool));
    for (const tool of tools) assert(covered.has(tool.name), `${tool.name} has no bad input`);

    const texts: string[] = [];
    for (const c of cases) {
      texts.push(await send(server, c));
      await assertStillWorks(server, `${c.tool} ${JSON.stringify(c.args)?.slice(0, 60)}`);
    }
    assertCleanOutput(server, texts);
  });
});

Deno.test("bad input: 200 seeded random argument objects are answered, and the server carries on", async () => {
  await withServer(async (server) => {
    const tools = await listTools(server);
    const seed = 20261121;
    const random = prng(seed);
    const texts: string[] = [];
    for (let i = 0; i < 200; i++) {
      const c = randomCase(random, tools);
      try {
        texts.push(await send(server, c));
        await assertStillWorks(server, `random case ${i}`);
      } catch (error) {
        throw new Error(`seed ${seed}, case ${i}: ${JSON.stringify(c).slice(0, 300)}: ${error}`);
      }
    }
    assertCleanOutput(server, texts);
  });
});

Deno.test("bad input: broken JSON-RPC on stdin does not stop the server", async () => {
  await withServer(async (server) => {
    await server.writeRaw("this is not JSON\n");
    await server.writeRaw('{"jsonrpc":"2.0","id":"x","method":"tools/call","params":null}\n');
    await server.writeRaw('{"jsonrpc":"2.0","id":9001,"method":"no/such/method"}\n');
    await server.writeRaw("[]\n{}\n\n");
    const ping = await server.request("ping");
    assertEquals(ping.result, {});
    await assertStillWorks(server, "broken JSON-RPC");
    assert(server.running);
    assertCleanOutput(server);
  });
});
