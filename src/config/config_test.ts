import {
  assert,
  assertEquals,
  assertMatch,
  assertNotIncludes,
  assertStringIncludes,
} from "../../tests/assert.ts";
import { redactSecrets } from "../shared/redact.ts";
import {
  type Config,
  type ConfigProblem,
  type ConfigResult,
  type ConfigVariable,
  describeProblems,
  isLoopback,
  parseConfig,
} from "./config.ts";
import { describeValue } from "./parsers.ts";

const KEY = "KEY-d1st1nct1ve-0123456789";

type Env = Partial<Record<ConfigVariable, string>>;

function parse(env: Env): ConfigResult {
  return parseConfig((name) => env[name]);
}

/** A valid environment plus `extra`; parses it and expects success. */
function ok(extra: Env = {}): { config: Config; notes: string[]; secrets: string[] } {
  const result = parse({ BACKLOG_API_KEY: KEY, BACKLOG_DOMAIN: "space.backlog.com", ...extra });
  if (!result.ok) {
    throw new Error(`expected a valid configuration, got: ${JSON.stringify(result.problems)}`);
  }
  return result;
}

/** A valid environment plus `extra`; parses it and expects failure. */
function bad(extra: Env): { problems: ConfigProblem[]; secrets: string[] } {
  const result = parse({ BACKLOG_API_KEY: KEY, BACKLOG_DOMAIN: "space.backlog.com", ...extra });
  if (result.ok) throw new Error(`expected problems, got: ${JSON.stringify(result.config)}`);
  return result;
}

/** The single problem reported for `variable`. */
function problemFor(problems: ConfigProblem[], variable: ConfigVariable): ConfigProblem {
  const found = problems.filter((p) => p.variable === variable);
  assertEquals(
    found.length,
    1,
    `expected one problem for ${variable}: ${JSON.stringify(problems)}`,
  );
  return found[0];
}

function assertNoKey(result: ConfigResult, key = KEY): void {
  const texts = result.ok ? result.notes : result.problems.map((p) => p.message);
  for (const text of texts) {
    // Case-insensitively: some values are lower-cased before they are echoed.
    assertNotIncludes(text.toLowerCase(), key.toLowerCase(), "the API key leaked into a message");
  }
}

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

Deno.test("parseConfig: BACKLOG_BASE_URL", async (t) => {
  await t.step("https base is kept without trailing slash", () => {
    assertEquals(
      ok({ BACKLOG_BASE_URL: "https://backlog.example.com/" }).config.baseUrl,
      "https://backlog.example.com",
    );
  });

  await t.step("the /api/v2 suffix is stripped, with or without trailing slash", () => {
    for (const input of ["https://b.example.com/api/v2", "https://b.example.com/api/v2/"]) {
      assertEquals(ok({ BACKLOG_BASE_URL: input }).config.baseUrl, "https://b.example.com");
    }
  });

  await t.step("a sub-path and port are kept", () => {
    assertEquals(
      ok({ BACKLOG_BASE_URL: "https://b.example.com:8443/backlog/api/v2/" }).config.baseUrl,
      "https://b.example.com:8443/backlog",
    );
  });

  await t.step("the host is normalised to lower case", () => {
    assertEquals(
      ok({ BACKLOG_BASE_URL: "https://Backlog.Example.COM" }).config.baseUrl,
      "https://backlog.example.com",
    );
  });

  await t.step("http is allowed for loopback hosts", () => {
    const cases: [string, string][] = [
      ["http://127.0.0.1:8080", "http://127.0.0.1:8080"],
      ["http://127.1.2.3/", "http://127.1.2.3"],
      ["http://localhost:3000/api/v2", "http://localhost:3000"],
      ["http://LOCALHOST", "http://localhost"],
      ["http://[::1]:8080/", "http://[::1]:8080"],
    ];
    for (const [input, expected] of cases) {
      assertEquals(ok({ BACKLOG_BASE_URL: input }).config.baseUrl, expected, input);
    }
  });

  await t.step("http is refused for other hosts, explaining why", () => {
    for (
      const input of [
        "http://backlog.example.com",
        "http://127.evil.example",
        "http://localhost.attacker.net",
        "http://10.0.0.1",
        "http://[::2]",
      ]
    ) {
      const problem = problemFor(bad({ BACKLOG_BASE_URL: input }).problems, "BACKLOG_BASE_URL");
      assertStringIncludes(problem.message, "https://", input);
      assertStringIncludes(problem.message, "in clear", input);
    }
  });

  await t.step("other schemes are refused", () => {
    const problem = problemFor(
      bad({ BACKLOG_BASE_URL: "ftp://backlog.example.com" }).problems,
      "BACKLOG_BASE_URL",
    );
    assertStringIncludes(problem.message, "must start with https://");
    assertStringIncludes(problem.message, "ftp:");
  });

  await t.step("credentials, query and fragment are refused", () => {
    for (
      const input of [
        "https://user:pass@backlog.example.com",
        "https://user@backlog.example.com",
        "https://backlog.example.com/?x=1",
        "https://backlog.example.com/#top",
      ]
    ) {
      const problem = problemFor(bad({ BACKLOG_BASE_URL: input }).problems, "BACKLOG_BASE_URL");
      assertStringIncludes(problem.message, "without credentials, query or fragment", input);
      assertNotIncludes(problem.message, "pass", input);
    }
  });

  await t.step("a value that is not a URL is refused", () => {
    const problem = problemFor(
      bad({ BACKLOG_BASE_URL: "backlog.example.com" }).problems,
      "BACKLOG_BASE_URL",
    );
    assertStringIncludes(problem.message, "is not a URL");
    assertStringIncludes(problem.message, "https://");
  });

  await t.step("the base URL wins over BACKLOG_DOMAIN, with a note", () => {
    const { config, notes } = ok({
      BACKLOG_BASE_URL: "https://backlog.example.com",
      BACKLOG_DOMAIN: "other.backlog.com",
    });
    assertEquals(config.baseUrl, "https://backlog.example.com");
    assertEquals(notes.length, 1);
    assertStringIncludes(notes[0], "BACKLOG_BASE_URL");
    assertStringIncludes(notes[0], "BACKLOG_DOMAIN is ignored");
  });

  await t.step("an invalid domain is ignored when a base URL is set", () => {
    const { config } = ok({
      BACKLOG_BASE_URL: "https://backlog.example.com",
      BACKLOG_DOMAIN: "example.com",
    });
    assertEquals(config.baseUrl, "https://backlog.example.com");
  });

  await t.step("no note when only the base URL is set", () => {
    const result = parse({ BACKLOG_API_KEY: KEY, BACKLOG_BASE_URL: "https://b.example.com" });
    assert(result.ok);
    assertEquals(result.notes, []);
  });
});

Deno.test("isLoopback", () => {
  for (const host of ["127.0.0.1", "127.255.0.9", "localhost", "LocalHost", "::1", "[::1]"]) {
    assert(isLoopback(host), `${host} should be loopback`);
  }
  for (const host of ["128.0.0.1", "127.0.0", "127.0.0.1.example", "example.com", "::2", ""]) {
    assert(!isLoopback(host), `${host} should not be loopback`);
  }
});

Deno.test("parseConfig: USER_ID accepts only a positive integer", async (t) => {
  await t.step("numeric id", () => {
    assertEquals(ok({ USER_ID: "5001" }).config.userId, 5001);
    assertEquals(ok({ USER_ID: "1" }).config.userId, 1);
  });
  for (const input of ["abc", "0", "-1", "5001.0", "1e3", "05001", "me", "5 001"]) {
    await t.step(`refuses ${JSON.stringify(input)}`, () => {
      const problem = problemFor(bad({ USER_ID: input }).problems, "USER_ID");
      assertStringIncludes(problem.message, "numeric Backlog user id");
      assertStringIncludes(problem.message, describeValue(input));
      assertStringIncludes(problem.message, "leave it empty");
    });
  }
});

Deno.test({
  name: "parseConfig: USER_ID beyond the safe integer range is refused, not rounded",
  fn() {
    const result = parse({
      BACKLOG_API_KEY: KEY,
      BACKLOG_DOMAIN: "space.backlog.com",
      USER_ID: "9999999999999999",
    });
    if (result.ok) {
      assertEquals(String(result.config.userId), "9999999999999999");
    } else {
      problemFor(result.problems, "USER_ID");
    }
  },
});

Deno.test("parseConfig: BACKLOG_TIMEZONE must be an IANA name", async (t) => {
  await t.step("valid names", () => {
    for (const zone of ["Asia/Tokyo", "Europe/Berlin", "UTC", "America/Argentina/Buenos_Aires"]) {
      assertEquals(ok({ BACKLOG_TIMEZONE: zone }).config.timezone, zone);
    }
  });
  for (const zone of ["Mars/Base", "+09:00", "JST+9 ", "Asia/Tokyo;rm", "GMT 9"]) {
    await t.step(`refuses ${JSON.stringify(zone)}`, () => {
      const problem = problemFor(bad({ BACKLOG_TIMEZONE: zone }).problems, "BACKLOG_TIMEZONE");
      assertStringIncludes(problem.message, "is not an IANA timezone name");
      assertStringIncludes(problem.message, "Asia/Tokyo");
    });
  }
});

Deno.test("parseConfig: BACKLOG_API_KEY_TRANSPORT", () => {
  assertEquals(ok().config.apiKeyTransport, "auto");
  assertEquals(ok({ BACKLOG_API_KEY_TRANSPORT: "header" }).config.apiKeyTransport, "header");
  assertEquals(ok({ BACKLOG_API_KEY_TRANSPORT: "Query" }).config.apiKeyTransport, "query");
  assertEquals(ok({ BACKLOG_API_KEY_TRANSPORT: " AUTO " }).config.apiKeyTransport, "auto");
  const problem = problemFor(
    bad({ BACKLOG_API_KEY_TRANSPORT: "cookie" }).problems,
    "BACKLOG_API_KEY_TRANSPORT",
  );
  assertStringIncludes(problem.message, "must be auto, header or query");
  assertStringIncludes(problem.message, describeValue("cookie"));
});

Deno.test("parseConfig: BACKLOG_TIMEOUT_MS bounds", async (t) => {
  await t.step("in range", () => {
    assertEquals(ok({ BACKLOG_TIMEOUT_MS: "1000" }).config.requestTimeoutMs, 1000);
    assertEquals(ok({ BACKLOG_TIMEOUT_MS: "300000" }).config.requestTimeoutMs, 300_000);
    assertEquals(ok({ BACKLOG_TIMEOUT_MS: "20000" }).config.requestTimeoutMs, 20_000);
  });
  for (const input of ["999", "300001", "0", "-5", "1e4", "15s", "15000.5", "Infinity"]) {
    await t.step(`refuses ${JSON.stringify(input)}`, () => {
      const problem = problemFor(bad({ BACKLOG_TIMEOUT_MS: input }).problems, "BACKLOG_TIMEOUT_MS");
      assertStringIncludes(problem.message, "whole number from 1000 to 300000");
      assertStringIncludes(problem.message, describeValue(input));
    });
  }
});

Deno.test("parseConfig: BACKLOG_FILE_MAX_BYTES bounds", async (t) => {
  await t.step("in range", () => {
    assertEquals(ok({ BACKLOG_FILE_MAX_BYTES: "1024" }).config.attachmentMaxBytes, 1024);
    assertEquals(ok({ BACKLOG_FILE_MAX_BYTES: "104857600" }).config.attachmentMaxBytes, 104857600);
  });
  for (const input of ["1023", "104857601", "5MB", "-5"]) {
    await t.step(`refuses ${JSON.stringify(input)}`, () => {
      const problem = problemFor(
        bad({ BACKLOG_FILE_MAX_BYTES: input }).problems,
        "BACKLOG_FILE_MAX_BYTES",
      );
      assertStringIncludes(problem.message, "whole number from 1024 to 104857600");
    });
  }
});

Deno.test("parseConfig: BACKLOG_CACHE_TTL_SECONDS bounds and conversion to ms", async (t) => {
  await t.step("in range", () => {
    assertEquals(ok({ BACKLOG_CACHE_TTL_SECONDS: "0" }).config.cacheTtlMs, 0);
    assertEquals(ok({ BACKLOG_CACHE_TTL_SECONDS: "60" }).config.cacheTtlMs, 60_000);
    assertEquals(ok({ BACKLOG_CACHE_TTL_SECONDS: "86400" }).config.cacheTtlMs, 86_400_000);
  });
  for (const input of ["86401", "-1", "1.5", "five"]) {
    await t.step(`refuses ${JSON.stringify(input)}`, () => {
      const problem = problemFor(
        bad({ BACKLOG_CACHE_TTL_SECONDS: input }).problems,
        "BACKLOG_CACHE_TTL_SECONDS",
      );
      assertStringIncludes(problem.message, "whole number from 0 to 86400");
    });
  }
});

Deno.test("parseConfig: BACKLOG_LOG_LEVEL", () => {
  assertEquals(ok().config.logLevel, "info");
  for (const level of ["debug", "info", "warn", "error"] as const) {
    assertEquals(ok({ BACKLOG_LOG_LEVEL: level.toUpperCase() }).config.logLevel, level);
  }
  const problem = problemFor(bad({ BACKLOG_LOG_LEVEL: "verbose" }).problems, "BACKLOG_LOG_LEVEL");
  assertStringIncludes(problem.message, "must be debug, info, warn or error");
  assertStringIncludes(problem.message, describeValue("verbose"));
});

Deno.test("parseConfig: every invalid variable is reported at once", () => {
  const result = parse({
    BACKLOG_API_KEY: KEY,
    BACKLOG_DOMAIN: "example.com",
    USER_ID: "me",
    BACKLOG_TIMEZONE: "Mars/Base",
    BACKLOG_API_KEY_TRANSPORT: "cookie",
    BACKLOG_TIMEOUT_MS: "5",
    BACKLOG_CACHE_TTL_SECONDS: "-1",
    BACKLOG_LOG_LEVEL: "loud",
  });
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
    const result = parse({
      BACKLOG_API_KEY: KEY,
      BACKLOG_DOMAIN: "example.com",
      USER_ID: "me",
      BACKLOG_TIMEZONE: "Mars/Base",
      BACKLOG_API_KEY_TRANSPORT: "cookie",
      BACKLOG_TIMEOUT_MS: "5",
      BACKLOG_CACHE_TTL_SECONDS: "-1",
      BACKLOG_LOG_LEVEL: "loud",
    });
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

Deno.test("describeProblems joins messages in order", () => {
  const text = describeProblems([
    { variable: "USER_ID", message: "First." },
    { variable: "BACKLOG_DOMAIN", message: "Second." },
  ]);
  assertEquals(text, "The server is not configured: First. Second.");
  assertMatch(text, /First\. Second\.$/);
});

Deno.test("parseConfig: BACKLOG_READ_ONLY accepts true/false words, defaults to false", async (t) => {
  await t.step("unset or blank is false", () => {
    assertEquals(ok().config.readOnly, false);
    assertEquals(ok({ BACKLOG_READ_ONLY: "  " }).config.readOnly, false);
  });
  for (const word of ["true", "TRUE", "1", "yes", "Yes", "on", " true "]) {
    await t.step(`${JSON.stringify(word)} is true`, () => {
      assertEquals(ok({ BACKLOG_READ_ONLY: word }).config.readOnly, true);
    });
  }
  for (const word of ["false", "0", "no", "OFF"]) {
    await t.step(`${JSON.stringify(word)} is false`, () => {
      assertEquals(ok({ BACKLOG_READ_ONLY: word }).config.readOnly, false);
    });
  }
  for (const word of ["maybe", "2", "ture", "enabled"]) {
    await t.step(`refuses ${JSON.stringify(word)} and fails closed`, () => {
      const result = bad({ BACKLOG_READ_ONLY: word });
      const problem = problemFor(result.problems, "BACKLOG_READ_ONLY");
      assertStringIncludes(problem.message, "must be true or false");
      assertStringIncludes(problem.message, describeValue(word));
      const failed = parse({
        BACKLOG_API_KEY: KEY,
        BACKLOG_DOMAIN: "x.backlog.com",
        BACKLOG_READ_ONLY: word,
      });
      assert(!failed.ok && failed.readOnly, "an unreadable value counts as read-only");
    });
  }
});

Deno.test("parseConfig: a failed configuration still reports the read-only choice", () => {
  const on = parse({ BACKLOG_READ_ONLY: "yes" });
  assert(!on.ok);
  assertEquals(on.readOnly, true);
  const off = parse({});
  assert(!off.ok);
  assertEquals(off.readOnly, false);
});

Deno.test("parseConfig: BACKLOG_PROJECTS is an upper-cased, deduplicated key list", async (t) => {
  await t.step("unset means no allowlist", () => {
    assertEquals(ok().config.projectAllowlist, undefined);
    assertEquals(ok({ BACKLOG_PROJECTS: " " }).config.projectAllowlist, undefined);
  });
  await t.step("separators, case and duplicates", () => {
    assertEquals(ok({ BACKLOG_PROJECTS: "PROJ,DEMO" }).config.projectAllowlist, ["PROJ", "DEMO"]);
    assertEquals(
      ok({ BACKLOG_PROJECTS: " proj , Demo,,PROJ  MY_APP2 " }).config.projectAllowlist,
      ["PROJ", "DEMO", "MY_APP2"],
    );
  });
  for (const input of ["PROJ,2FA", "PROJ;DEMO", "PRO-J", "_X", "日本", ",,,"]) {
    await t.step(`refuses ${JSON.stringify(input)}`, () => {
      const problem = problemFor(bad({ BACKLOG_PROJECTS: input }).problems, "BACKLOG_PROJECTS");
      assertStringIncludes(problem.message, "project keys such as PROJ,DEMO");
      assertStringIncludes(problem.message, "Leave it empty");
    });
  }
  await t.step("the offending key is named", () => {
    const problem = problemFor(bad({ BACKLOG_PROJECTS: "PROJ,2fa" }).problems, "BACKLOG_PROJECTS");
    assertStringIncludes(problem.message, describeValue("2FA"));
    assertNotIncludes(problem.message, '"PROJ"');
  });
  await t.step("the API key pasted there is not echoed", () => {
    const result = bad({ BACKLOG_PROJECTS: KEY });
    assertNoKey({
      ...result,
      ok: false,
      readOnly: false,
      structuredOutput: false,
      switches: { readOnly: "", projects: "" },
      maxMessageBytes: 1,
    });
  });
});

Deno.test("parseConfig: BACKLOG_STRUCTURED_OUTPUT is off unless asked for, also when unconfigured", () => {
  assertEquals(ok().config.structuredOutput, false);
  assertEquals(ok({ BACKLOG_STRUCTURED_OUTPUT: "true" }).config.structuredOutput, true);
  assertEquals(ok({ BACKLOG_STRUCTURED_OUTPUT: "off" }).config.structuredOutput, false);
  const problem = problemFor(
    bad({ BACKLOG_STRUCTURED_OUTPUT: "json" }).problems,
    "BACKLOG_STRUCTURED_OUTPUT",
  );
  assertStringIncludes(problem.message, "must be true or false");
  const unconfigured = parse({ BACKLOG_STRUCTURED_OUTPUT: "yes" });
  assert(!unconfigured.ok && unconfigured.structuredOutput, "tools/list follows it regardless");
});

Deno.test("parseConfig: BACKLOG_MAX_RESULT_CHARS defaults to 25000, within 5000–1000000", () => {
  assertEquals(ok().config.maxResultChars, 25_000);
  assertEquals(ok({ BACKLOG_MAX_RESULT_CHARS: "8000" }).config.maxResultChars, 8_000);
  for (const value of ["4999", "1000001", "25k", "-1"]) {
    const problem = problemFor(
      bad({ BACKLOG_MAX_RESULT_CHARS: value }).problems,
      "BACKLOG_MAX_RESULT_CHARS",
    );
    assertStringIncludes(problem.message, "from 5000 to 1000000");
  }
});
