/**
 * `mise run doctor`: checks the set-up in order and says how to fix what is
 * wrong. Deno and its pin; `.env`; each variable (validated by the server's own
 * {@linkcode parseConfig}); Backlog reachable; the key accepted and whose it
 * is; USER_ID against it; the timezone in use and its source; each allowlisted
 * project.
 *
 * {@linkcode runDoctor} does the work and returns one result per line, so
 * tests run it in-process against the stand-in; `main.ts` prints them. No
 * result ever contains the API key: every message passes the redactor. The
 * checks themselves live in the `check_*.ts` modules, one per group.
 *
 * @module
 */

import { connectBacklog } from "../../backlog/connect.ts";
import { redactSecrets } from "../../shared/redact.ts";
import { parseConfig } from "../../config/config.ts";
import { parseDotenv } from "../../config/dotenv.ts";
import { createLogger } from "../../log.ts";
import { checkReachableAndKey, checkUserId, describeUserId } from "./check_backlog.ts";
import { checkDeno } from "./check_deno.ts";
import { checkDotenv } from "./check_dotenv.ts";
import { checkProjects } from "./check_projects.ts";
import { checkTimezone } from "./check_timezone.ts";
import { checkVariables } from "./check_variables.ts";
import { summarizeDotenv } from "./dotenv.ts";
import type { CheckResult, DoctorInput } from "./types.ts";
import type { BacklogApi } from "../../backlog/api.ts";
import type { Config } from "../../config/config.ts";

export type { CheckResult, CheckStatus, DoctorInput } from "./types.ts";

/** Runs every check in order and returns one result per line. Never throws. */
export async function runDoctor(input: DoctorInput): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  // Read as the server reads it: the environment, and .env itself for the safety switches.
  const dotenv = input.dotenv === undefined ? undefined : parseDotenv(input.dotenv, input.env);
  const parsed = parseConfig((name) => input.env(name), dotenv && ((name) => dotenv.get(name)));
  const secrets = parsed.secrets;
  const add = (result: CheckResult) => {
    results.push({
      ...result,
      message: redactSecrets(result.message, secrets),
      fix: result.fix === undefined ? undefined : redactSecrets(result.fix, secrets),
    });
  };

  add(checkDeno(input));
  add(checkDotenv(input));
  checkVariables(input, parsed).forEach(add);

  if (!parsed.ok) {
    add({
      id: "reachable",
      status: "skip",
      message: "Backlog not contacted: fix the variables above first.",
    });
    return results;
  }
  const config = parsed.config;
  const logs: string[] = [];
  const { client, api } = connectBacklog(config, {
    timeoutMs: input.timeoutMs ?? 10_000,
    retry: { maxAttempts: 1 },
    fetch: input.fetch,
    logger: createLogger({ level: "warn", secrets, write: (line) => logs.push(line) }),
  });
  try {
    await checkBacklog({ api, config, input, logs }, add);
  } finally {
    client.close();
  }
  return results;
}

/** What the Backlog checks work with; `logs` collects the client's log lines. */
interface BacklogChecks {
  api: BacklogApi;
  config: Config;
  input: DoctorInput;
  logs: string[];
}

/** The checks that ask Backlog: reachable, the key, USER_ID, the allowlisted projects. */
async function checkBacklog(
  { api, config, input, logs }: BacklogChecks,
  add: (result: CheckResult) => void,
): Promise<void> {
  const { me, results: network } = await checkReachableAndKey(api, config.baseUrl, logs);
  network.forEach(add);
  if (!me) {
    add({
      id: "user_id",
      status: "skip",
      message: "USER_ID and the allowlisted projects not checked: the key's user is unknown.",
    });
    return;
  }

  const userIdInDotenv = input.dotenv !== undefined &&
    summarizeDotenv(input.dotenv).names.includes("USER_ID");
  add(checkUserId(await describeUserId(api, config.userId, me), me, userIdInDotenv));
  add(await checkTimezone(api, config.timezone));
  // The server's own reading of BACKLOG_PROJECTS (from the environment or .env).
  for (const result of await checkProjects(api, config.projectAllowlist ?? [], me)) add(result);
}

/** 0 when every check passed, 1 otherwise. */
export function exitCode(results: readonly CheckResult[]): number {
  return results.every((r) => r.status === "pass") ? 0 : 1;
}
