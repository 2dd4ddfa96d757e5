/**
 * The context budget of the tools added for issue 12: what tools/list costs
 * (name, title, description and input schema, as JSON) stays small for each,
 * so that the whole set can stay within 900 bytes per tool on average.
 */

import { assert } from "./assert.ts";
import { withSession } from "./harness.ts";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";

const NEW_TOOLS = [
  "get_notifications",
  "mark_notifications_read",
  "get_recent_changes",
  "get_activity_report",
  "get_watched_issues",
  "set_watching",
  "count_issues",
  "get_attachment",
];
/** Bytes any one of them may cost. */
const EACH_MAX = 900;
/** Bytes they may cost on average. */
const AVERAGE_MAX = 700;

Deno.test("budget: each new tool costs at most 900 bytes of tools/list, 700 on average", async () => {
  await withSession(async (session) => {
    const { tools } = await session.client.listTools();
    const bytes = (t: Tool) =>
      new TextEncoder().encode(
        t.name + (t.title ?? "") + (t.description ?? "") + JSON.stringify(t.inputSchema),
      ).length;
    const sizes = NEW_TOOLS.map((name) => {
      const tool = (tools as Tool[]).find((t) => t.name === name);
      assert(tool, `${name} is listed`);
      return [name, bytes(tool)] as const;
    });
    const report = sizes.map(([n, b]) => `${n} ${b}`).join(", ");
    for (const [name, size] of sizes) assert(size <= EACH_MAX, `${name}: ${size} B (${report})`);
    const average = sizes.reduce((n, [, b]) => n + b, 0) / sizes.length;
    assert(average <= AVERAGE_MAX, `average ${average.toFixed(0)} B (${report})`);
  });
});
