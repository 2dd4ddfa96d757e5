/**
 * parseConfig: BACKLOG_BASE_URL (self-hosted or proxied spaces): what is
 * accepted and how it is normalised, what is refused and why, and how it
 * stands to BACKLOG_DOMAIN.
 *
 * @module
 */

import {
  assert,
  assertEquals,
  assertNotIncludes,
  assertStringIncludes,
} from "../../tests/assert.ts";
import { isLoopback } from "./config.ts";
import { bad, KEY, ok, parse, problemFor } from "./config_test_util.ts";

Deno.test("parseConfig: BACKLOG_BASE_URL is normalised: no trailing slash or /api/v2, host in lower case", async (t) => {
  const accepted: [string, string][] = [
    ["https://backlog.example.com/", "https://backlog.example.com"],
    ["https://b.example.com/api/v2", "https://b.example.com"],
    ["https://b.example.com/api/v2/", "https://b.example.com"],
    // A sub-path and port are kept.
    ["https://b.example.com:8443/backlog/api/v2/", "https://b.example.com:8443/backlog"],
    ["https://Backlog.Example.COM", "https://backlog.example.com"],
    // http only for loopback hosts.
    ["http://127.0.0.1:8080", "http://127.0.0.1:8080"],
    ["http://127.1.2.3/", "http://127.1.2.3"],
    ["http://localhost:3000/api/v2", "http://localhost:3000"],
    ["http://LOCALHOST", "http://localhost"],
    ["http://[::1]:8080/", "http://[::1]:8080"],
  ];
  for (const [input, expected] of accepted) {
    await t.step(input, () => {
      assertEquals(ok({ BACKLOG_BASE_URL: input }).config.baseUrl, expected);
    });
  }
});

Deno.test("parseConfig: BACKLOG_BASE_URL refusals say why", async (t) => {
  const inClear = ["https://", "in clear"];
  const parts = ["without credentials, query or fragment"];
  const refused: { input: string; says: string[] }[] = [
    // http for other hosts: the key would travel in clear.
    { input: "http://backlog.example.com", says: inClear },
    { input: "http://127.evil.example", says: inClear },
    { input: "http://localhost.attacker.net", says: inClear },
    { input: "http://10.0.0.1", says: inClear },
    { input: "http://[::2]", says: inClear },
    { input: "ftp://backlog.example.com", says: ["must start with https://", "ftp:"] },
    { input: "https://user:pass@backlog.example.com", says: parts },
    { input: "https://user@backlog.example.com", says: parts },
    { input: "https://backlog.example.com/?x=1", says: parts },
    { input: "https://backlog.example.com/#top", says: parts },
    { input: "backlog.example.com", says: ["is not a URL", "https://"] },
  ];
  for (const { input, says } of refused) {
    await t.step(input, () => {
      const problem = problemFor(bad({ BACKLOG_BASE_URL: input }).problems, "BACKLOG_BASE_URL");
      for (const phrase of says) assertStringIncludes(problem.message, phrase);
      assertNotIncludes(problem.message, "pass", "credentials are not echoed");
    });
  }
});

Deno.test("parseConfig: BACKLOG_BASE_URL and BACKLOG_DOMAIN", async (t) => {
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
