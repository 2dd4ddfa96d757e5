/**
 * Parameters clients add on their own: Gemini CLI offers the model a
 * `wait_for_previous` boolean on every tool and forwards it in tools/call.
 * It is accepted (and ignored) by every tool; any other unknown parameter is
 * still refused, naming the parameters the tool takes, or saying it takes none.
 */

import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { assert, assertEquals, assertNotIncludes, assertStringIncludes } from "./assert.ts";
import { callFor, expectsSuccess } from "./clients/calls.ts";
import { textOf, withSession } from "./harness.ts";

Deno.test("quirks: every tool accepts Gemini CLI's wait_for_previous and answers as without it", async () => {
  await withSession(async (session) => {
    const { tools } = await session.client.listTools();
    assert(tools.length >= 9);
    for (const tool of tools as Tool[]) {
      const call = callFor(tool);
      for (const wait of [true, false]) {
        const result = await session.call(tool.name, {
          ...call.arguments,
          wait_for_previous: wait,
        });
        const text = textOf(result);
        assertNotIncludes(text, "wait_for_previous", `${tool.name}: ${text}`);
        assertNotIncludes(text, "unknown parameter", `${tool.name}: ${text}`);
        if (expectsSuccess(tool.name)) {
          assert(!result.isError, `${tool.name} with wait_for_previous=${wait}: ${text}`);
        }
      }
    }
  });
});

Deno.test("quirks: other unknown parameters are still refused, naming what is allowed", async () => {
  await withSession(async (session, sandbox) => {
    const { tools } = await session.client.listTools();
    for (const tool of tools as Tool[]) {
      const before = sandbox.requests.length;
      const result = await session.call(tool.name, {
        ...callFor(tool).arguments,
        wait_for_previous: true,
        project_key: "DEMO",
      });
      assertEquals(result.isError, true, tool.name);
      const text = textOf(result);
      assertStringIncludes(text, 'unknown parameter "project_key"', tool.name);
      const names = Object.keys(tool.inputSchema.properties ?? {});
      if (names.length === 0) {
        assertStringIncludes(text, "takes no parameters", tool.name);
      } else {
        assertStringIncludes(text, "allowed: ", tool.name);
        for (const name of names) assertStringIncludes(text, name, tool.name);
      }
      assertEquals(sandbox.requests.length, before, `${tool.name}: refused before any request`);
    }
  });
});
