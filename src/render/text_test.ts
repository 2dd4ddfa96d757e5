import { assert, assertEquals } from "../../tests/assert.ts";
import { clipText, formatBytes, NONE, oneLine } from "./text.ts";

Deno.test("NONE is an em dash", () => {
  assertEquals(NONE, "—");
});

Deno.test("clipText: text within the limit is returned untouched", () => {
  assertEquals(clipText("hello", 5), { text: "hello", omitted: 0 });
  assertEquals(clipText("", 0), { text: "", omitted: 0 });
  assertEquals(clipText("  trailing  ", 100), { text: "  trailing  ", omitted: 0 });
});

Deno.test("clipText: counts code points, not UTF-16 units", () => {
  // 5 emoji are 10 UTF-16 units but 5 characters: not clipped at 5.
  const emoji = "😀😁😂🤣😃";
  assertEquals(emoji.length, 10);
  assertEquals(clipText(emoji, 5), { text: emoji, omitted: 0 });
  // Clipped to 3 characters, no surrogate half left behind.
  const clipped = clipText(emoji, 3);
  assertEquals(clipped, { text: "😀😁😂", omitted: 2 });
  assert(clipped.text.isWellFormed(), "a surrogate pair was split");
});

Deno.test("clipText: Japanese text is cut on a character", () => {
  const text = "日本語のテキストを切り詰める"; // 14 characters
  assertEquals(clipText(text, 5), { text: "日本語のテ", omitted: 9 });
});

Deno.test("clipText: omitted + kept = original length", () => {
  const samples = [
    "abcdefghij".repeat(20),
    "課題の説明です。".repeat(30),
    "🎉 party ".repeat(40),
    "line one\nline two\nline three\n".repeat(10),
  ];
  for (const sample of samples) {
    for (const max of [1, 7, 50, 99]) {
      const { text, omitted } = clipText(sample, max);
      assert([...text].length <= max, `kept ${[...text].length} > ${max}`);
      assert(omitted > 0, "should report something omitted");
      assertEquals([...text].length + omitted, [...sample].length, `max ${max}`);
      assert(text.isWellFormed());
      assert(sample.startsWith(text), "the kept part must be a prefix");
    }
  }
});

Deno.test("clipText: prefers a nearby word or line boundary", () => {
  // "aaaa…a bbbbb": the space at index 9 is > 0.8 × 10, so the cut is there.
  assertEquals(clipText("aaaaaaaaa bbbbbbbb", 10), { text: "aaaaaaaaa", omitted: 9 });
  // A newline near the end also counts.
  assertEquals(clipText("aaaaaaaaa\nbbbbbbbb", 10), { text: "aaaaaaaaa", omitted: 9 });
  // A boundary far from the limit is ignored: cut mid-word instead.
  assertEquals(clipText("aa bbbbbbbbbbbbbbbb", 10), { text: "aa bbbbbbb", omitted: 9 });
});

Deno.test("clipText: Japanese with emoji near the limit keeps whole characters", () => {
  const text = "完了しました🎉🎉 次の作業へ進みます";
  const { text: kept, omitted } = clipText(text, 8);
  assertEquals(kept, "完了しました🎉🎉");
  assertEquals(omitted, [...text].length - 8);
});

Deno.test("oneLine: folds whitespace and trims", () => {
  assertEquals(oneLine("  a\n\n b\t\tc  ", 100), "a b c");
  assertEquals(oneLine("", 10), "");
  assertEquals(oneLine("\u3000全角\u3000スペース", 100), "全角 スペース");
});

Deno.test("oneLine: cuts to max characters including the ellipsis", () => {
  assertEquals(oneLine("abcdefghij", 10), "abcdefghij");
  assertEquals(oneLine("abcdefghijk", 10), "abcdefghi…");
  assertEquals([...oneLine("x".repeat(500), 60)].length, 60);
});

Deno.test("oneLine: cuts by code points", () => {
  assertEquals(oneLine("😀😁😂🤣😃", 3), "😀😁…");
  assertEquals(oneLine("日本語のテキスト", 5), "日本語の…");
  assert(oneLine("😀😁😂🤣😃", 3).isWellFormed());
});

Deno.test("formatBytes", async (t) => {
  const cases: [number, string][] = [
    [0, "0 B"],
    [1, "1 B"],
    [1023, "1023 B"],
    [1024, "1.0 KB"],
    [1536, "1.5 KB"],
    [48213, "47.1 KB"],
    [1024 * 1024, "1.0 MB"],
    [5.5 * 1024 * 1024, "5.5 MB"],
    [1024 ** 3, "1.0 GB"],
    [3 * 1024 ** 4, "3072.0 GB"],
  ];
  for (const [size, expected] of cases) {
    await t.step(`${size} → ${expected}`, () => {
      assertEquals(formatBytes(size), expected);
    });
  }
});

Deno.test("formatBytes: non-finite sizes do not throw", () => {
  assertEquals(formatBytes(Number.NaN), "NaN B");
  assertEquals(formatBytes(Number.POSITIVE_INFINITY), "Infinity B");
});

Deno.test({
  name: "formatBytes: sizes just under a boundary round up to the next unit",
  fn() {
    assertEquals(formatBytes(1024 * 1024 - 1), "1.0 MB");
  },
});
