/**
 * Layout rules that hold for every source file, so they keep holding as the
 * project grows: files stay under ~300 lines (a file longer than 330 fails),
 * and a function takes at most three positional parameters (more go in an
 * options object with named fields), but for the few listed below, each with
 * its reason.
 */

import { assert, assertEquals } from "./assert.ts";
import { sourceFiles, wideFunctions } from "./source_scan.ts";
import { ROOT } from "../src/tooling/support/launcher.ts";

/** "~300 lines": a file may run a little over while it is split along a real seam. */
const MAX_LINES = 330;
const MAX_PARAMS = 3;

const SEED_ROW =
  "a row of seed data: one call per row, its columns in a fixed order, as in a table";

/** Functions allowed more than three positional parameters: `path: name` → why. */
const WIDE_ALLOWED: Record<string, string> = {
  "src/tooling/sandbox/seed_activities.ts: a": SEED_ROW,
  "src/tooling/sandbox/seed_attention.ts: comment": SEED_ROW,
  "src/tooling/sandbox/seed_custom_fields.ts: def": SEED_ROW,
  "src/tooling/sandbox/seed_data.ts: project": SEED_ROW,
  "src/tooling/sandbox/seed_lookups.ts: t": SEED_ROW,
  "src/tooling/sandbox/seed_notifications.ts: other": SEED_ROW,
};

const files = await sourceFiles(ROOT, ["src", "tests"]);

Deno.test("layout: no TypeScript file under src/ or tests/ is longer than ~300 lines", async () => {
  assert(files.length > 100, `only ${files.length} files found`);
  const long: string[] = [];
  for (const path of files) {
    const lines = (await Deno.readTextFile(`${ROOT}${path}`)).replace(/\n$/, "").split("\n").length;
    if (lines > MAX_LINES) long.push(`${path}: ${lines} lines`);
  }
  assertEquals(long, [], `split these along a seam (at most ${MAX_LINES} lines)`);
});

Deno.test("layout: no function takes more than three positional parameters, but the listed ones", async () => {
  const wide: string[] = [];
  const allowedSeen = new Set<string>();
  for (const path of files) {
    for (const f of wideFunctions(await Deno.readTextFile(`${ROOT}${path}`), MAX_PARAMS)) {
      const key = `${path}: ${f.name}`;
      if (key in WIDE_ALLOWED) allowedSeen.add(key);
      else wide.push(`${path}:${f.line} ${f.name} takes ${f.params}`);
    }
  }
  assertEquals(wide, [], "take an options object with named fields instead");
  const stale = Object.keys(WIDE_ALLOWED).filter((key) => !allowedSeen.has(key));
  assertEquals(stale, [], "these no longer take more than three: remove them from WIDE_ALLOWED");
});

Deno.test("layout: the scanner finds every form of function and nothing in comments or strings", () => {
  const source = `
    export function declared(a: number, b = "x, y", { c, d }: { c: 1; d: 2 }, e?: string) {}
    async function* generated<T extends Record<string, number>>(a: T, b: T, c: T, d: T) {}
    const arrow = async (a: string, b: string, c: string, d: string): Promise<void> => {};
    const typed: (a: number, b: number, c: number, d: number) => void = () => {};
    class K {
      constructor(a: number, b: number, c: number, d: number) {}
      static #hidden(a: number, b: number, c: number, d: number): void {}
      three(a: (x: number, y: number) => number, b: Map<string, number>, c = [1, 2, 3]) {}
    }
    // function commented(a, b, c, d) {}
    /* const inBlock = (a, b, c, d) => 1; */
    const s = "function quoted(a, b, c, d) {}" + \`const t = (a, b, \${"c"}, d) => 0\`;
    const r = /function inRegex\\(a, b, c, d\\) {}/;
    call(a, b, c, d);
    if (a, b, c, d) {}
  `;
  const found = wideFunctions(source).map((f) => `${f.line} ${f.name} ${f.params}`);
  assertEquals(found, [
    "2 declared 4",
    "3 generated 4",
    "4 arrow 4",
    "5 typed 4",
    "7 constructor 4",
    "8 #hidden 4",
  ]);
  assertEquals(wideFunctions("const f = (a, b, c) => a;\nfunction g({ a, b, c, d }) {}"), []);
});
