/**
 * Configuration: read once from the environment at start-up, validated and
 * typed. `.env` in the project root is merged into the environment by Deno's
 * `--env-file` (the process environment wins), so this module only sees
 * variables.
 *
 * A bad configuration does not stop the server: {@linkcode parseConfig}
 * returns the problems, the server still answers `initialize`, and every tool
 * call explains what to fix.
 *
 * @module
 */

import { isValidTimeZone } from "../shared/dates.ts";
import {
  clipValue,
  FIX_HINT,
  parseBoolean,
  parseProjectKeys,
  positiveInt,
  resolveBaseUrl,
} from "./values.ts";

/** How the API key travels to Backlog. */
export type ApiKeyTransport = "auto" | "header" | "query";

/** The validated configuration the rest of the code receives. */
export interface Config {
  /** The Backlog API key. Never printed. */
  apiKey: string;
  /** `https://space.backlog.com` or a custom base, without trailing slash or `/api/v2`. */
  baseUrl: string;
  /** Numeric id of "me"; when absent it is looked up with `GET /users/myself`. */
  userId?: number;
  /**
   * `BACKLOG_TIMEZONE`: the IANA timezone for output and relative dates;
   * undefined when unset, and then the space's own timezone is used.
   */
  timezone?: string;
  /**
   * `header` sends `Backlog-API-Key`; `query` sends `?apiKey=`; `auto` (default)
   * uses the header and switches to the query form once if Backlog answers 401.
   */
  apiKeyTransport: ApiKeyTransport;
  /** Per-request timeout. */
  requestTimeoutMs: number;
  /** How long project/status metadata is cached. */
  cacheTtlMs: number;
  /** Logging threshold for stderr. */
  logLevel: "debug" | "info" | "warn" | "error";
  /** `BACKLOG_READ_ONLY`: when true, tools that change Backlog are not registered. */
  readOnly: boolean;
  /**
   * `BACKLOG_PROJECTS`: the only project keys any tool may touch (upper-case,
   * deduplicated, in the given order); undefined when every visible project is allowed.
   */
  projectAllowlist?: readonly string[];
  /**
   * `BACKLOG_FILE_MAX_BYTES`: the largest attachment or shared file
   * get_attachment downloads (images shown up to it; text is read up to it).
   */
  attachmentMaxBytes: number;
}

/** One problem with one variable, phrased for a person. */
export interface ConfigProblem {
  variable: string;
  message: string;
}

/**
 * The outcome of {@linkcode parseConfig}. A failed result still says whether
 * read-only mode was asked for (true also when its value is unreadable), so
 * that even an unconfigured server never offers write tools it was told not to.
 */
export type ConfigResult =
  | { ok: true; config: Config; notes: string[]; secrets: string[] }
  | { ok: false; problems: ConfigProblem[]; secrets: string[]; readOnly: boolean };

/** Every variable the server reads (also the `--allow-env` list). */
export const CONFIG_VARIABLES = [
  "BACKLOG_API_KEY",
  "BACKLOG_DOMAIN",
  "BACKLOG_BASE_URL",
  "USER_ID",
  "BACKLOG_TIMEZONE",
  "BACKLOG_API_KEY_TRANSPORT",
  "BACKLOG_TIMEOUT_MS",
  "BACKLOG_CACHE_TTL_SECONDS",
  "BACKLOG_LOG_LEVEL",
  "BACKLOG_READ_ONLY",
  "BACKLOG_PROJECTS",
  "BACKLOG_FILE_MAX_BYTES",
] as const;

/** A variable name the server reads. */
export type ConfigVariable = typeof CONFIG_VARIABLES[number];

/**
 * Parses and validates configuration from a variable lookup.
 * Pure: pass `Deno.env.get` in production, a record in tests.
 */
export function parseConfig(get: (name: ConfigVariable) => string | undefined): ConfigResult {
  const problems: ConfigProblem[] = [];
  const notes: string[] = [];
  const value = (name: ConfigVariable) => {
    const raw = get(name)?.trim();
    return raw ? raw : undefined;
  };

  const apiKey = value("BACKLOG_API_KEY");
  // Values are echoed in messages to help fixing them; a key pasted into the
  // wrong variable must not be echoed, not even a prefix of it.
  const clip = (text: string) => clipValue(text, apiKey);
  if (!apiKey) {
    problems.push({
      variable: "BACKLOG_API_KEY",
      message:
        `BACKLOG_API_KEY is not set: create a key in Backlog (Personal settings → API) and ${FIX_HINT}.`,
    });
  }

  const baseUrl = resolveBaseUrl(
    value("BACKLOG_BASE_URL"),
    value("BACKLOG_DOMAIN"),
    problems,
    notes,
    clip,
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
        message: `USER_ID must be your numeric Backlog user id (for example 5001), not "${
          clip(rawUserId)
        }"; leave it empty to look it up from the API key.`,
      });
    }
  }

  const timezone = value("BACKLOG_TIMEZONE");
  if (timezone !== undefined && !isValidTimeZone(timezone)) {
    problems.push({
      variable: "BACKLOG_TIMEZONE",
      message: `BACKLOG_TIMEZONE "${
        clip(timezone)
      }" is not an IANA timezone name; use one like Asia/Tokyo, Europe/Berlin or UTC.`,
    });
  }

  const rawTransport = value("BACKLOG_API_KEY_TRANSPORT") ?? "auto";
  const transport = rawTransport.toLowerCase();
  if (transport !== "auto" && transport !== "header" && transport !== "query") {
    problems.push({
      variable: "BACKLOG_API_KEY_TRANSPORT",
      message: `BACKLOG_API_KEY_TRANSPORT must be auto, header or query, not "${
        clip(rawTransport)
      }".`,
    });
  }

  const int = (name: ConfigVariable, fallback: number, min: number, max: number) =>
    positiveInt(name, value(name), fallback, min, max, problems, clip);
  const requestTimeoutMs = int("BACKLOG_TIMEOUT_MS", 15_000, 1_000, 300_000);
  const cacheTtlSeconds = int("BACKLOG_CACHE_TTL_SECONDS", 300, 0, 86_400);
  const attachmentMaxBytes = int(
    "BACKLOG_FILE_MAX_BYTES",
    5 * 1024 * 1024,
    1024,
    100 * 1024 * 1024,
  );

  const rawLogLevel = value("BACKLOG_LOG_LEVEL") ?? "info";
  const logLevel = rawLogLevel.toLowerCase();
  if (!["debug", "info", "warn", "error"].includes(logLevel)) {
    problems.push({
      variable: "BACKLOG_LOG_LEVEL",
      message: `BACKLOG_LOG_LEVEL must be debug, info, warn or error, not "${clip(rawLogLevel)}".`,
    });
  }

  const readOnly = parseBoolean("BACKLOG_READ_ONLY", value("BACKLOG_READ_ONLY"), problems, clip);
  const projectAllowlist = parseProjectKeys(value("BACKLOG_PROJECTS"), problems, clip);

  // Whatever else is wrong, a key that was given must still be redacted everywhere.
  const secrets = apiKey ? [apiKey] : [];
  if (problems.length > 0 || !apiKey || !baseUrl) {
    // Fail closed: an unreadable BACKLOG_READ_ONLY counts as read-only.
    return { ok: false, problems, secrets, readOnly: readOnly ?? true };
  }
  return {
    ok: true,
    notes,
    secrets,
    config: {
      apiKey,
      baseUrl,
      userId,
      timezone,
      apiKeyTransport: transport as ApiKeyTransport,
      requestTimeoutMs,
      cacheTtlMs: cacheTtlSeconds * 1000,
      logLevel: logLevel as Config["logLevel"],
      readOnly: readOnly ?? false,
      projectAllowlist,
      attachmentMaxBytes,
    },
  };
}

/** Reads the process environment (only the variables listed in {@linkcode CONFIG_VARIABLES}). */
export function loadConfig(): ConfigResult {
  return parseConfig((name) => {
    try {
      return Deno.env.get(name);
    } catch {
      return undefined; // env permission not granted for this name
    }
  });
}

/** Renders the problems as one sentence per variable, for tool errors and logs. */
export function describeProblems(problems: readonly ConfigProblem[]): string {
  return "The server is not configured: " + problems.map((p) => p.message).join(" ");
}

export { isLoopback, PROJECT_KEY } from "./values.ts";
