/**
 * Configuration: read once from the environment at start-up, validated and
 * typed. `.env` in the project root is merged into the environment by Deno's
 * `--env-file` (the process environment wins, even when empty), so this
 * module mostly sees variables; for the two safety switches it also reads
 * `.env` itself, when allowed to, so that an empty value in the environment
 * cannot weaken them (see `switches.ts`).
 *
 * A bad configuration does not stop the server: {@linkcode parseConfig}
 * returns the problems, the server still answers `initialize`, and every tool
 * call explains what to fix.
 *
 * @module
 */

import { DEFAULT_MAX_RESPONSE_BYTES } from "../backlog/body.ts";
import type { ApiKeyTransport } from "../backlog/request.ts";
import { isValidTimeZone } from "../shared/dates.ts";
import type { ConfigVariable } from "../shared/config_variables.ts";
import { parseDotenv } from "./dotenv.ts";
import { projectsSwitch, readOnlySwitch, switchSources } from "./switches.ts";
import type { Config, ConfigProblem, ConfigResult } from "./types.ts";
import {
  describeValue,
  FIX_HINT,
  type IntRule,
  parseBoolean,
  positiveInt,
  resolveBaseUrl,
} from "./parsers.ts";

export type { ApiKeyTransport } from "../backlog/request.ts";
export type { Config, ConfigProblem, ConfigResult, SwitchOrigins } from "./types.ts";
export { CONFIG_VARIABLES, type ConfigVariable } from "../shared/config_variables.ts";

/** Default of `BACKLOG_MAX_RESULT_CHARS` (Claude Code warns above ~10k tokens). */
export const DEFAULT_MAX_RESULT_CHARS = 25_000;

/** Bounds and defaults of the whole-number variables. */
/** `BACKLOG_MAX_MESSAGE_MB`: default and bounds, in MiB. */
export const MAX_MESSAGE_MB = { fallback: 4, min: 1, max: 256 } as const;

const INT_RULES = {
  BACKLOG_TIMEOUT_MS: { fallback: 15_000, min: 1_000, max: 300_000 },
  BACKLOG_CACHE_TTL_SECONDS: { fallback: 300, min: 0, max: 86_400 },
  // Up to 500 MB: a body must stay below V8's string limit (~536 million characters).
  BACKLOG_MAX_RESPONSE_BYTES: {
    fallback: DEFAULT_MAX_RESPONSE_BYTES,
    min: 100_000,
    max: 500_000_000,
  },
  BACKLOG_MAX_CONCURRENT_REQUESTS: { fallback: 1, min: 1, max: 10 },
  BACKLOG_BULK_SPACING_MS: { fallback: 1_000, min: 0, max: 60_000 },
  BACKLOG_FILE_MAX_BYTES: { fallback: 5 * 1024 * 1024, min: 1024, max: 100 * 1024 * 1024 },
  // MiB: the longest JSON-RPC line read from stdin.
  BACKLOG_MAX_MESSAGE_MB: MAX_MESSAGE_MB,
  BACKLOG_MAX_RESULT_CHARS: { fallback: DEFAULT_MAX_RESULT_CHARS, min: 5_000, max: 1_000_000 },
} satisfies Partial<Record<ConfigVariable, IntRule>>;

/**
 * Parses and validates configuration from a variable lookup. Pure: pass
 * `Deno.env.get` in production, a record in tests. `dotenv` looks up what
 * `.env` itself sets, for the safety switches (omit it when `.env` cannot be read).
 */
export function parseConfig(
  get: (name: ConfigVariable) => string | undefined,
  dotenv?: (name: string) => string | undefined,
): ConfigResult {
  const problems: ConfigProblem[] = [];
  const notes: string[] = [];
  const value = (name: ConfigVariable) => {
    const raw = get(name)?.trim();
    return raw ? raw : undefined;
  };

  const apiKey = value("BACKLOG_API_KEY");
  if (!apiKey) {
    problems.push({
      variable: "BACKLOG_API_KEY",
      message:
        `BACKLOG_API_KEY is not set: create a key in Backlog (Personal settings → API) and ${FIX_HINT}.`,
    });
  }

  const baseUrl = resolveBaseUrl(
    { base: value("BACKLOG_BASE_URL"), domain: value("BACKLOG_DOMAIN") },
    { problems, notes },
  );

  let userId: number | undefined;
  const rawUserId = value("USER_ID");
  if (rawUserId !== undefined) {
    if (/^[1-9][0-9]*$/.test(rawUserId) && Number.isSafeInteger(Number(rawUserId))) {
      userId = Number(rawUserId);
    }
    if (userId === undefined) {
      problems.push({
        variable: "USER_ID",
        message: `USER_ID must be your numeric Backlog user id (for example 5001), not ${
          describeValue(rawUserId)
        }; leave it empty to look it up from the API key.`,
      });
    }
  }

  const timezone = value("BACKLOG_TIMEZONE");
  if (timezone !== undefined && !isValidTimeZone(timezone)) {
    problems.push({
      variable: "BACKLOG_TIMEZONE",
      message: `BACKLOG_TIMEZONE ${
        describeValue(timezone)
      } is not an IANA timezone name; use one like Asia/Tokyo, Europe/Berlin or UTC.`,
    });
  }

  const rawTransport = value("BACKLOG_API_KEY_TRANSPORT") ?? "auto";
  const transport = rawTransport.toLowerCase();
  if (transport !== "auto" && transport !== "header" && transport !== "query") {
    problems.push({
      variable: "BACKLOG_API_KEY_TRANSPORT",
      message: `BACKLOG_API_KEY_TRANSPORT must be auto, header or query, not ${
        describeValue(rawTransport)
      }.`,
    });
  }

  const int = (name: keyof typeof INT_RULES) =>
    positiveInt({ name, raw: value(name) }, INT_RULES[name], problems);
  const requestTimeoutMs = int("BACKLOG_TIMEOUT_MS");
  const cacheTtlSeconds = int("BACKLOG_CACHE_TTL_SECONDS");
  const maxResponseBytes = int("BACKLOG_MAX_RESPONSE_BYTES");
  const maxConcurrentRequests = int("BACKLOG_MAX_CONCURRENT_REQUESTS");
  const bulkSpacingMs = int("BACKLOG_BULK_SPACING_MS");
  const attachmentMaxBytes = int("BACKLOG_FILE_MAX_BYTES");
  const maxMessageBytes = int("BACKLOG_MAX_MESSAGE_MB") * 1024 * 1024;
  const maxResultChars = int("BACKLOG_MAX_RESULT_CHARS");
  const structuredOutput = parseBoolean(
    { name: "BACKLOG_STRUCTURED_OUTPUT", raw: value("BACKLOG_STRUCTURED_OUTPUT") },
    problems,
  );

  const rawLogLevel = value("BACKLOG_LOG_LEVEL") ?? "info";
  const logLevel = rawLogLevel.toLowerCase();
  if (!["debug", "info", "warn", "error"].includes(logLevel)) {
    problems.push({
      variable: "BACKLOG_LOG_LEVEL",
      message: `BACKLOG_LOG_LEVEL must be debug, info, warn or error, not ${
        describeValue(rawLogLevel)
      }.`,
    });
  }

  const readOnly = readOnlySwitch(switchSources("BACKLOG_READ_ONLY", get, dotenv), problems);
  const projects = projectsSwitch(switchSources("BACKLOG_PROJECTS", get, dotenv), problems);
  const switches = { readOnly: readOnly.origin, projects: projects.origin };

  // Whatever else is wrong, a key that was given must still be redacted everywhere.
  const secrets = apiKey ? [apiKey] : [];
  if (problems.length > 0 || !apiKey || !baseUrl) {
    // Fail closed: an unreadable BACKLOG_READ_ONLY counts as read-only.
    return {
      ok: false,
      problems,
      secrets,
      readOnly: readOnly.value ?? true,
      structuredOutput: structuredOutput ?? false,
      switches,
      maxMessageBytes,
    };
  }
  const config: Config = {
    apiKey,
    baseUrl,
    userId,
    timezone,
    apiKeyTransport: transport as ApiKeyTransport,
    requestTimeoutMs,
    maxResponseBytes,
    maxConcurrentRequests,
    bulkSpacingMs,
    attachmentMaxBytes,
    cacheTtlMs: cacheTtlSeconds * 1000,
    logLevel: logLevel as Config["logLevel"],
    readOnly: readOnly.value ?? true,
    projectAllowlist: projects.value,
    structuredOutput: structuredOutput ?? false,
    maxResultChars,
  };
  return { ok: true, notes, secrets, switches, maxMessageBytes, config };
}

/**
 * Reads the process environment (only the variables listed in
 * {@linkcode CONFIG_VARIABLES}) and, when this process may read it, `.env` in
 * the working directory (`bin/mcp` allows exactly that file), for the safety
 * switches. Never prompts for a permission.
 */
export function loadConfig(dotenvPath = ".env"): ConfigResult {
  const get = (name: string) => {
    try {
      return Deno.env.get(name);
    } catch {
      return undefined; // env permission not granted for this name
    }
  };
  return parseConfig(get, readDotenv(dotenvPath));
}

/** A lookup of what `.env` sets, or undefined when it is absent or may not be read. */
function readDotenv(path: string): ((name: string) => string | undefined) | undefined {
  try {
    if (Deno.permissions.querySync({ name: "read", path }).state !== "granted") return undefined;
    const values = parseDotenv(Deno.readTextFileSync(path));
    return (name) => values.get(name);
  } catch {
    return undefined;
  }
}

/** Renders the problems as one sentence per variable, for tool errors and logs. */
export function describeProblems(problems: readonly ConfigProblem[]): string {
  return "The server is not configured: " + problems.map((p) => p.message).join(" ");
}

export { isLoopback, PROJECT_KEY } from "./parsers.ts";
