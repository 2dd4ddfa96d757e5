/**
 * parseConfig, one setting at a time: USER_ID, the timezone, the key transport,
 * bounds of the numeric settings, the log level, read-only mode, the project
 * allowlist, structured output and the result size.
 *
 * @module
 */

import {
  assert,
  assertEquals,
  assertNotIncludes,
  assertStringIncludes,
} from "../../tests/assert.ts";
import type { ConfigVariable } from "./config.ts";
import { assertNoKey, bad, describeValue, KEY, ok, parse, problemFor } from "./config_test_util.ts";

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

/** A whole-number setting: values accepted (and the config value they give) and refused. */
interface Bounded {
  variable: ConfigVariable;
  field: "requestTimeoutMs" | "attachmentMaxBytes" | "cacheTtlMs" | "maxResultChars";
  accepted: [string, number][];
  refused: string[];
  says: string;
}

const BOUNDED: Bounded[] = [
  {
    variable: "BACKLOG_TIMEOUT_MS",
    field: "requestTimeoutMs",
    accepted: [["1000", 1000], ["300000", 300_000], ["20000", 20_000]],
    refused: ["999", "300001", "0", "-5", "1e4", "15s", "15000.5", "Infinity"],
    says: "whole number from 1000 to 300000",
  },
  {
    variable: "BACKLOG_FILE_MAX_BYTES",
    field: "attachmentMaxBytes",
    accepted: [["1024", 1024], ["104857600", 104857600]],
    refused: ["1023", "104857601", "5MB", "-5"],
    says: "whole number from 1024 to 104857600",
  },
  {
    // Seconds in the variable, milliseconds in the configuration.
    variable: "BACKLOG_CACHE_TTL_SECONDS",
    field: "cacheTtlMs",
    accepted: [["0", 0], ["60", 60_000], ["86400", 86_400_000]],
    refused: ["86401", "-1", "1.5", "five"],
    says: "whole number from 0 to 86400",
  },
  {
    variable: "BACKLOG_MAX_RESULT_CHARS",
    field: "maxResultChars",
    accepted: [["8000", 8_000], ["5000", 5_000], ["1000000", 1_000_000]],
    refused: ["4999", "1000001", "25k", "-1"],
    says: "from 5000 to 1000000",
  },
];

Deno.test("parseConfig: whole-number settings take values within their bounds only", async (t) => {
  for (const { variable, field, accepted, refused, says } of BOUNDED) {
    for (const [input, expected] of accepted) {
      await t.step(`${variable}=${input}`, () => {
        assertEquals(ok({ [variable]: input }).config[field], expected);
      });
    }
    for (const input of refused) {
      await t.step(`${variable} refuses ${JSON.stringify(input)}`, () => {
        const problem = problemFor(bad({ [variable]: input }).problems, variable);
        assertStringIncludes(problem.message, says);
        assertStringIncludes(problem.message, describeValue(input));
      });
    }
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
