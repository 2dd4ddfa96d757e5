/**
 * stderr logger. stdout belongs to JSON-RPC, so nothing here ever writes there.
 * Every line passes through the redactor so a secret registered at start-up
 * (the API key) cannot reach a log, whatever the caller formats into it.
 *
 * @module
 */

import { redactSecrets } from "./shared/redact.ts";

/** Log levels in increasing severity. */
export type LogLevel = "debug" | "info" | "warn" | "error";

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** A minimal structured logger. */
export interface Logger {
  /** Detail for debugging (BACKLOG_LOG_LEVEL=debug). */
  debug(message: string, fields?: Record<string, unknown>): void;
  /** What the server is doing. */
  info(message: string, fields?: Record<string, unknown>): void;
  /** Something went wrong and was handled. */
  warn(message: string, fields?: Record<string, unknown>): void;
  /** Something went wrong that should not have. */
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Options for {@linkcode createLogger}. */
export interface LoggerOptions {
  /** The lowest level written (default info). */
  level?: LogLevel;
  /** Values that must never be printed (the API key). */
  secrets?: readonly string[];
  /** Where lines go; defaults to stderr. Tests pass a collector. */
  write?: (line: string) => void;
}

const encoder = new TextEncoder();
const writeStderr = (line: string) => Deno.stderr.writeSync(encoder.encode(line + "\n"));

/** Creates a logger that writes redacted `level message {json}` lines to stderr. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const threshold = LEVELS[options.level ?? "info"];
  const secrets = options.secrets ?? [];
  const write = options.write ?? writeStderr;
  const log = (level: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (LEVELS[level] < threshold) return;
    const tail = fields && Object.keys(fields).length > 0 ? " " + safeJson(fields) : "";
    write(redactSecrets(`[backlog-mcp] ${level} ${message}${tail}`, secrets));
  };
  return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** A logger that drops everything (tests, library use). */
export const silentLogger: Logger = createLogger({ write: () => {} });
