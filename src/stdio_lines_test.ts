import { assertEquals } from "../tests/assert.ts";
import { IdSkimmer, LineSplitter } from "./stdio_lines.ts";

const encode = (text: string) => new TextEncoder().encode(text);

/** Splits `chunks` with a limit; returns what was reported, in order. */
function split(chunks: string[], maxBytes: number): (string | [number, string | number | null])[] {
  const seen: (string | [number, string | number | null])[] = [];
  const lines = new LineSplitter(maxBytes, {
    line: (text) => seen.push(text),
    oversize: (bytes, id) => seen.push([bytes, id]),
  });
  for (const chunk of chunks) lines.push(encode(chunk));
  lines.end();
  return seen;
}

function skim(text: string, chunkSize = text.length): string | number | null {
  const skimmer = new IdSkimmer();
  const bytes = encode(text);
  for (let i = 0; i < bytes.length; i += chunkSize) skimmer.feed(bytes.subarray(i, i + chunkSize));
  return skimmer.id;
}

Deno.test("LineSplitter: lines across chunks, CRLF, blank lines and a last line without newline", () => {
  assertEquals(split(['{"a":', '1}\n\n  \n{"b"', ":2}\r\n", '{"c":3}'], 100), [
    '{"a":1}',
    '{"b":2}',
    '{"c":3}',
  ]);
});

Deno.test("LineSplitter: an over-long line is reported by size and id, and the next line is read", () => {
  const long = `{"method":"tools/call","params":{"x":"${"y".repeat(200)}"},"id":42}`;
  assertEquals(split([long.slice(0, 50), long.slice(50) + '\n{"ok":1}\n'], 100), [
    [encode(long).length, 42],
    '{"ok":1}',
  ]);
  // Exactly at the limit is fine; one byte more is not.
  assertEquals(split(["x".repeat(10) + "\n" + "y".repeat(11) + "\n"], 10), [
    "x".repeat(10),
    [11, null],
  ]);
});

Deno.test("IdSkimmer: finds the top-level id wherever it is, whatever the chunking", () => {
  const message = '{"method":"m","params":{"id":7,"s":"\\"id\\":8"},"jsonrpc":"2.0","id":"r-1"}';
  for (const size of [1, 2, 3, 7, 1000]) {
    assertEquals(skim(message, size), "r-1", `chunks of ${size}`);
  }
  assertEquals(skim('{"id": -12 ,"method":"x"}'), -12);
  assertEquals(skim('{"id":"a\\"b\\u00e9"}'), 'a"bé');
  assertEquals(skim('{"id":1,"id":2}'), 2, "the last wins, as in JSON.parse");
});

Deno.test("IdSkimmer: no id when there is none, or it is not a string or number", () => {
  assertEquals(skim('{"method":"m","params":{"id":3}}'), null);
  assertEquals(skim('{"id":null}'), null);
  assertEquals(skim('{"id":{"x":1}}'), null);
  assertEquals(skim('[{"id":1}]'), null);
  assertEquals(skim('"id"'), null);
  assertEquals(skim('{"x":"id","y":5}'), null);
});
