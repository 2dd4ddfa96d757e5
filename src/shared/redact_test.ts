import { assert, assertEquals, assertNotIncludes } from "../../tests/assert.ts";
import { redactDeep, REDACTED, redactSecrets, redactUrl } from "./redact.ts";

const KEY = "KEY-d1st1nct1ve-0123456789";

Deno.test("redactSecrets: removes every raw occurrence of a secret", () => {
  const text = `key ${KEY} and again ${KEY}.`;
  assertEquals(redactSecrets(text, [KEY]), `key ${REDACTED} and again ${REDACTED}.`);
});

Deno.test("redactSecrets: removes the URL-encoded form too", () => {
  const secret = "a b+c/d=e&f";
  const encoded = encodeURIComponent(secret);
  assertEquals(encoded, "a%20b%2Bc%2Fd%3De%26f");
  const out = redactSecrets(`raw=${secret} enc=${encoded}`, [secret]);
  assertEquals(out, `raw=${REDACTED} enc=${REDACTED}`);
});

Deno.test("redactSecrets: masks any apiKey= query value, even unknown ones", () => {
  assertEquals(
    redactSecrets("GET https://s.backlog.com/api/v2/issues?apiKey=abc123&count=20", []),
    `GET https://s.backlog.com/api/v2/issues?apiKey=${REDACTED}&count=20`,
  );
  assertEquals(
    redactSecrets("https://s.backlog.com/api/v2/users/myself?count=1&apiKey=zzz#frag", []),
    `https://s.backlog.com/api/v2/users/myself?count=1&apiKey=${REDACTED}#frag`,
  );
  // Case-insensitive parameter name.
  assertEquals(redactSecrets("x?APIKEY=zzz y", []), `x?APIKEY=${REDACTED} y`);
  // Stops at quotes and whitespace.
  assertEquals(redactSecrets(`"u?apiKey=zzz" next`, []), `"u?apiKey=${REDACTED}" next`);
});

Deno.test("redactSecrets: an apiKey word outside a query is left alone", () => {
  assertEquals(redactSecrets("set apiKey=… in .env", []), "set apiKey=… in .env");
  assertEquals(redactSecrets("myapiKey=1", []), "myapiKey=1");
});

Deno.test("redactSecrets: the key inside a URL is removed by both rules", () => {
  const url = `https://s.backlog.com/api/v2/issues?apiKey=${KEY}&x=1`;
  const out = redactSecrets(`error sending request for url (${url})`, [KEY]);
  assertNotIncludes(out, KEY);
  assertNotIncludes(out, KEY.slice(4));
});

Deno.test("redactSecrets: secrets shorter than 4 characters are not redacted", () => {
  assertEquals(redactSecrets("abc is a word", ["abc"]), "abc is a word");
  assertEquals(redactSecrets("", [""]), "");
  assertEquals(redactSecrets("abcd is a key", ["abcd"]), `${REDACTED} is a key`);
});

Deno.test("redactSecrets: several secrets, text without secrets unchanged", () => {
  assertEquals(redactSecrets("one TWO-x three", ["one-secret", "TWO-x"]), `one ${REDACTED} three`);
  assertEquals(redactSecrets("nothing here", [KEY]), "nothing here");
  assertEquals(redactSecrets("nothing here", []), "nothing here");
});

Deno.test("redactSecrets: repeated calls are stable (no global regex state)", () => {
  const text = "a?apiKey=1 b?apiKey=2";
  const expected = `a?apiKey=${REDACTED} b?apiKey=${REDACTED}`;
  for (let i = 0; i < 3; i++) assertEquals(redactSecrets(text, []), expected);
});

Deno.test("redactUrl: masks the apiKey parameter of URL objects and strings", () => {
  const url = new URL("https://s.backlog.com/api/v2/issues");
  url.searchParams.append("statusId[]", "1");
  url.searchParams.set("apiKey", KEY);
  const out = redactUrl(url);
  assertNotIncludes(out, KEY);
  assertEquals(
    out,
    `https://s.backlog.com/api/v2/issues?statusId%5B%5D=1&apiKey=${REDACTED}`,
  );
  assertEquals(redactUrl("https://x/?apiKey=k"), `https://x/?apiKey=${REDACTED}`);
  assertEquals(redactUrl("https://x/path"), "https://x/path");
});

/** Whether `text` holds any run of `n` characters of `secret`, in any case. */
function holdsPart(text: string, secret: string, n = 8): boolean {
  const lower = text.toLowerCase();
  for (let p = 0; p + n <= secret.length; p++) {
    if (lower.includes(secret.slice(p, p + n).toLowerCase())) return true;
  }
  return false;
}

Deno.test("redactSecrets: an echoed key is found in any letter case", () => {
  for (const echo of [KEY.toUpperCase(), KEY.toLowerCase(), swapCase(KEY)]) {
    const out = redactSecrets(`Backlog said: invalid key ${echo}.`, [KEY]);
    assertEquals(out, `Backlog said: invalid key ${REDACTED}.`);
  }
  assertEquals(redactSecrets("ABCD and abcd", ["abcd"]), `${REDACTED} and ${REDACTED}`);
});

Deno.test("redactSecrets: parts of 8 or more characters are redacted, shorter ones are not", () => {
  const key = "Zq81Xv7mLp02Hk5Tw9Rb3Nc6Yd4Fg1Ja";
  const cases = [
    key.slice(0, 8), // the start
    key.slice(10, 22), // the middle
    key.slice(-8), // the end
    key.slice(3, 30).toUpperCase(), // most of it, upper-cased
  ];
  for (const part of cases) {
    const out = redactSecrets(`prefix ${part} suffix`, [key]);
    assertEquals(out, `prefix ${REDACTED} suffix`, part);
  }
  // Two parts in a row (the key split by a line break) are both caught.
  assertEquals(
    redactSecrets(`${key.slice(0, 16)}\n${key.slice(16)}`, [key]),
    `${REDACTED}\n${REDACTED}`,
  );
  // Seven characters are too few to tell from ordinary text.
  assertEquals(redactSecrets(`x ${key.slice(0, 7)} y`, [key]), `x ${key.slice(0, 7)} y`);
  // Positions survive text whose lower case is longer (İ → i̇).
  assertEquals(
    redactSecrets(`İİ ${key.slice(2, 14)} İ`, [key]),
    `İİ ${REDACTED} İ`,
  );
});

Deno.test("redactSecrets: property — no 8-character part of the key survives random text", () => {
  const key = "TESTKEY-zq81Xv7mLp02-d1st1nct1ve";
  const alphabet = ` "'\\\\{}[]:,?&=apiKey\n\tÄİß日本${key}`;
  let seed = 42;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  for (let round = 0; round < 500; round++) {
    let text = "";
    const pieces = 1 + random(6);
    for (let i = 0; i < pieces; i++) {
      const noise = Array.from({ length: random(20) }, () => alphabet[random(alphabet.length)]);
      text += noise.join("");
      const from = random(key.length - 8);
      const part = key.slice(from, from + 8 + random(key.length - from - 7));
      text += random(2) ? swapCase(part) : part;
    }
    const out = redactSecrets(text, [key]);
    assert(!holdsPart(out, key), `a part survived in ${JSON.stringify(out)}`);
  }
});

Deno.test("redactSecrets: fast on a large text without the key", () => {
  const key = "Zq81Xv7mLp02Hk5Tw9Rb3Nc6Yd4Fg1JaZq81Xv7mLp02Hk5Tw9Rb3Nc6Yd4Fg1Ja";
  const text = "Summary: Zq81 fix login; updated by Taro 2026-11-16 | ".repeat(20_000); // ~1 MB
  const started = performance.now();
  assertEquals(redactSecrets(text, [key]), text);
  const ms = performance.now() - started;
  assert(ms < 500, `took ${ms.toFixed(0)} ms`);
});

function swapCase(text: string): string {
  return [...text].map((c) => c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()).join("");
}

Deno.test("redactDeep: redacts string values one by one, so quotes and backslashes survive", () => {
  const hostile = 'const url = base + "/api/v2/issues?apiKey=" + key; \\" \\\\';
  const data = { summary: hostile, list: [`k ${KEY}`, 7, null], nested: { [KEY]: "v" } };
  const out = redactDeep(data, [KEY]);
  assertEquals(out.summary, redactSecrets(hostile, [KEY]));
  assertEquals(out.list, [`k ${REDACTED}`, 7, null]);
  assertEquals(Object.keys(out.nested), [REDACTED]);
  assertEquals(JSON.parse(JSON.stringify(out)), out);
  assertNotIncludes(JSON.stringify(out), KEY);
});
