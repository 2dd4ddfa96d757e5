/**
 * What a model receives for a list of 100 issues, in each way clients read a
 * result: the text only (claude.ai, Gemini CLI), structuredContent only
 * (Claude Code, Codex) or both (VS Code). By default there is no
 * structuredContent, so every client hands its model the text; with
 * BACKLOG_STRUCTURED_OUTPUT=true the JSON is itself compact (rows as arrays)
 * and valid against the listed output schema.
 */

import { Ajv2020 } from "ajv/dist/2020.js";
import type { CallToolResult, Tool } from "@modelcontextprotocol/sdk/types.js";
import { assert, assertEquals } from "./assert.ts";
import { SAMPLE_ARGUMENTS } from "./clients/calls.ts";
import { textOf, withSession } from "./harness.ts";

const bytes = (text: string) => new TextEncoder().encode(text).length;
const LIMIT = 13_000;

/** Bytes a model receives from `result` when its client reads it `mode`'s way. */
export function received(result: CallToolResult, mode: "text" | "structured" | "both"): number {
  const text = bytes(textOf(result));
  if (result.structuredContent === undefined) return text; // every client falls back to the text
  const json = bytes(JSON.stringify(result.structuredContent));
  return mode === "text" ? text : mode === "structured" ? json : text + json;
}

Deno.test("reading modes: default (text only), 100 issues are ≤ 13,000 bytes however a client reads them", async () => {
  await withSession(async (session) => {
    const { tools } = await session.client.listTools();
    assert(tools.every((t: Tool) => t.outputSchema === undefined), "no outputSchema by default");
    const result = await session.call("get_user_issue_list", {});
    assert(!result.isError, textOf(result));
    assertEquals(result.structuredContent, undefined);
    assertEquals(
      textOf(result).split("\n").filter((l) => /^[A-Z][A-Z0-9_]*-\d+ \| /.test(l)).length,
      100,
    );
    const figures = {
      text: received(result, "text"),
      structured: received(result, "structured"),
      both: received(result, "both"),
    };
    console.log(`100 issues, default mode, bytes the model receives: ${JSON.stringify(figures)}`);
    for (const [mode, n] of Object.entries(figures)) assert(n <= LIMIT, `${mode}: ${n} > ${LIMIT}`);
  }, { env: { BACKLOG_STRUCTURED_OUTPUT: "false" } });
});

Deno.test("reading modes: structured output on, 100 issues: compact JSON, valid against its schema", async () => {
  await withSession(async (session) => {
    const { tools } = await session.client.listTools();
    const list = tools.find((t: Tool) => t.name === "get_user_issue_list") as Tool;
    const result = await session.call("get_user_issue_list", {});
    assert(!result.isError, textOf(result));
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(list.outputSchema!);
    assert(validate(result.structuredContent), JSON.stringify(validate.errors));
    assertEquals((result.structuredContent as { issues: unknown[] }).issues.length, 100);
    const text = received(result, "text");
    const json = received(result, "structured");
    console.log(
      `100 issues, BACKLOG_STRUCTURED_OUTPUT=true: text ${text}, structured ${json} (${
        (json / text).toFixed(2)
      }× the text), both ${received(result, "both")} bytes`,
    );
    assert(text <= LIMIT, `text: ${text} > ${LIMIT}`);
    assert(json <= LIMIT, `structuredContent: ${json} > ${LIMIT}`);
    assert(json <= 1.3 * text, `structuredContent is ${(json / text).toFixed(2)}× the text`);
  }, { env: { BACKLOG_STRUCTURED_OUTPUT: "true" } });
});

Deno.test("reading modes: every tool's JSON is valid and close to its text's size", async () => {
  await withSession(async (session) => {
    const { tools } = await session.client.listTools();
    const ratios: string[] = [];
    for (const [name, args] of Object.entries(SAMPLE_ARGUMENTS)) {
      const tool = tools.find((t: Tool) => t.name === name) as Tool;
      const result = await session.call(name, args);
      assert(!result.isError, `${name}: ${textOf(result)}`);
      const validate = new Ajv2020({ strict: true, allErrors: true }).compile(tool.outputSchema!);
      assert(validate(result.structuredContent), `${name}: ${JSON.stringify(validate.errors)}`);
      const text = received(result, "text");
      const json = received(result, "structured");
      ratios.push(`${name} ${json}/${text}`);
      // Field names cost a fixed kilobyte at most (project metadata has the most kinds of
      // entries); beyond them the JSON grows with the text no faster than 1.3 times.
      assert(json <= 1.3 * text + 1024, `${name}: JSON ${json} bytes, text ${text}`);
    }
    console.log(`structured JSON / text bytes: ${ratios.join(", ")}`);
  }, { env: { BACKLOG_STRUCTURED_OUTPUT: "true" } });
});
