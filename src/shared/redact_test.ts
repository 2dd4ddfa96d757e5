import { assertEquals, assertNotIncludes } from "../../tests/assert.ts";
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
