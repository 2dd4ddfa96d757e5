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

import { BacklogApi } from "../../backlog/api.ts";
import { BacklogClient } from "../../backlog/client.ts";
import { redactSecrets } from "../../shared/redact.ts";
import { parseConfig } from "../../config/config.ts";
import { createLogger } from "../../log.ts";
import { checkReachableAndKey, checkUserId, describeUserId } from "./check_backlog.ts";
import { checkDeno } from "./check_deno.ts";
import { checkDotenv } from "./check_dotenv.ts";
import { checkProjects, projectEntries } from "./check_projects.ts";
import { checkTimezone } from "./check_timezone.ts";
import { checkVariables } from "./check_variables.ts";
import { summarizeDotenv } from "./dotenv.ts";
import type { CheckResult, DoctorInput } from "./types.ts";

export type { CheckResult, CheckStatus, DoctorInput } from "./types.ts";
export { projectEntries } from "./check_projects.ts";

/** Runs every check in order and returns one result per line. Never throws. */
export async function runDoctor(input: DoctorInput): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const parsed = parseConfig((name) => input.env(name));
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
  const client = new BacklogClient({
    baseUrl: config.baseUrl,
    apiKey: config.apiKey,
    transport: config.apiKeyTransport,
    timeoutMs: Math.min(config.requestTimeoutMs, input.timeoutMs ?? 10_000),
    retry: { maxAttempts: 1 },
    fetch: input.fetch,
    logger: createLogger({ level: "warn", secrets, write: (line) => logs.push(line) }),
  });
  const api = new BacklogApi(client);

  const { me, results: network } = await checkReachableAndKey(api, config.baseUrl, logs);
  network.forEach(add);
  if (!me) {
    add({
      id: "user_id",
      status: "skip",
      message: "USER_ID and the allowlisted projects not checked: the key's user is unknown.",
    });
    return results;
  }

  const userIdInDotenv = input.dotenv !== undefined &&
    summarizeDotenv(input.dotenv).names.includes("USER_ID");
  add(checkUserId(await describeUserId(client, config.userId, me), me, userIdInDotenv));
  add(await checkTimezone(api, config.timezone));
  // The server's own reading of BACKLOG_PROJECTS when it has one, else the raw list.
  const allowlist = (config as { projectAllowlist?: readonly string[] }).projectAllowlist ??
    projectEntries(input.env("BACKLOG_PROJECTS"));
  for (const result of await checkProjects(api, allowlist, me)) add(result);
  return results;
}

/** 0 when every check passed, 1 otherwise. */
export function exitCode(results: readonly CheckResult[]): number {
  return results.every((r) => r.status === "pass") ? 0 : 1;
}
