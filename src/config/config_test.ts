/**
 * parseConfig: defaults, trimming, the key and the domain (missing, normalised,
 * refused), how a refused value is shown, and all problems reported at once.
 *
 * @module
 */

import {
  assert,
  assertEquals,
  assertMatch,
  assertNotIncludes,
  assertStringIncludes,
} from "../../tests/assert.ts";
import { describeProblems } from "./config.ts";
import { ALL_INVALID, bad, describeValue, KEY, ok, parse, problemFor } from "./config_test_util.ts";

Deno.test("parseConfig: a minimal valid environment gives documented defaults", () => {
  const { config, notes, secrets } = ok();
  assertEquals(config, {
    apiKey: KEY,
    baseUrl: "https://space.backlog.com",
    userId: undefined,
    timezone: undefined,
    apiKeyTransport: "auto",
    requestTimeoutMs: 15_000,
    maxResponseBytes: 20_000_000,
    maxConcurrentRequests: 1,
    bulkSpacingMs: 1_000,
    cacheTtlMs: 300_000,
    logLevel: "info",
    readOnly: false,
    projectAllowlist: undefined,
    structuredOutput: false,
    maxResultChars: 25_000,
    attachmentMaxBytes: 5 * 1024 * 1024,
  });
  assertEquals(config.userId, undefined);
  assertEquals(notes, []);
  assertEquals(secrets, [KEY]);
});

Deno.test("parseConfig: values are trimmed and blank values count as unset", () => {
  const { config } = ok({
    BACKLOG_API_KEY: `  ${KEY}\n`,
    BACKLOG_DOMAIN: " space.backlog.jp ",
    USER_ID: " 5001 ",
    BACKLOG_TIMEZONE: "   ",
  });
  assertEquals(config.apiKey, KEY);
  assertEquals(config.baseUrl, "https://space.backlog.jp");
  assertEquals(config.userId, 5001);
  // Unset: the space's timezone is used (asked of Backlog when needed).
  assertEquals(config.timezone, undefined);
});

Deno.test("parseConfig: missing API key names the variable and how to fix it", () => {
  for (const value of [undefined, "", "   "]) {
    const result = parse({ BACKLOG_API_KEY: value, BACKLOG_DOMAIN: "space.backlog.com" });
    assert(!result.ok, `expected failure for API key ${JSON.stringify(value)}`);
    assertEquals(result.problems.length, 1);
    const problem = problemFor(result.problems, "BACKLOG_API_KEY");
    assertStringIncludes(problem.message, "BACKLOG_API_KEY");
    assertStringIncludes(problem.message, "not set");
    assertStringIncludes(problem.message, ".env");
    assertStringIncludes(problem.message, "Personal settings");
    assertEquals(result.secrets, []);
  }
});

Deno.test("parseConfig: missing domain names BACKLOG_DOMAIN and mentions BACKLOG_BASE_URL", () => {
  const result = parse({ BACKLOG_API_KEY: KEY });
  assert(!result.ok);
  const problem = problemFor(result.problems, "BACKLOG_DOMAIN");
  assertStringIncludes(problem.message, "BACKLOG_DOMAIN is not set");
  assertStringIncludes(problem.message, "your-space.backlog.com");
  assertStringIncludes(problem.message, "BACKLOG_BASE_URL");
  assertStringIncludes(problem.message, ".env");
});

Deno.test("parseConfig: nothing set reports both the key and the domain", () => {
  const result = parse({});
  assert(!result.ok);
  assertEquals(result.problems.map((p) => p.variable).sort(), [
    "BACKLOG_API_KEY",
    "BACKLOG_DOMAIN",
  ]);
  assertEquals(result.secrets, []);
  const text = describeProblems(result.problems);
  assert(text.startsWith("The server is not configured: "), text);
  assertStringIncludes(text, "BACKLOG_API_KEY is not set");
  assertStringIncludes(text, "BACKLOG_DOMAIN is not set");
});

Deno.test("parseConfig: BACKLOG_DOMAIN is normalised to an https host", async (t) => {
  const cases: [string, string][] = [
    ["https://Space.backlog.com/", "https://space.backlog.com"],
    ["space.backlog.jp", "https://space.backlog.jp"],
    ["https://x.backlogtool.com/dashboard", "https://x.backlogtool.com"],
    ["SPACE.BACKLOG.COM", "https://space.backlog.com"],
    ["http://my-team.backlog.com/view/PROJ-1?x=1#c", "https://my-team.backlog.com"],
    ["space.backlog.com?foo=bar", "https://space.backlog.com"],
    ["a1.backlog.com", "https://a1.backlog.com"],
  ];
  for (const [input, expected] of cases) {
    await t.step(input, () => {
      assertEquals(ok({ BACKLOG_DOMAIN: input }).config.baseUrl, expected);
    });
  }
});

Deno.test("parseConfig: hosts that are not a Backlog space are rejected", async (t) => {
  const rejected = [
    "example.com",
    "backlog.com",
    "evil.backlog.com.attacker.net",
    "evilbacklog.com",
    "space.backlog.com.",
    "a.b.backlog.com",
    "-space.backlog.com",
    "space-.backlog.com",
    "space.backlog.com:8443",
    "user@space.backlog.com",
    "space_x.backlog.com",
  ];
  for (const input of rejected) {
    await t.step(input, () => {
      const problem = problemFor(bad({ BACKLOG_DOMAIN: input }).problems, "BACKLOG_DOMAIN");
      assertStringIncludes(problem.message, "is not a Backlog host");
      assertStringIncludes(problem.message, "BACKLOG_BASE_URL");
      assertStringIncludes(problem.message, describeValue(input));
    });
  }
});

Deno.test("parseConfig: a rejected value is shown by its length and first four characters only", () => {
  const long = "x".repeat(100) + ".example.com";
  const problem = problemFor(bad({ BACKLOG_DOMAIN: long }).problems, "BACKLOG_DOMAIN");
  assertStringIncludes(problem.message, `"xxxx…" (112 characters)`);
  assertNotIncludes(problem.message, "x".repeat(5));
  assertEquals(describeValue("abc"), `"abc" (3 characters)`);
  assertEquals(describeValue("a"), `"a" (1 character)`);
  // Control and invisible characters are not shown as they are.
  assertEquals(describeValue("\u001b[2J\u202e"), `"?[2J…" (5 characters)`);
});

Deno.test("parseConfig: every invalid variable is reported at once", () => {
  const result = parse(ALL_INVALID);
  assert(!result.ok);
  assertEquals(result.problems.map((p) => p.variable).sort(), [
    "BACKLOG_API_KEY_TRANSPORT",
    "BACKLOG_CACHE_TTL_SECONDS",
    "BACKLOG_DOMAIN",
    "BACKLOG_LOG_LEVEL",
    "BACKLOG_TIMEOUT_MS",
    "BACKLOG_TIMEZONE",
    "USER_ID",
  ]);
  // Each message names its own variable, so the reader knows what to change.
  for (const problem of result.problems) {
    assertStringIncludes(problem.message, problem.variable);
  }
  // describeProblems keeps every message.
  const text = describeProblems(result.problems);
  for (const problem of result.problems) assertStringIncludes(text, problem.message);
});

Deno.test("describeProblems joins messages in order", () => {
  const text = describeProblems([
    { variable: "USER_ID", message: "First." },
    { variable: "BACKLOG_DOMAIN", message: "Second." },
  ]);
  assertEquals(text, "The server is not configured: First. Second.");
  assertMatch(text, /First\. Second\.$/);
});
