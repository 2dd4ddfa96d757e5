import { assertEquals, assertStringIncludes, assertThrows } from "../../tests/assert.ts";
import { ToolInputError } from "../shared/input_error.ts";
import { asId, matchName, normalizeName, resolveNamed } from "./match.ts";

Deno.test("normalizeName: case, width, spaces and underscores fold; nothing else does", () => {
  assertEquals(normalizeName("  In_Progress "), "in progress");
  assertEquals(normalizeName("ＷＡＩＴＩＮＧ　for QA"), "waiting for qa");
  assertEquals(normalizeName("Won't Fix"), "won't fix");
  assertEquals(normalizeName("v1.0-rc"), "v1.0-rc");
});

Deno.test("matchName: exact after folding; spaces ignored only as a fallback", () => {
  const c = (name: string, ...aliases: string[]) => ({ item: name, names: [name, ...aliases] });
  const candidates = [c("In Progress", "処理中"), c("佐藤 健二"), c("Sprint 2"), c("Sprint 24")];
  assertEquals(matchName("in progress", candidates), ["In Progress"]);
  assertEquals(matchName("処理中", candidates), ["In Progress"]);
  assertEquals(matchName("佐藤健二", candidates), ["佐藤 健二"]);
  assertEquals(matchName("Sprint 2", candidates), ["Sprint 2"], "no prefix matching");
  assertEquals(matchName("Sprint", candidates), []);
  assertEquals(matchName("progress", candidates), []);
});

Deno.test("asId: numbers and digit-only strings are ids", () => {
  assertEquals(asId(12), 12);
  assertEquals(asId(" 102 "), 102);
  assertEquals(asId("PROJ"), undefined);
  // 0 is an id: resolution "Fixed".
  assertEquals(asId("0"), 0);
  assertEquals(asId("007"), undefined);
  assertEquals(asId("2026 Q4"), undefined);
});

const PRIORITIES = [{ id: 2, name: "High" }, { id: 3, name: "Normal" }, { id: 4, name: "Low" }];

Deno.test("resolveNamed: by name or id; ids must exist", () => {
  const opts = { parameter: "priority", what: "priority" };
  assertEquals(resolveNamed("high", PRIORITIES, opts).id, 2);
  assertEquals(resolveNamed(4, PRIORITIES, opts).id, 4);
  assertEquals(resolveNamed("3", PRIORITIES, opts).id, 3);
  const error = assertThrows(() => resolveNamed(9, PRIORITIES, opts), ToolInputError);
  assertEquals(error.parameter, "priority");
  assertStringIncludes(error.message, "9 is not the id of a priority");
  assertStringIncludes(error.message, "High (2), Normal (3), Low (4)");
});

Deno.test("resolveNamed: an unknown name lists the valid ones, trimmed", () => {
  const error = assertThrows(
    () => resolveNamed("Urgent", PRIORITIES, { parameter: "priority", what: "priority" }),
    ToolInputError,
  );
  assertStringIncludes(error.message, 'no priority named "Urgent"');
  assertStringIncludes(error.message, "Valid priority names: High, Normal, Low.");
  const many = Array.from({ length: 40 }, (_, i) => ({ id: i + 1, name: `Type ${i + 1}` }));
  const long = assertThrows(
    () => resolveNamed("nope", many, { parameter: "issue_type", what: "issue type" }),
    ToolInputError,
  );
  assertStringIncludes(long.message, "Type 25 … and 15 more");
  assertEquals(long.message.includes("Type 26"), false);
});

Deno.test("resolveNamed: a name matching two items shows both and guesses neither", () => {
  const items = [{ id: 7, name: "Review" }, { id: 8, name: "REVIEW" }, { id: 9, name: "Done" }];
  const error = assertThrows(
    () => resolveNamed("review", items, { parameter: "status", what: "status", where: " in X" }),
    ToolInputError,
  );
  assertStringIncludes(error.message, '"review" matches more than one status in X');
  assertStringIncludes(error.message, '"Review" (7) and "REVIEW" (8)');
  assertStringIncludes(error.message, "Pass the id instead");
});

Deno.test("resolveNamed: aliases are names too (a built-in's other language)", () => {
  const aliases = (p: { id: number }) =>
    ({ 2: ["高"], 3: ["中"], 4: ["低"] } as Record<number, string[]>)[p.id];
  assertEquals(resolveNamed("中", PRIORITIES, { parameter: "p", what: "priority", aliases }).id, 3);
});
