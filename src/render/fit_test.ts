import { assert, assertEquals, assertStringIncludes } from "../../tests/assert.ts";
import { boundJson, boundText, fitRows, jsonLength } from "./fit.ts";

const rows = Array.from({ length: 500 }, (_, i) => `row ${i} ${"x".repeat(i % 50)}`);
const build = (shown: number) => ({
  text: ["header", ...rows.slice(0, shown), shown < rows.length ? "Note: cut" : ""].join("\n"),
  structured: { rows: rows.slice(0, shown) },
});

Deno.test("fitRows: the most whole rows that fit, in text and (when sent) JSON", () => {
  const all = fitRows({ count: rows.length, build, maxChars: 1_000_000, structured: true });
  assertEquals(all.shown, 500);
  for (const maxChars of [100, 1_000, 5_000, 20_000, 30_000]) {
    for (const structured of [false, true]) {
      const { output, shown } = fitRows({ count: rows.length, build, maxChars, structured });
      assert(output.text.length <= maxChars, `${maxChars}: text ${output.text.length}`);
      if (structured) assert(jsonLength(output.structured) <= maxChars);
      if (shown === rows.length) continue;
      // One more row would not fit.
      const more = build(shown + 1);
      assert(
        more.text.length > maxChars || (structured && jsonLength(more.structured) > maxChars),
        `${maxChars}: ${shown} rows, but ${shown + 1} fit too`,
      );
      assertEquals(output.structured.rows.length, shown);
    }
  }
  // Nothing fits: the result without rows (the last cut in registration handles the rest).
  assertEquals(fitRows({ count: 3, build, maxChars: 3, structured: false }).shown, 0);
});

Deno.test("fitRows: a few renderings for rows of even size, a bounded number for uneven ones", () => {
  const renders = (list: string[], maxChars: number) => {
    let n = 0;
    const counted = (shown: number) => (n++, {
      text: ["header", ...list.slice(0, shown)].join("\n"),
      structured: { rows: list.slice(0, shown) },
    });
    const { shown } = fitRows({ count: list.length, build: counted, maxChars, structured: false });
    // The answer is the right one: one more row would not fit.
    assert(["header", ...list.slice(0, shown + 1)].join("\n").length > maxChars);
    assert(["header", ...list.slice(0, shown)].join("\n").length <= maxChars);
    return n;
  };
  const even = Array.from(
    { length: 1_000 },
    (_, i) => `PROJ-${1000 + i} a summary of forty characters…`,
  );
  for (const maxChars of [2_000, 10_000, 25_000, 40_000]) {
    assert(renders(even, maxChars) <= 5, `${maxChars}: ${renders(even, maxChars)} renderings`);
  }
  // Short rows, then long ones: the size line misleads; halving takes over.
  const uneven = Array.from({ length: 1_000 }, (_, i) => i < 900 ? "x" : "y".repeat(2_000));
  for (const maxChars of [1_500, 25_000, 150_000]) {
    const n = renders(uneven, maxChars);
    assert(n <= 2 * Math.ceil(Math.log2(1_000)) + 2, `${maxChars}: ${n} renderings`);
  }
});

Deno.test("boundText: within the limit unchanged; beyond it cut at a line with a note", () => {
  assertEquals(boundText("short", 100), "short");
  const long = Array.from({ length: 2_000 }, (_, i) => `line ${i}`).join("\n");
  const cut = boundText(long, 1_000);
  assert(cut.length <= 1_000, `${cut.length}`);
  assertStringIncludes(cut, "[answer cut: ");
  assertStringIncludes(cut, "BACKLOG_MAX_RESULT_CHARS=1000");
  const kept = cut.slice(0, cut.indexOf("\n[answer cut"));
  assert(long.startsWith(kept) && /line \d+$/.test(kept), "ends on a whole line");
  // No line breaks at all, and a surrogate pair at the edge: never half a character.
  const emoji = boundText("🙂".repeat(5_000), 500);
  assert(emoji.length <= 500);
  assert(!/[\ud800-\udbff]\n/.test(emoji), "no lone high surrogate");
});

Deno.test("boundJson: long strings shortened, then list entries dropped, rows left whole", () => {
  const small = { a: [1, 2, 3] };
  assertEquals(boundJson(small, 100), small);
  const value = {
    note: "n".repeat(50_000),
    rows: Array.from({ length: 2_000 }, (_, i) => [`KEY-${i}`, "summary", "Open", "", "", "", ""]),
    tags: ["a", "b"],
  };
  const bounded = boundJson(value, 10_000);
  assert(jsonLength(bounded) <= 10_000, `${jsonLength(bounded)}`);
  assert(bounded.note.length <= 1_000 && bounded.note.endsWith("…"));
  assert(bounded.rows.length > 0 && bounded.rows.length < 2_000);
  for (const row of bounded.rows) assertEquals(row.length, 7, "rows are never cut apart");
  assertEquals(bounded.tags, ["a", "b"]);
  assertEquals(value.rows.length, 2_000, "the input is not changed");
});
