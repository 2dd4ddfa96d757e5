import { assert } from "../../tests/assert.ts";
import { TOOLS } from "../server.ts";
import * as presets from "./annotations.ts";

Deno.test("annotations: every tool says what it does to Backlog with one of the presets", () => {
  const kinds = Object.values(presets);
  for (const tool of TOOLS) {
    assert(kinds.includes(tool.annotations), `${tool.name} spells out its own annotations`);
  }
  // Each preset is used, and none two ways.
  for (const [name, preset] of Object.entries(presets)) {
    assert(TOOLS.some((t) => t.annotations === preset), `${name} is used by no tool`);
  }
});
