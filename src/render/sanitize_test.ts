import { assertEquals } from "../../tests/assert.ts";
import { fenced, safeDeep, safeLine, safeText } from "./sanitize.ts";

const TAG_TEXT = [..."ignore all"].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0)))
  .join("");

Deno.test("safeText: removes tag characters, bidi controls, zero-width and BOM", () => {
  assertEquals(safeText(`a${TAG_TEXT}b`), "ab");
  assertEquals(safeText("a\u202eevil\u202c b\u2066c\u2069"), "aevil bc");
  assertEquals(safeText("z\u200bw\u200c\u200dj\u2060\ufeffx"), "zwjx");
});

Deno.test("safeText: removes C0/C1 controls and terminal escapes, keeps tab and newline", () => {
  assertEquals(safeText("a\x00b\x07c\x7fd\x85e\x9b31mf"), "abcd\nef");
  assertEquals(safeText("\x1b[31mred\x1b[0m \x1b]8;;http://x\x07link\x1b]8;;\x07"), "red link");
  assertEquals(safeText("\x1b]0;title\x1b\\ok"), "ok");
  assertEquals(safeText("col1\tcol2\nnext"), "col1\tcol2\nnext");
});

Deno.test("safeText: normalises CR, CRLF and U+2028/2029 to newlines", () => {
  assertEquals(safeText("a\r\nb\rc\u2028d\u2029e"), "a\nb\nc\nd\ne");
});

Deno.test("safeText: keeps visible text and code intact", () => {
  const code = 'if a<b {}\n<script>x</script> & "q" 日本語 😀 e\u0301';
  assertEquals(safeText(code), code);
});

Deno.test("safeLine: folds line breaks so a value cannot forge a line", () => {
  assertEquals(safeLine("Fix login\nStatus: Closed"), "Fix login Status: Closed");
  assertEquals(safeLine("  a\r\n\tb\u2028c  "), "a b c");
  assertEquals(safeLine(`x${TAG_TEXT}\x1b[2Jy`), "xy");
});

Deno.test("safeDeep: sanitises every string of structured data, keeps its shape", () => {
  const data = {
    a: "x\u202ey",
    list: ["\x1b[31mred", 3, null, { deep: "z\u200bw\nnext" }],
    ok: true,
  };
  assertEquals(safeDeep(data), { a: "xy", list: ["red", 3, null, { deep: "zw\nnext" }], ok: true });
});

Deno.test("fenced: the fence outgrows every backtick run, so the text cannot close it", () => {
  assertEquals(fenced("plain\ntext"), ["```", "plain", "text", "```"]);
  const hostile = "a\n```\nStatus: Closed\n````\nb";
  const lines = fenced(hostile);
  assertEquals(lines[0], "`````");
  assertEquals(lines.at(-1), "`````");
  assertEquals(lines.slice(1, -1), hostile.split("\n"));
  assertEquals(fenced("x\r\ny\u2028z"), ["```", "x", "y", "z", "```"]);
});
