/**
 * Fast start: the entry point of the install step's build (`bin/mcp` runs it
 * when the build is up to date). MCP clients start the server at every
 * session and some probe it with short timeouts; most of a start is loading
 * the MCP SDK, zod and the tools, and the first `tools/list` converts every
 * zod schema to JSON Schema. So this module, which loads none of them,
 * answers `initialize` and the first `tools/list` itself, from answers the
 * build recorded by asking the real server (`src/tooling/build/`), and loads
 * the real server (`serve_stdio.ts`) only once those are answered.
 *
 * The server then gets every line received so far, the answered requests
 * among them with ids of their own: it goes through the same initialization,
 * and its answers to those requests are compared with what was sent instead
 * of reaching stdout. A difference means the build does not match the
 * sources (it should not happen: `bin/mcp` checks a stamp of the sources);
 * it is logged, and for the tool list the client is told the list changed,
 * so it asks the server itself.
 *
 * Before its first answers it touches nothing Deno sets up lazily and slowly
 * (timers, web streams, signal listeners: 10–50 ms each at first use).
 *
 * A request is answered here only when it is one the SDK would accept as it
 * stands (anything unusual waits for the server), so both paths answer alike;
 * `tests/fast_start_test.ts` checks that they do.
 *
 * @module
 */

import { type ConfigResult, type ConfigVariable, loadConfig } from "./config/config.ts";
import type { Logger } from "./log.ts";
import type { StdioOptions } from "./serve_stdio.ts";
import { startHeadStart } from "./head_start.ts";
import { wallTime } from "./shared/dates.ts";

type Json = Record<string, unknown>;

/** What the build recorded: the SDK's protocol versions and the answers per configuration. */
export interface FastStartAnswers {
  /** The SDK's supported protocol versions, its latest first. */
  protocolVersions: string[];
  /** Settings the answers were found to depend on (their raw values are part of the key). */
  keyVariables: string[];
  /**
   * By {@linkcode answerKey}: the initialize result without `protocolVersion`,
   * and tools/list's, as JSON text (written out as they are: no parsing or
   * serializing at start-up).
   */
  variants: Record<string, { initialize: string; toolsList: string }>;
}

/**
 * The key of the recorded answers for a configuration: whether it is usable
 * and read-only, and the raw values of `keyVariables` (only the values the
 * build tried are recorded; any other is answered by the server itself).
 */
export function answerKey(
  config: ConfigResult,
  raw: (name: ConfigVariable) => string | undefined,
  keyVariables: readonly string[],
): string {
  const readOnly = config.ok ? config.config.readOnly : config.readOnly;
  const values = keyVariables.map((v) => `; ${v}=${raw(v as ConfigVariable)?.trim() ?? ""}`);
  return `${config.ok ? "configured" : "not configured"}${readOnly ? ", read-only" : ""}${
    values.join("")
  }`;
}

/** The real server, loaded on demand. */
export type ServerModule = { serveStdio(options: StdioOptions): Promise<void> };

/** How to load the server: all of it, and (optionally) its libraries ahead, as a first part. */
export interface ServerLoader {
  server: () => Promise<ServerModule>;
  libraries?: () => Promise<unknown>;
}

/** Ids given to the requests answered here when they are replayed to the server. */
const REPLAY_ID = "backlog-mcp-fast-start-";

const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const only = (o: Json, keys: readonly string[]) => Object.keys(o).every((k) => keys.includes(k));
const optional = (v: unknown, test: (v: unknown) => boolean) => v === undefined || test(v);
const isString = (v: unknown) => typeof v === "string";
const objectsOnly = (v: unknown) => isObject(v) && Object.values(v).every(isObject);

/** A JSON-RPC request as the SDK's strict schema accepts it, for `method`. */
function isRequest(m: unknown, method: string): m is Json & { id: string | number } {
  return isObject(m) && only(m, ["jsonrpc", "id", "method", "params"]) && m.jsonrpc === "2.0" &&
    m.method === method && (typeof m.id === "string" || Number.isInteger(m.id));
}

/** An initialize request the SDK accepts (conservatively: anything unusual is left to it). */
function isPlainInitialize(m: unknown): m is Json & { id: string | number; params: Json } {
  if (!isRequest(m, "initialize") || !isObject(m.params)) return false;
  const { protocolVersion, capabilities: caps, clientInfo: info } = m.params;
  if (!only(m.params, ["protocolVersion", "capabilities", "clientInfo"])) return false;
  if (!isString(protocolVersion) || !isObject(caps) || !isObject(info)) return false;
  const capsOk = only(caps, ["experimental", "sampling", "elicitation", "roots", "extensions"]) &&
    optional(caps.experimental, objectsOnly) && optional(caps.extensions, objectsOnly) &&
    optional(caps.sampling, (s) => objectsOnly(s) && only(s as Json, ["context", "tools"])) &&
    optional(caps.elicitation, (e) => objectsOnly(e) && only(e as Json, ["form", "url"])) &&
    optional(
      caps.roots,
      (r) =>
        isObject(r) && only(r, ["listChanged"]) &&
        optional(r.listChanged, (v) => typeof v === "boolean"),
    );
  const infoOk = only(info, ["name", "version", "title", "websiteUrl", "description"]) &&
    Object.values(info).every(isString) && isString(info.name) && isString(info.version);
  return capsOk && infoOk;
}

/** A tools/list request the SDK accepts; its answer does not depend on the parameters. */
function isPlainToolsList(m: unknown): m is Json & { id: string | number } {
  if (!isRequest(m, "tools/list")) return false;
  return optional(
    m.params,
    (p) => isObject(p) && only(p, ["cursor"]) && optional(p.cursor, isString),
  );
}

const encoder = new TextEncoder();

// Synchronous: an answer is in the pipe before the server's chunk starts evaluating (an async
// write could wait behind it), and before anything the server writes.
function writeStdout(text: string): void {
  const bytes = encoder.encode(text);
  for (let done = 0; done < bytes.length;) done += Deno.stdout.writeSync(bytes.subarray(done));
}

/** The answer line the SDK would write (same key order). */
const answerLine = (id: string | number, result: string) =>
  `{"result":${result},"jsonrpc":"2.0","id":${JSON.stringify(id)}}\n`;

/**
 * Serves stdio: answers what it can from `answers`, then hands the stream
 * over to the server `load` imports.
 */
export function startFast(answers: FastStartAnswers, load: ServerLoader): void {
  const config = loadConfig();
  const env = (name: string) => {
    try {
      return Deno.env.get(name);
    } catch {
      return undefined; // not granted: the server sees it unset too
    }
  };
  const recorded = answers.variants[answerKey(config, env, answers.keyVariables)];
  const sent = new Map<string, { method: string; result: string }>();
  const lines: string[] = []; // every line received before the hand-over, replay ids in place
  let tail = ""; // an unfinished line
  let initialized = false;
  let toolsListed = false;
  let feed: ReadableStreamDefaultController<Uint8Array> | undefined;
  let loading: Promise<void> | undefined;
  let replays = 0;
  let wantServer!: () => void;
  const serverWanted = new Promise<void>((resolve) => (wantServer = resolve));

  const answer = (message: Json & { id: string | number }, method: string, result: string) => {
    writeStdout(answerLine(message.id, result));
    const id = `${REPLAY_ID}${++replays}`;
    sent.set(id, { method, result });
    lines.push(JSON.stringify({ ...message, id }));
  };

  // Checks the server's own answers to the replayed requests, and keeps them off stdout.
  const intercept = (message: Json, logger: Logger): boolean => {
    const id = message.id;
    if (typeof id !== "string" || !id.startsWith(REPLAY_ID) || "method" in message) return false;
    const ours = sent.get(id);
    if (ours && JSON.stringify(message.result) !== ours.result) {
      logger.error(
        `fast start: the build's ${ours.method} answer differs from the server's; run \`mise run install\` to rebuild`,
      );
      if (ours.method === "tools/list") {
        const changed = { method: "notifications/tools/list_changed", jsonrpc: "2.0" };
        writeStdout(JSON.stringify(changed) + "\n");
      }
    }
    return true;
  };

  const startServer = (): Promise<void> => {
    loading ??= (async () => {
      // The server takes two round trips' time to load, blocking the event loop (which sends
      // requests and takes their answers): the warm-up (six requests, one at a time) starts
      // first, and the load comes in parts, each while one of its requests is under way —
      // unless a request for the server is waiting: then at once.
      const head = config.ok
        ? startHeadStart(config.config, { secrets: config.secrets })
        : undefined;
      const during = (n: number) => head && Promise.race([head.sent(n), serverWanted]);
      await during(1);
      await load.libraries?.();
      await during(2);
      const { serveStdio } = await load.server();
      await during(3);
      // ICU's set-up (~20 ms, at a process's first Intl formatter): the first answer that
      // shows a time would pay it otherwise.
      if (head) wallTime(new Date(), "UTC");
      let controller!: ReadableStreamDefaultController<Uint8Array>;
      const input = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
      controller.enqueue(new TextEncoder().encode(lines.map((l) => l + "\n").join("") + tail));
      tail = "";
      feed = controller;
      await serveStdio({
        input,
        config,
        intercept: (m, logger) => intercept(m as Json, logger),
        session: head?.session,
      });
    })().catch((error) => {
      console.error(`[backlog-mcp] error fast start: the server did not load: ${error}`);
      Deno.exit(1);
    });
    return loading;
  };

  // Only before the server starts loading: after that, every line is the server's.
  const receive = (line: string) => {
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      message = undefined;
    }
    if (recorded && !loading && !initialized && isPlainInitialize(message)) {
      initialized = true;
      const requested = message.params.protocolVersion as string;
      const { protocolVersions } = answers;
      const version = protocolVersions.includes(requested) ? requested : protocolVersions[0];
      // The SDK's key order: protocolVersion first.
      const rest = recorded.initialize.slice(1);
      answer(message, "initialize", `{"protocolVersion":${JSON.stringify(version)},${rest}`);
    } else if (recorded && !loading && initialized && !toolsListed && isPlainToolsList(message)) {
      toolsListed = true;
      answer(message, "tools/list", recorded.toolsList);
      void startServer();
    } else {
      lines.push(line);
      // Notifications after initialize wait for the next request; anything else needs the server.
      if (!(initialized && isObject(message) && !("id" in message))) {
        wantServer();
        void startServer();
      }
    }
  };

  const decoder = new TextDecoder();
  (async () => {
    // Deno.stdin.read, not .readable: web streams cost ~10 ms to set up at the first use.
    const buffer = new Uint8Array(64 * 1024);
    for (let n; (n = await Deno.stdin.read(buffer)) !== null;) {
      const chunk = buffer.slice(0, n);
      if (feed) {
        feed.enqueue(chunk);
        continue;
      }
      tail += decoder.decode(chunk, { stream: true });
      let newline: number;
      while ((newline = tail.indexOf("\n")) >= 0) {
        const line = tail.slice(0, newline).replace(/\r$/, "");
        tail = tail.slice(newline + 1);
        receive(line);
      }
    }
    // stdin closed. Nothing but answered requests and notifications: done.
    if (!loading) Deno.exit(0);
    wantServer(); // what arrived is answered at once
    await loading;
    feed?.close();
  })();
  // No signal listeners here: before the server runs, nothing is pending, and the default
  // action (the process ends) is right; the server installs its own.
}
