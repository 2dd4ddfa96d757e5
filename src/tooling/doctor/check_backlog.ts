/**
 * The Backlog checks: the space answers, the API key is accepted and whose it
 * is, and USER_ID names that same user. One request for the first two
 * (`/users/myself`), one more only when USER_ID names someone else.
 *
 * @module
 */

import type { BacklogApi } from "../../backlog/api.ts";
import { BacklogError } from "../../backlog/errors.ts";
import type { User } from "../../backlog/types.ts";
import type { CheckResult } from "./types.ts";

/**
 * Asks Backlog whose key it is: the `reachable` and `key` results, and the key's
 * user when Backlog said. `logs` collects what the client logs meanwhile.
 */
export async function checkReachableAndKey(
  api: BacklogApi,
  baseUrl: string,
  logs: string[],
): Promise<{ me: User | undefined; results: CheckResult[] }> {
  const started = performance.now();
  let me: User | undefined;
  let failure: unknown;
  try {
    me = await api.getMyself();
  } catch (error) {
    failure = error;
  }
  const ms = Math.round(performance.now() - started);
  return { me, results: networkResults(baseUrl, { me, failure, ms, logs }) };
}

/** What asking `/users/myself` gave: the user or the failure, how long it took, the client's logs. */
interface MyselfAnswer {
  me: User | undefined;
  failure: unknown;
  ms: number;
  logs: string[];
}

/** The `reachable` and `key` results from what `/users/myself` gave. */
function networkResults(baseUrl: string, answer: MyselfAnswer): CheckResult[] {
  const { me, failure, ms, logs } = answer;
  if (me) {
    const login = me.userId ? `login ${me.userId}, ` : "";
    const queryOnly = logs.some((l) => l.includes("apiKey query parameter"))
      ? " Backlog refused the key in the Backlog-API-Key header and took it as ?apiKey=; BACKLOG_API_KEY_TRANSPORT=query saves the first attempt."
      : "";
    return [
      { id: "reachable", status: "pass", message: `Backlog answers at ${baseUrl} (${ms} ms).` },
      {
        id: "key",
        status: "pass",
        message:
          `The API key is accepted: it belongs to ${me.name} (${login}id ${me.id}).${queryOnly}`,
      },
    ];
  }
  const error = failure instanceof BacklogError ? failure : undefined;
  // The client's messages end with its own advice ("Check …", "Retry …"); the fix says it here.
  const detail = (error?.message ?? String(failure)).split(/ (?=Check |Retry |This is usually)/)[0];
  const skipKey: CheckResult = {
    id: "key",
    status: "skip",
    message: "API key not checked: Backlog did not answer.",
  };
  // Refusals Backlog explains by its error code (IP restriction, 2-step verification, licence):
  // the key is fine, and the client's message says what to do.
  if (error && [2, 3, 4, 12].includes(error.code ?? -1)) {
    return [
      { id: "reachable", status: "pass", message: `Backlog answers at ${baseUrl}.` },
      {
        id: "key",
        status: "fail",
        message: error.message.replace(/; ([^;]*)\.$/, "."),
        fix: /; ([^;]*)\.$/.exec(error.message)?.[1] ?? "ask your space administrator.",
      },
    ];
  }
  switch (error?.kind) {
    case "redirect":
      return [{
        id: "reachable",
        status: "fail",
        message: detail,
        fix:
          "set BACKLOG_DOMAIN / BACKLOG_BASE_URL to your space's own address (the doctor, like the server, never follows a redirect, so the key goes nowhere else).",
      }, skipKey];
    case "auth":
      return [
        {
          id: "reachable",
          status: "pass",
          message: `Backlog answers at ${baseUrl} (${ms} ms).`,
        },
        {
          id: "key",
          status: "fail",
          message: `Backlog rejected the API key (HTTP 401${
            error.backlogMessage ? `: ${error.backlogMessage.replace(/\.$/, "")}` : ""
          }).`,
          fix:
            `create a key in Backlog (Personal settings → API, ${baseUrl}/EditApiSettings.action) and set BACKLOG_API_KEY to it; a key works only in the space it was made in.`,
        },
      ];
    case "rate_limited":
      return [
        { id: "reachable", status: "pass", message: `Backlog answers at ${baseUrl}.` },
        {
          id: "key",
          status: "skip",
          message: `Not checked: ${detail}`,
        },
      ];
    case "forbidden":
      return [
        { id: "reachable", status: "pass", message: `Backlog answers at ${baseUrl}.` },
        {
          id: "key",
          status: "fail",
          message: detail,
          fix:
            "check with your space administrator that API access is allowed for your account (and from this IP address).",
        },
      ];
    case "timeout":
    case "network":
      return [{
        id: "reachable",
        status: "fail",
        message: detail,
        fix:
          "check the host in BACKLOG_DOMAIN / BACKLOG_BASE_URL, and that this machine reaches it (VPN, proxy: HTTPS_PROXY).",
      }, skipKey];
    case "server":
      return [{
        id: "reachable",
        status: "fail",
        message: detail,
        fix: "Backlog itself is failing: try again in a few minutes.",
      }, skipKey];
    default:
      return [{
        id: "reachable",
        status: "fail",
        message: `${baseUrl} does not answer like Backlog's API v2: ${detail}`,
        fix: "check BACKLOG_DOMAIN / BACKLOG_BASE_URL: it must be your space's address.",
      }, skipKey];
  }
}

/** Who USER_ID names, when it is set and differs from the key's user. */
export async function describeUserId(
  api: BacklogApi,
  userId: number | undefined,
  me: User,
): Promise<{ id?: number; name?: string }> {
  if (userId === undefined || userId === me.id) return { id: userId };
  try {
    const user = await api.getUser(userId);
    return { id: userId, name: user.name };
  } catch {
    return { id: userId };
  }
}

/** Passes when USER_ID is unset or is the key's user; `configured` comes from {@linkcode describeUserId}. */
export function checkUserId(
  configured: { id?: number; name?: string },
  me: User,
  inDotenv: boolean,
): CheckResult {
  if (configured.id === undefined) {
    return {
      id: "user_id",
      status: "pass",
      message: `USER_ID is not set, so "me" is ${me.name} (id ${me.id}), the key's user.`,
    };
  }
  if (configured.id === me.id) {
    return { id: "user_id", status: "pass", message: `USER_ID ${me.id} matches the key's user.` };
  }
  const who = configured.name ? ` (${configured.name})` : " (no user in this space has that id)";
  return {
    id: "user_id",
    status: "fail",
    message: `USER_ID is ${configured.id}${who}, but the key belongs to ${me.name} (id ${me.id}).`,
    fix: `set USER_ID=${me.id}${
      inDotenv ? " in .env" : ""
    }, or leave it empty so the server asks Backlog; "my issues" would otherwise be someone else's.`,
  };
}
