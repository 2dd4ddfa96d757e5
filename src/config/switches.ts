/**
 * The safety switches, BACKLOG_READ_ONLY and BACKLOG_PROJECTS, fail closed.
 * Deno's `--env-file` lets the process environment win over `.env`, even
 * with an empty value, so an MCP client's `"BACKLOG_READ_ONLY": ""` would
 * silently undo `.env`'s `true`. These two are therefore read from both
 * sources:
 *
 * - read-only is on when either source turns it on (an unreadable value, in
 *   either, counts as on);
 * - an allowlist in the environment wins, but an empty one never drops the
 *   list `.env` sets.
 *
 * Each reading also says where its value came from, for the doctor and the log.
 *
 * @module
 */

import type { SafetySwitch } from "../shared/config_variables.ts";
import type { ConfigProblem } from "./types.ts";
import { parseBoolean, parseProjectKeys } from "./parsers.ts";

/** Raw values of one switch: the environment's (`.env` merged in by Deno) and the file's. */
export interface SwitchSources {
  /** As the process sees it; `""` when set empty. */
  env: string | undefined;
  /** As `.env` sets it (first assignment); undefined when `.env` was not read or lacks it. */
  dotenv: string | undefined;
}

/** The raw values of a switch, from the two lookups. */
export function switchSources(
  name: SafetySwitch,
  env: (name: SafetySwitch) => string | undefined,
  dotenv: ((name: string) => string | undefined) | undefined,
): SwitchSources {
  return { env: env(name), dotenv: dotenv?.(name) };
}

/** A switch's value and a sentence saying where it came from. */
export interface SwitchReading<T> {
  /** undefined when a value was unreadable (a problem is reported). */
  value: T | undefined;
  origin: string;
}

const trimmed = (raw: string | undefined) => raw?.trim() || undefined;

/**
 * Where a non-empty value stands: `.env` when the file sets it so (Deno
 * copied it into the environment), else the environment.
 */
function place(value: string, sources: SwitchSources): string {
  return trimmed(sources.dotenv) === value ? ".env" : "the environment";
}

/** BACKLOG_READ_ONLY from both sources: on if either turns it on. */
export function readOnlySwitch(
  sources: SwitchSources,
  problems: ConfigProblem[],
): SwitchReading<boolean> {
  const env = trimmed(sources.env);
  const file = trimmed(sources.dotenv);
  const fromEnv = parseBoolean({ name: "BACKLOG_READ_ONLY", raw: env }, problems);
  // A file value Deno copied into the environment is the same reading: do not report it twice.
  const fromFile = file === env
    ? fromEnv
    : parseBoolean({ name: "BACKLOG_READ_ONLY", raw: file }, problems, " in .env");
  if (fromEnv === undefined || fromFile === undefined) {
    return { value: undefined, origin: "on (a BACKLOG_READ_ONLY value is unreadable)" };
  }
  if (!fromEnv && !fromFile) {
    const set = env ?? file;
    return {
      value: false,
      origin: set === undefined
        ? "off (BACKLOG_READ_ONLY is not set)"
        : `off (BACKLOG_READ_ONLY=${set} in ${place(set, sources)})`,
    };
  }
  if (fromEnv && env !== undefined && (file === undefined || fromFile)) {
    return { value: true, origin: `on (BACKLOG_READ_ONLY=${env} in ${place(env, sources)})` };
  }
  if (fromEnv) {
    return {
      value: true,
      origin:
        `on (BACKLOG_READ_ONLY=${env} in the environment; .env's ${file} cannot turn it off: either one turns it on)`,
    };
  }
  const envSays = sources.env === undefined
    ? ""
    : env === undefined
    ? "; the environment sets it empty, which cannot turn it off"
    : `; the environment's ${env} cannot turn it off: either one turns it on`;
  return { value: true, origin: `on (BACKLOG_READ_ONLY=${file} in .env${envSays})` };
}

/** BACKLOG_PROJECTS from both sources: the environment's list wins, an empty one drops nothing. */
export function projectsSwitch(
  sources: SwitchSources,
  problems: ConfigProblem[],
): SwitchReading<readonly string[] | undefined> {
  const env = trimmed(sources.env);
  const file = trimmed(sources.dotenv);
  if (env !== undefined) {
    const keys = parseProjectKeys(env, problems);
    const overrides = file !== undefined && file !== env ? "; it wins over .env's list" : "";
    return {
      value: keys,
      origin: keys
        ? `${keys.join(", ")} (BACKLOG_PROJECTS in ${place(env, sources)}${overrides})`
        : "none (BACKLOG_PROJECTS is unreadable)",
    };
  }
  if (file !== undefined) {
    const keys = parseProjectKeys(file, problems, " in .env");
    const envSays = sources.env === undefined
      ? ""
      : "; the environment sets it empty, which does not drop it";
    return {
      value: keys,
      origin: keys
        ? `${keys.join(", ")} (BACKLOG_PROJECTS in .env${envSays})`
        : "none (BACKLOG_PROJECTS in .env is unreadable)",
    };
  }
  return { value: undefined, origin: "every project (BACKLOG_PROJECTS is not set)" };
}
