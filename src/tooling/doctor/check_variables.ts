/**
 * The variable checks: one line for each variable that matters most, one for
 * the rest, each problem found by the server's own {@linkcode parseConfig}, and
 * a fix that says where the bad value comes from (`.env` or the environment).
 *
 * @module
 */

import {
  CONFIG_VARIABLES,
  type ConfigProblem,
  type ConfigResult,
  parseConfig,
} from "../../config/config.ts";
import { dotenvValue } from "./check_dotenv.ts";
import type { CheckResult, DoctorInput } from "./types.ts";

/** The variables with a line of their own; the rest share one line. */
const OWN_LINE = [
  "BACKLOG_API_KEY",
  "BACKLOG_DOMAIN",
  "BACKLOG_BASE_URL",
  "USER_ID",
  "BACKLOG_TIMEZONE",
  "BACKLOG_READ_ONLY",
  "BACKLOG_PROJECTS",
];

/** One result per variable line, in a fixed order; `parsed` is the whole environment's reading. */
export function checkVariables(input: DoctorInput, parsed: ConfigResult): CheckResult[] {
  const results: CheckResult[] = [];
  const problems = parsed.ok ? [] : parsed.problems;
  // Where the value in effect comes from, so the fix says where to change it.
  const where = (problem: ConfigProblem) => {
    const variable = problem.variable;
    // The safety switches are read from .env too; their messages say when it is .env's value.
    if (problem.message.startsWith(`${variable} in .env`)) {
      return `edit ${variable} in ${input.dotenvPath ?? ".env"}`;
    }
    const actual = input.env(variable);
    if (actual === undefined) return `add ${variable}=… to .env`;
    const fromFile = input.dotenv === undefined ? undefined : dotenvValue(input.dotenv, variable);
    if (fromFile !== undefined && fromFile.trim() === actual.trim()) {
      return `edit ${variable} in ${input.dotenvPath ?? ".env"}`;
    }
    return `${variable} comes from the environment (which wins over .env): change or unset it where it is set`;
  };
  const reported = new Set<ConfigProblem>();
  const line = (id: string, variables: string[], ok: string): CheckResult => {
    const mine = problems.filter((p) => variables.includes(p.variable));
    mine.forEach((p) => reported.add(p));
    if (mine.length === 0) return { id, status: "pass", message: ok };
    return {
      id,
      status: "fail",
      message: mine.map((p) => p.message).join(" "),
      fix: where(mine[0]) + ".",
    };
  };
  const value = (name: string) => input.env(name)?.trim() || undefined;

  const key = value("BACKLOG_API_KEY");
  results.push(line(
    "BACKLOG_API_KEY",
    ["BACKLOG_API_KEY"],
    `BACKLOG_API_KEY is set (${key?.length ?? 0} characters, not shown).`,
  ));

  const base = value("BACKLOG_BASE_URL");
  // The resolved base URL even when another variable is wrong: parse just these two.
  const spaceOnly = parseConfig((name) =>
    name === "BACKLOG_API_KEY"
      ? "placeholder"
      : name === "BACKLOG_DOMAIN" || name === "BACKLOG_BASE_URL"
      ? input.env(name)
      : undefined
  );
  const baseUrl = spaceOnly.ok ? spaceOnly.config.baseUrl : undefined;
  results.push(line(
    "space",
    ["BACKLOG_DOMAIN", "BACKLOG_BASE_URL"],
    `Backlog space: ${baseUrl ?? "(set)"} (from ${base ? "BACKLOG_BASE_URL" : "BACKLOG_DOMAIN"}${
      base && value("BACKLOG_DOMAIN") ? "; BACKLOG_DOMAIN is ignored" : ""
    }).`,
  ));

  const userId = value("USER_ID");
  results.push(line(
    "USER_ID",
    ["USER_ID"],
    userId
      ? `USER_ID is ${userId}.`
      : "USER_ID is not set: the server asks Backlog whose key it is.",
  ));

  const timezone = value("BACKLOG_TIMEZONE");
  results.push(line(
    "BACKLOG_TIMEZONE",
    ["BACKLOG_TIMEZONE"],
    timezone
      ? `BACKLOG_TIMEZONE is ${timezone}.`
      : "BACKLOG_TIMEZONE is not set: the space's timezone is used.",
  ));

  // The safety switches, with where each value came from (environment, .env, or both).
  results.push(line(
    "BACKLOG_READ_ONLY",
    ["BACKLOG_READ_ONLY"],
    `Read-only mode: ${parsed.switches.readOnly}.`,
  ));
  results.push(line(
    "BACKLOG_PROJECTS",
    ["BACKLOG_PROJECTS"],
    `Projects allowed: ${parsed.switches.projects}.`,
  ));

  // Every other variable the server reads: one line per problem, one line for the rest.
  const others = CONFIG_VARIABLES.filter((v) => !OWN_LINE.includes(v));
  const fine: string[] = [];
  for (const variable of others) {
    const mine = problems.filter((p) => p.variable === variable);
    if (mine.length > 0) results.push(line(variable, [variable], ""));
    else if (value(variable) !== undefined) fine.push(`${variable}=${value(variable)}`);
  }
  if (fine.length > 0) {
    results.push({ id: "others", status: "pass", message: `Also set: ${fine.join(", ")}.` });
  }
  // Problems about variables this file does not know yet.
  for (const problem of problems.filter((p) => !reported.has(p))) {
    results.push(line(problem.variable, [problem.variable], ""));
  }
  return results;
}
