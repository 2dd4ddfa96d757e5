/**
 * What every doctor check takes and gives: the gathered {@linkcode DoctorInput}
 * and one {@linkcode CheckResult} per printed line.
 *
 * @module
 */

import type { DenoOnPath } from "./toolchain.ts";

/** Outcome of one check. `skip`: not run because an earlier check failed. */
export type CheckStatus = "pass" | "fail" | "skip";

/** One printed line. */
export interface CheckResult {
  /** Stable name for tests: `deno`, `dotenv`, `BACKLOG_API_KEY`, `reachable`, `project:DEMO` … */
  id: string;
  status: CheckStatus;
  /** What was found, as a sentence. */
  message: string;
  /** For a failure: what to do about it. */
  fix?: string;
}

/** Everything the checks read, gathered by `main.ts` (or a test). */
export interface DoctorInput {
  /** The process environment, `.env` already merged in by `--env-file` (the environment wins). */
  env: (name: string) => string | undefined;
  /** `Deno.version.deno` of the running Deno. */
  denoVersion: string;
  /** Contents of mise.toml; undefined when it could not be read. */
  miseToml: string | undefined;
  /** What `deno` on PATH is. */
  denoOnPath: DenoOnPath;
  /** Contents of `.env`; undefined when there is none. */
  dotenv: string | undefined;
  /** Where `.env` is (or would be), for messages. Default `.env`. */
  dotenvPath?: string;
  /** Injected for tests. */
  fetch?: typeof fetch;
  /** Upper bound on each request's timeout (default 10 s; BACKLOG_TIMEOUT_MS if lower). */
  timeoutMs?: number;
}
