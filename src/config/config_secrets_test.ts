/**
 * parseConfig and the API key: never echoed in a problem or note, wherever it
 * was pasted, and always in `secrets` for redaction.
 *
 * @module
 */

import { assert, assertEquals, assertNotIncludes } from "../../tests/assert.ts";
import { redactSecrets } from "../shared/redact.ts";
import { describeProblems } from "./config.ts";
import { ALL_INVALID, assertNoKey, bad, type Env, KEY, ok, parse } from "./config_test_util.ts";

Deno.test("parseConfig: the API key never appears in problems or notes", async (t) => {
  await t.step("valid configuration with a note", () => {
    const result = parse({
      BACKLOG_API_KEY: KEY,
      BACKLOG_BASE_URL: "https://backlog.example.com",
      BACKLOG_DOMAIN: "space.backlog.com",
    });
    assert(result.ok);
    assertEquals(result.notes.length, 1);
    assertNoKey(result);
  });

  await t.step("every other variable invalid", () => {
    const result = parse(ALL_INVALID);
    assert(!result.ok);
    assertNoKey(result);
    assertNotIncludes(describeProblems(result.problems), KEY);
  });

  await t.step("the key pasted into BACKLOG_BASE_URL's query is not echoed", () => {
    const result = parse({
      BACKLOG_API_KEY: KEY,
      BACKLOG_BASE_URL: `https://backlog.example.com/api/v2?apiKey=${KEY}`,
    });
    assert(!result.ok);
    assertNoKey(result);
  });

  await t.step("the key as URL credentials is not echoed", () => {
    const result = parse({
      BACKLOG_API_KEY: KEY,
      BACKLOG_BASE_URL: `https://${KEY}@backlog.example.com`,
    });
    assert(!result.ok);
    assertNoKey(result);
  });
});

Deno.test({
  name: "parseConfig: the API key pasted into the wrong variable is not echoed",
  async fn(t) {
    const cases: Env[] = [
      { USER_ID: KEY },
      { BACKLOG_DOMAIN: KEY },
      { BACKLOG_DOMAIN: `https://example.com/?apiKey=${KEY}` },
      { BACKLOG_BASE_URL: `backlog.example.com/api/v2?apiKey=${KEY}` },
      { BACKLOG_TIMEZONE: KEY },
      { BACKLOG_LOG_LEVEL: KEY },
      { BACKLOG_API_KEY_TRANSPORT: KEY },
    ];
    for (const extra of cases) {
      const [[variable, value]] = Object.entries(extra);
      await t.step(`${variable}=${value.replace(KEY, "<key>")}`, () => {
        const result = parse({
          BACKLOG_API_KEY: KEY,
          BACKLOG_DOMAIN: "space.backlog.com",
          ...extra,
        });
        assert(!result.ok);
        assertNoKey(result);
      });
    }
  },
});

Deno.test({
  name: "parseConfig: a 64-character key in USER_ID does not survive redaction as a prefix",
  fn() {
    const longKey = "Zk3" + "q".repeat(57) + "Wx9Y"; // 64 characters, like a real key
    const result = parse({
      BACKLOG_API_KEY: longKey,
      BACKLOG_DOMAIN: "space.backlog.com",
      USER_ID: longKey,
    });
    assert(!result.ok);
    const shown = redactSecrets(describeProblems(result.problems), result.secrets);
    assertNotIncludes(shown, longKey.slice(0, 20));
  },
});

Deno.test("parseConfig: secrets holds the key whatever else is wrong", async (t) => {
  await t.step("valid", () => {
    assertEquals(ok().secrets, [KEY]);
  });
  await t.step("domain missing", () => {
    const result = parse({ BACKLOG_API_KEY: KEY });
    assert(!result.ok);
    assertEquals(result.secrets, [KEY]);
  });
  await t.step("every other variable invalid", () => {
    const result = bad({
      BACKLOG_BASE_URL: "http://backlog.example.com",
      USER_ID: "x",
      BACKLOG_TIMEZONE: "Nowhere/City",
      BACKLOG_API_KEY_TRANSPORT: "x",
      BACKLOG_TIMEOUT_MS: "x",
      BACKLOG_CACHE_TTL_SECONDS: "x",
      BACKLOG_LOG_LEVEL: "x",
    });
    assertEquals(result.secrets, [KEY]);
    assertEquals(result.problems.length, 7);
  });
  await t.step("the key is trimmed in secrets too", () => {
    const result = parse({ BACKLOG_API_KEY: ` ${KEY} ` });
    assertEquals(result.secrets, [KEY]);
  });
});
