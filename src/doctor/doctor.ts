/**
 * `mise run doctor`: checks the set-up in order and says how to fix what is
 * wrong. Deno and its pin; `.env`; each variable (validated by the server's own
 * {@linkcode parseConfig}); Backlog reachable; the key accepted and whose it
 * is; USER_ID against it; each allowlisted project.
 *
 * {@linkcode runDoctor} does the work and returns one result per line, so
 * tests run it in-process against the stand-in; `main.ts` prints them. No
 * result ever contains the API key: every message passes the redactor.
 *
 * @module
 */

import { BacklogApi } from "../backlog/api.ts";
import { BacklogClient } from "../backlog/client.ts";
import { BacklogError } from "../backlog/errors.ts";
import { redactSecrets } from "../backlog/redact.ts";
import type { Project, User } from "../backlog/types.ts";
import {
  CONFIG_VARIABLES,
  type ConfigProblem,
  type ConfigResult,
  parseConfig,
} from "../config/config.ts";
import { createLogger } from "../log.ts";
import { summarizeDotenv } from "./dotenv.ts";
import { type DenoOnPath, pinnedDenoVersion } from "./toolchain.ts";

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

/** The variables with a line of their own; the rest share one line. */
const OWN_LINE = [
  "BACKLOG_API_KEY",
  "BACKLOG_DOMAIN",
  "BACKLOG_BASE_URL",
  "USER_ID",
  "BACKLOG_TIMEZONE",
  "BACKLOG_PROJECTS",
];

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

  const started = performance.now();
  let me: User | undefined;
  let failure: unknown;
  try {
    me = await api.getMyself();
  } catch (error) {
    failure = error;
  }
  const ms = Math.round(performance.now() - started);
  const network = networkResults(config.baseUrl, me, failure, ms, logs);
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

function checkDeno(input: DoctorInput): CheckResult {
  const pinned = input.miseToml === undefined ? undefined : pinnedDenoVersion(input.miseToml);
  const running = input.denoVersion;
  const onPath = input.denoOnPath;
  if (onPath.kind === "node-wrapper") {
    return {
      id: "deno",
      status: "fail",
      message:
        `Deno ${running} runs, but \`deno\` on PATH (${onPath.path}) is npm's Node wrapper ${onPath.target}, not the native binary: slower on every launch, and under Node 20 it fails on --env-file when .env is missing.`,
      fix: `run \`mise install -f npm:deno@${
        pinned ?? running
      }\` (mise.toml allows deno's postinstall).`,
    };
  }
  if (!pinned) {
    return {
      id: "deno",
      status: "fail",
      message: `Deno ${running} runs, but no Deno pin was found in mise.toml.`,
      fix: 'restore the `"npm:deno" = { version = … }` line in mise.toml (see git).',
    };
  }
  if (pinned !== running) {
    return {
      id: "deno",
      status: "fail",
      message: `Deno ${running} runs, but mise.toml pins ${pinned}.`,
      fix:
        `run it through mise (\`mise run doctor\`, \`mise run mcp\`), which installs and uses Deno ${pinned}.`,
    };
  }
  const where = onPath.kind === "native" ? `; \`deno\` on PATH is the native binary` : "";
  return {
    id: "deno",
    status: "pass",
    message: `Deno ${running}, the version pinned in mise.toml${where}.`,
  };
}

function checkDotenv(input: DoctorInput): CheckResult {
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

/** The value Deno would read for `name` from .env text (the first assignment wins), roughly. */
function dotenvValue(text: string, name: string): string | undefined {
  const pattern = new RegExp(`^\\s*(?:export\\s+)?${name.replace(/\./g, "\\.")}\\s*=(.*)$`);
  for (const line of text.split(/\r?\n/)) {
    const match = pattern.exec(line);
    if (!match) continue;
    let raw = match[1].trim();
    const quote = raw[0];
    if ((quote === '"' || quote === "'") && raw.lastIndexOf(quote) > 0) {
      raw = raw.slice(1, raw.lastIndexOf(quote));
    } else {
      raw = raw.replace(/\s+#.*$/, "");
    }
    return raw;
  }
  return undefined;
}

function checkVariables(input: DoctorInput, parsed: ConfigResult): CheckResult[] {
  const results: CheckResult[] = [];
  const problems = parsed.ok ? [] : parsed.problems;
  // Where the value in effect comes from, so the fix says where to change it.
  const where = (variable: string) => {
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
      fix: where(mine[0].variable) + ".",
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
    timezone ? `BACKLOG_TIMEZONE is ${timezone}.` : "BACKLOG_TIMEZONE is not set: times in UTC.",
  ));

  const allowlist = projectEntries(input.env("BACKLOG_PROJECTS"));
  const knowsAllowlist = (CONFIG_VARIABLES as readonly string[]).includes("BACKLOG_PROJECTS");
  if (allowlist.length > 0 || knowsAllowlist) {
    results.push(line(
      "BACKLOG_PROJECTS",
      ["BACKLOG_PROJECTS"],
      allowlist.length > 0
        ? `BACKLOG_PROJECTS allows ${allowlist.join(", ")}.`
        : "BACKLOG_PROJECTS is not set: every project the key's user can see is available.",
    ));
  }

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

/** `DEMO, PROJ` / `DEMO PROJ` → entries; the server's own parser decides what is valid. */
export function projectEntries(raw: string | undefined): string[] {
  return (raw ?? "").split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
}

function networkResults(
  baseUrl: string,
  me: User | undefined,
  failure: unknown,
  ms: number,
  logs: string[],
): CheckResult[] {
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
  switch (error?.kind) {
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
async function describeUserId(
  client: BacklogClient,
  userId: number | undefined,
  me: User,
): Promise<{ id?: number; name?: string }> {
  if (userId === undefined || userId === me.id) return { id: userId };
  try {
    const user = await client.get<User>(["users", userId]);
    return { id: userId, name: user.name };
  } catch {
    return { id: userId };
  }
}

function checkUserId(
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

async function checkProjects(
  api: BacklogApi,
  entries: readonly string[],
  me: User,
): Promise<CheckResult[]> {
  if (entries.length === 0) return [];
  let joined: Project[];
  try {
    joined = await api.getProjects();
  } catch (error) {
    return [{
      id: "projects",
      status: "fail",
      message: `Could not list the projects: ${error instanceof Error ? error.message : error}`,
      fix: "run the doctor again; if it persists, check the key's permissions.",
    }];
  }
  const visible = joined.map((p) => p.projectKey).join(", ") || "none";
  const results: CheckResult[] = [];
  for (const entry of entries) {
    const id = `project:${entry}`;
    const found = joined.find((p) =>
      p.projectKey.toUpperCase() === entry.toUpperCase() || String(p.id) === entry
    );
    if (found) {
      results.push({
        id,
        status: "pass",
        message: `Project ${found.projectKey} exists: "${found.name}"${
          found.archived ? " (archived)" : ""
        }.`,
      });
      continue;
    }
    let exists = false;
    try {
      await api.client.get<Project>(["projects", entry]);
      exists = true;
    } catch { /* 404 or worse: treated as absent */ }
    results.push(
      exists
        ? {
          id,
          status: "fail",
          message: `Project ${entry} exists, but ${me.name} has not joined it.`,
          fix: `ask a project administrator to add you, or take ${entry} out of BACKLOG_PROJECTS.`,
        }
        : {
          id,
          status: "fail",
          message: `No project "${entry}" in this space.`,
          fix: `correct BACKLOG_PROJECTS; the key's user has joined: ${visible}.`,
        },
    );
  }
  return results;
}
