/**
 * The names of every environment variable the server reads. Config parses
 * them, the doctor checks them, and `bin/mcp` grants exactly these to Deno's
 * `--allow-env` (a test keeps the two lists equal).
 *
 * @module
 */

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
  "BACKLOG_MAX_RESPONSE_BYTES",
  "BACKLOG_MAX_CONCURRENT_REQUESTS",
  "BACKLOG_BULK_SPACING_MS",
  "BACKLOG_READ_ONLY",
  "BACKLOG_PROJECTS",
  "BACKLOG_FILE_MAX_BYTES",
  "BACKLOG_MAX_MESSAGE_MB",
  "BACKLOG_STRUCTURED_OUTPUT",
  "BACKLOG_MAX_RESULT_CHARS",
] as const;

/** A variable name the server reads. */
export type ConfigVariable = typeof CONFIG_VARIABLES[number];

/** The safety switches: an empty value in the environment never weakens what `.env` sets. */
export const SAFETY_SWITCHES = ["BACKLOG_READ_ONLY", "BACKLOG_PROJECTS"] as const;

/** A safety switch's name. */
export type SafetySwitch = typeof SAFETY_SWITCHES[number];
