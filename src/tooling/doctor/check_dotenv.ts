/**
 * The `.env` check: there is one (or the key comes from the environment), Deno
 * reads every line of it, and nothing in it is a typo, a repeat, or overridden
 * by the environment.
 *
 * @module
 */

import { CONFIG_VARIABLES } from "../../config/config.ts";
import { SAFETY_SWITCHES } from "../../shared/config_variables.ts";
import { parseDotenv } from "../../config/dotenv.ts";
import { summarizeDotenv } from "./dotenv.ts";
import type { CheckResult, DoctorInput } from "./types.ts";

/** Fails only when `.env` is missing without the key in the environment, or has lines Deno skips. */
export function checkDotenv(input: DoctorInput): CheckResult {
  const path = input.dotenvPath ?? ".env";
  if (input.dotenv === undefined) {
    if (input.env("BACKLOG_API_KEY")?.trim()) {
      return {
        id: "dotenv",
        status: "pass",
        message: `No ${path}; the variables come from the environment.`,
      };
    }
    return {
      id: "dotenv",
      status: "fail",
      message: `No ${path}, and BACKLOG_API_KEY is not set in the environment.`,
      fix:
        "run `cp .env.example .env` in the repository and fill in BACKLOG_API_KEY and BACKLOG_DOMAIN (or set them in the environment).",
    };
  }
  const summary = summarizeDotenv(input.dotenv);
  if (summary.malformedLines.length > 0) {
    const lines = summary.malformedLines.join(", ");
    return {
      id: "dotenv",
      status: "fail",
      message: `${path}: line${
        summary.malformedLines.length > 1 ? "s" : ""
      } ${lines} not NAME=value, so Deno ignores ${
        summary.malformedLines.length > 1 ? "them" : "it"
      } without a word.`,
      fix: `write each setting as NAME=value (a # starts a comment), as in .env.example.`,
    };
  }
  const known = new Set<string>(CONFIG_VARIABLES);
  const unknown = summary.names.filter((n) => !known.has(n) && /^(?:BACKLOG_|USER_ID)/.test(n));
  // The environment wins over .env: say so when the two disagree.
  const overridden = summary.names.filter((name) => {
    const fromFile = dotenvValue(input.dotenv!, name);
    const actual = input.env(name);
    // An empty safety switch in the environment overrides nothing (their own lines say so).
    if ((SAFETY_SWITCHES as readonly string[]).includes(name) && !actual?.trim()) return false;
    return fromFile !== undefined && actual !== undefined && fromFile.trim() !== actual.trim();
  });
  const notes = [
    summary.duplicates.length > 0
      ? `${summary.duplicates.join(", ")} assigned more than once (the first one counts)`
      : "",
    unknown.length > 0 ? `not a variable of this server: ${unknown.join(", ")} (a typo?)` : "",
    overridden.length > 0
      ? `the environment overrides ${overridden.join(", ")} from .env (the environment wins)`
      : "",
  ].filter(Boolean);
  return {
    id: "dotenv",
    status: "pass",
    message: `${path} found (${summary.names.length} variable${
      summary.names.length === 1 ? "" : "s"
    })${notes.length > 0 ? "; " + notes.join("; ") : ""}.`,
  };
}

/** The value Deno's `--env-file` would set for `name` from .env text (the first assignment wins). */
export function dotenvValue(text: string, name: string): string | undefined {
  return parseDotenv(text).get(name);
}
