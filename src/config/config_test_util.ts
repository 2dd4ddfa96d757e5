/**
 * Test support for the configuration tests (`config*_test.ts`): parsing an
 * environment given as an object, expecting success or problems.
 *
 * @module
 */

import { assertEquals, assertNotIncludes } from "../../tests/assert.ts";
import {
  type Config,
  type ConfigProblem,
  type ConfigResult,
  type ConfigVariable,
  parseConfig,
} from "./config.ts";

export { describeValue } from "./parsers.ts";

/** A distinctive key: any message containing it is a leak. */
export const KEY = "KEY-d1st1nct1ve-0123456789";

/** Variables by name; a missing one is unset. */
export type Env = Partial<Record<ConfigVariable, string>>;

/** A valid key and domain, and every other variable set to something invalid (seven problems). */
export const ALL_INVALID: Env = {
  BACKLOG_API_KEY: KEY,
  BACKLOG_DOMAIN: "example.com",
  USER_ID: "me",
  BACKLOG_TIMEZONE: "Mars/Base",
  BACKLOG_API_KEY_TRANSPORT: "cookie",
  BACKLOG_TIMEOUT_MS: "5",
  BACKLOG_CACHE_TTL_SECONDS: "-1",
  BACKLOG_LOG_LEVEL: "loud",
};

export function parse(env: Env): ConfigResult {
  return parseConfig((name) => env[name]);
}

/** A valid environment plus `extra`; parses it and expects success. */
export function ok(extra: Env = {}): { config: Config; notes: string[]; secrets: string[] } {
  const result = parse({ BACKLOG_API_KEY: KEY, BACKLOG_DOMAIN: "space.backlog.com", ...extra });
  if (!result.ok) {
    throw new Error(`expected a valid configuration, got: ${JSON.stringify(result.problems)}`);
  }
  return result;
}

/** A valid environment plus `extra`; parses it and expects failure. */
export function bad(extra: Env): { problems: ConfigProblem[]; secrets: string[] } {
  const result = parse({ BACKLOG_API_KEY: KEY, BACKLOG_DOMAIN: "space.backlog.com", ...extra });
  if (result.ok) throw new Error(`expected problems, got: ${JSON.stringify(result.config)}`);
  return result;
}

/** The single problem reported for `variable`. */
export function problemFor(problems: ConfigProblem[], variable: ConfigVariable): ConfigProblem {
  const found = problems.filter((p) => p.variable === variable);
  assertEquals(
    found.length,
    1,
    `expected one problem for ${variable}: ${JSON.stringify(problems)}`,
  );
  return found[0];
}

/** Fails if the key shows, in any case, in a result's notes or problems. */
export function assertNoKey(result: ConfigResult, key = KEY): void {
  const texts = result.ok ? result.notes : result.problems.map((p) => p.message);
  for (const text of texts) {
    // Case-insensitively: some values are lower-cased before they are echoed.
    assertNotIncludes(text.toLowerCase(), key.toLowerCase(), "the API key leaked into a message");
  }
}
