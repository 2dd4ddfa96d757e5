/**
 * The context budget and the public contract of every tool.
 *
 * Budget (bytes are UTF-8 bytes of compact JSON, as a client receives them):
 * - what a model reads of each tool (name, title, description, input schema):
 *   ≤ 8,000 bytes for the nine tools the server started with, and ≤ 900 per
 *   tool on average over however many tools there are;
 * - the whole `tools/list` result in the default (text-only) mode: ≤ 12,000
 *   bytes for those nine, ≤ 1,300 per tool on average over all;
 * - server instructions ≤ 2,048 characters, each description ≤ 1,024 (Claude
 *   Code cuts descriptions at 2,048).
 *
 * Contract: `tests/__toolsnaps__/<tool>.snap` holds each tool's name, title,
 * description, annotations and schemas (the output schema as listed with
 * BACKLOG_STRUCTURED_OUTPUT=true), the way github-mcp-server's
 * `__toolsnaps__` do, so every change to what clients see shows in review.
 * The test fails when the live list drifts from them; to accept a change, run
 *
 *     UPDATE_TOOLSNAPS=1 deno test --allow-all tests/tool_budget_test.ts
 *
 * and commit the rewritten snapshots.
 */

import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { assert, assertEquals } from "./assert.ts";
import { connectInProcess, ROOT, sandboxEnv, startTestSandbox } from "./harness.ts";
import { listTools, MODES } from "./tools_list.ts";

/** The tools the budget's fixed figures were set for. */
const ORIGINAL_TOOLS = [
  "get_user_issue_list",
  "get_issue_details",
  "get_issue_comments",
  "get_myself",
  "get_project_list",
  "get_project_metadata",
  "add_issue_comment",
  "update_issue",
  "create_issue",
];

const SNAPSHOTS = `${ROOT}tests/__toolsnaps__/`;
const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

/** What a model reads of a tool. */
const modelFacing = (t: Tool) => ({
  name: t.name,
  title: t.title,
  description: t.description,
  inputSchema: t.inputSchema,
});

Deno.test("budget: what models read of tools/list stays small, per tool and in all", async () => {
  const tools = await listTools(MODES["text only"]);
  const perTool = Object.fromEntries(tools.map((t) => [t.name, bytes(modelFacing(t))]));
  const original = tools.filter((t) => ORIGINAL_TOOLS.includes(t.name));
  assertEquals(original.length, ORIGINAL_TOOLS.length, "the nine original tools are listed");
  const originalModel = original.reduce((n, t) => n + perTool[t.name], 0);
  const allModel = tools.reduce((n, t) => n + perTool[t.name], 0);
  const originalWhole = bytes({ tools: original });
  const allWhole = bytes({ tools });
  console.log(
    `tools/list, default mode, ${tools.length} tools: ${allWhole} bytes in all, ${allModel} model-facing` +
      ` (${
        Math.round(allModel / tools.length)
      } per tool); the original nine: ${originalWhole} in all,` +
      ` ${originalModel} model-facing\n` +
      Object.entries(perTool).map(([name, n]) => `  ${name}: ${n}`).join("\n"),
  );
  assert(originalModel <= 8_000, `the nine tools: ${originalModel} model-facing bytes > 8000`);
  assert(
    allModel <= 900 * tools.length,
    `${allModel} model-facing bytes for ${tools.length} tools > 900 per tool on average`,
  );
  assert(originalWhole <= 12_000, `tools/list of the nine tools: ${originalWhole} bytes > 12000`);
  assert(
    allWhole <= 1_300 * tools.length,
    `tools/list: ${allWhole} bytes for ${tools.length} tools > 1300 per tool on average`,
  );
  for (const tool of tools) {
    const length = tool.description?.length ?? 0;
    assert(length <= 1_024, `${tool.name}: description of ${length} characters > 1024`);
    assert(tool.description?.includes("Use when"), `${tool.name}: description says "Use when"`);
  }
});

Deno.test("budget: the server instructions fit in 2,048 characters, in every mode", async () => {
  for (const env of Object.values(MODES)) {
    const sandbox = await startTestSandbox();
    const session = await connectInProcess(sandboxEnv(sandbox, env));
    try {
      const instructions = session.client.getInstructions() ?? "";
      assert(instructions.length > 0, "instructions are sent");
      assert(instructions.length <= 2_048, `instructions: ${instructions.length} characters`);
    } finally {
      await session.close();
      await sandbox.close();
    }
  }
});

/** A tool's public contract, as snapshotted. */
function contract(tool: Tool) {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    annotations: tool.annotations,
    inputSchema: tool.inputSchema,
    outputSchema: tool.outputSchema,
  };
}

Deno.test("toolsnaps: tools/list matches tests/__toolsnaps__ (UPDATE_TOOLSNAPS=1 rewrites them)", async () => {
  const update = ["1", "true"].includes(Deno.env.get("UPDATE_TOOLSNAPS") ?? "");
  const structured = await listTools(MODES["structured"]);
  const textOnly = await listTools(MODES["text only"]);
  // The text-only list is the structured one minus the output schemas.
  assertEquals(
    textOnly,
    structured.map(({ outputSchema: _, ...rest }) => rest),
    "text-only tools/list = structured tools/list without outputSchema",
  );
  const drift: string[] = [];
  for (const tool of structured) {
    const path = `${SNAPSHOTS}${tool.name}.snap`;
    const live = JSON.stringify(contract(tool), null, 2) + "\n";
    let saved: string | undefined;
    try {
      saved = await Deno.readTextFile(path);
    } catch {
      saved = undefined;
    }
    if (saved === live) continue;
    if (update) {
      await Deno.mkdir(SNAPSHOTS, { recursive: true });
      await Deno.writeTextFile(path, live);
    } else {
      drift.push(saved === undefined ? `${tool.name}: no snapshot` : `${tool.name}: changed`);
    }
  }
  const listed = new Set(structured.map((t) => t.name));
  const files = await Array.fromAsync(Deno.readDir(SNAPSHOTS)).catch(() => []);
  for (const entry of files) {
    const name = entry.name.replace(/\.snap$/, "");
    if (listed.has(name)) continue;
    if (update) await Deno.remove(`${SNAPSHOTS}${entry.name}`);
    else drift.push(`${name}: snapshot of a tool no longer listed`);
  }
  assertEquals(
    drift,
    [],
    "tools/list differs from tests/__toolsnaps__; if the change is intended, run " +
      "`UPDATE_TOOLSNAPS=1 deno test --allow-all tests/tool_budget_test.ts` and commit the snapshots",
  );
});
