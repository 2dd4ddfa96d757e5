/**
 * The answers the fast start sends before the server is loaded, recorded by
 * asking the real server (`createServer`, in this process, over an in-memory
 * transport) — never written by hand. One set per kind of configuration the
 * answers depend on ({@linkcode answerKey}); each is checked against
 * probe configurations that set every other variable, and a setting that
 * changes them becomes part of the key (recorded unset and at its probe
 * value), so no setting can make the fast start answer differently from the
 * server. `ask` is the server (tests pass a stand-in for it).
 *
 * @module
 */

import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import {
  type JSONRPCMessage,
  LATEST_PROTOCOL_VERSION,
  SUPPORTED_PROTOCOL_VERSIONS,
} from "@modelcontextprotocol/sdk/types.js";
import { CONFIG_VARIABLES, type ConfigVariable, parseConfig } from "../../config/config.ts";
import { answerKey, type FastStartAnswers } from "../../fast_start.ts";
import { silentLogger } from "../../log.ts";
import { createServer } from "../../server.ts";

type Env = Partial<Record<ConfigVariable, string>>;
type Json = Record<string, unknown>;

const PLACEHOLDER_KEY = "fast-start-build-placeholder-key";

/** One configuration of each kind (every value a placeholder: nothing is contacted). */
export const VARIANT_ENVS: readonly Env[] = [
  {},
  { BACKLOG_READ_ONLY: "true" },
  { BACKLOG_API_KEY: PLACEHOLDER_KEY, BACKLOG_DOMAIN: "example.backlog.com" },
  {
    BACKLOG_API_KEY: PLACEHOLDER_KEY,
    BACKLOG_DOMAIN: "example.backlog.com",
    BACKLOG_READ_ONLY: "true",
  },
];

/**
 * A valid value, other than the default, for every configuration variable
 * but the ones the variants are made of. A new variable needs one here
 * (`tests/fast_start_test.ts` checks that each has one).
 */
export const PROBE_VALUES: Partial<Record<ConfigVariable, string>> = {
  BACKLOG_DOMAIN: "other-space.backlog.jp",
  BACKLOG_BASE_URL: "http://127.0.0.1:9",
  USER_ID: "4242",
  BACKLOG_TIMEZONE: "Asia/Tokyo",
  BACKLOG_API_KEY_TRANSPORT: "query",
  BACKLOG_TIMEOUT_MS: "7000",
  BACKLOG_CACHE_TTL_SECONDS: "42",
  BACKLOG_LOG_LEVEL: "debug",
  BACKLOG_PROJECTS: "PROJ,DEMO",
  BACKLOG_FILE_MAX_BYTES: "2048",
  BACKLOG_MAX_RESPONSE_BYTES: "200000",
  BACKLOG_MAX_CONCURRENT_REQUESTS: "3",
  BACKLOG_BULK_SPACING_MS: "0",
  BACKLOG_MAX_MESSAGE_MB: "2",
  BACKLOG_STRUCTURED_OUTPUT: "true",
  BACKLOG_MAX_RESULT_CHARS: "8000",
};

/** Variables that decide the variant (not probed). */
const VARIANT_VARIABLES: readonly ConfigVariable[] = ["BACKLOG_API_KEY", "BACKLOG_READ_ONLY"];

/** Configuration variables without a probe value. */
export const unprobedVariables = (): ConfigVariable[] =>
  CONFIG_VARIABLES.filter((v) => !VARIANT_VARIABLES.includes(v) && !(v in PROBE_VALUES));

/** The server's answers to `initialize` (latest protocol) and `tools/list` for `env`. */
export async function askServer(env: Env): Promise<{ initialize: Json; toolsList: Json }> {
  const config = parseConfig((name) => env[name]);
  const { server } = createServer({ config, logger: silentLogger });
  const [client, serverSide] = InMemoryTransport.createLinkedPair();
  const answers = new Map<number, (message: Json) => void>();
  client.onmessage = (message: JSONRPCMessage) => {
    const m = message as Json;
    if (typeof m.id === "number") answers.get(m.id)?.(m);
  };
  await server.connect(serverSide);
  await client.start();
  const ask = async (id: number, method: string, params?: Json) => {
    const answer = new Promise<Json>((resolve) => answers.set(id, resolve));
    await client.send({ jsonrpc: "2.0", id, method, params } as JSONRPCMessage);
    const message = await answer;
    if (!message.result) throw new Error(`${method}: ${JSON.stringify(message.error)}`);
    return message.result as Json;
  };
  try {
    const { protocolVersion, ...initialize } = await ask(1, "initialize", {
      protocolVersion: LATEST_PROTOCOL_VERSION,
      capabilities: {},
      clientInfo: { name: "backlog-mcp-build", version: "0" },
    });
    if (protocolVersion !== LATEST_PROTOCOL_VERSION) throw new Error(`protocol ${protocolVersion}`);
    await client.send({ jsonrpc: "2.0", method: "notifications/initialized" });
    return { initialize, toolsList: await ask(2, "tools/list") };
  } finally {
    await server.close();
  }
}

/** What {@linkcode precompute} found. */
export interface Precomputed {
  answers: FastStartAnswers;
  /** Settings the answers depend on, as a sentence each (for the build's output). */
  notes: string[];
}

/**
 * The fast start's answers, from the real server: for each kind of
 * configuration, and for each setting whose probe value changes them, with
 * that setting unset and set to its probe value.
 */
export async function precompute(ask: typeof askServer = askServer): Promise<Precomputed> {
  const keyOf = (env: Env, keyVariables: string[]) =>
    answerKey(parseConfig((name) => env[name]), (name) => env[name], keyVariables);
  // Probes: each variable set to its probe value, where that keeps the kind of configuration.
  const probesOf = (env: Env) =>
    Object.entries(PROBE_VALUES).map(([name, value]) => ({ name, env: { ...env, [name]: value } }))
      .filter((p) => keyOf(p.env, []) === keyOf(env, []));
  const bases = await Promise.all(
    VARIANT_ENVS.map(async (env) => ({ env, ...await ask(env) })),
  );
  const depends = new Set<string>();
  for (const base of bases) {
    const text = JSON.stringify({ initialize: base.initialize, toolsList: base.toolsList });
    if (text.includes(PLACEHOLDER_KEY)) throw new Error("an answer shows the API key");
    for (const probe of probesOf(base.env)) {
      if (JSON.stringify(await ask(probe.env)) !== text) depends.add(probe.name);
    }
  }
  const keyVariables = [...depends].sort();
  const answers: FastStartAnswers = {
    protocolVersions: [
      LATEST_PROTOCOL_VERSION,
      ...SUPPORTED_PROTOCOL_VERSIONS.filter((v: string) => v !== LATEST_PROTOCOL_VERSION),
    ],
    keyVariables,
    variants: {},
  };
  const texts = (a: { initialize: Json; toolsList: Json }) => ({
    initialize: JSON.stringify(a.initialize),
    toolsList: JSON.stringify(a.toolsList),
  });
  for (const base of bases) {
    answers.variants[keyOf(base.env, keyVariables)] = texts(base);
    for (const probe of probesOf(base.env).filter((p) => depends.has(p.name))) {
      answers.variants[keyOf(probe.env, keyVariables)] = texts(await ask(probe.env));
    }
  }
  const notes = keyVariables.map((v) =>
    `the first answers depend on ${v}: recorded with it unset and set to ${
      JSON.stringify(PROBE_VALUES[v as ConfigVariable])
    }; with another value the server answers them itself (slower)`
  );
  return { answers, notes };
}
