/**
 * Test support for the client's unit tests (`client_*_test.ts`): clients on a
 * fake fetch, a fake clock or a listener on 127.0.0.1, canned answers, and a
 * key watch: every error message and log line a file's clients produce is
 * kept, and the file's last test checks that none holds the key.
 *
 * @module
 */

import { assert, AssertionError, assertNotIncludes } from "../../tests/assert.ts";
import { createLogger } from "../log.ts";
import { BacklogClient, type BacklogClientOptions } from "./client.ts";
import { BacklogError } from "./errors.ts";

/** A distinctive key: any message or log line containing it is a leak. */
export const KEY = "KEY-d1st1nct1ve-0123456789";
export const BASE = "https://space.backlog.com";

/** What the fake fetch saw for one request. */
export interface Call {
  url: URL;
  method: string;
  headers: Headers;
  body: string | undefined;
  signal: AbortSignal | undefined;
}

/** The fake fetch's answer to one request. */
export type Reply = (call: Call) => Response | Promise<Response>;

/** A JSON answer. */
export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

/** Backlog's error body. */
export const backlogError = (message: string, code = 0) => ({
  errors: [{ message, code, moreInfo: "" }],
});

/** A 200 with `body`. */
export const ok = (body: unknown = { id: 1 }): Reply => () => json(200, body);

/** A 429 in Backlog's words, with `X-RateLimit-Reset: reset` when given. */
export const tooMany = (reset?: string): Response =>
  Response.json({ errors: [{ message: "Too many requests.", code: 13, moreInfo: "" }] }, {
    status: 429,
    headers: reset === undefined ? {} : { "X-RateLimit-Reset": reset },
  });

/** One sentence: ends with a full stop, and no full stop inside is followed by a new sentence. */
export function assertOneSentence(message: string): void {
  assert(message.endsWith("."), `not a sentence: ${message}`);
  assert(!/[.!?]\s+[A-Z]/.test(message), `more than one sentence: ${message}`);
  assertNotIncludes(message, "\n");
  assertNotIncludes(message, "Invalid time value");
}

/** Clients for one test file, and the texts they produced, checked for `key`. */
export function clientKit(key: string = KEY) {
  const messages: string[] = [];
  const logLines: string[] = [];
  const logger = createLogger({ level: "debug", write: (line) => logLines.push(line) });

  /**
   * A client wired to a fake fetch that answers with `replies` in order (the
   * last one repeats) and a sleep that records waits and resolves at once.
   */
  function setup(replies: Reply | Reply[], options: Partial<BacklogClientOptions> = {}) {
    const queue = Array.isArray(replies) ? replies : [replies];
    const calls: Call[] = [];
    const sleeps: number[] = [];
    const fakeFetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const call: Call = {
        url: new URL(input instanceof Request ? input.url : String(input)),
        method: init?.method ?? "GET",
        headers: new Headers(init?.headers),
        body: typeof init?.body === "string" ? init.body : undefined,
        signal: init?.signal ?? undefined,
      };
      calls.push(call);
      const reply = queue[Math.min(calls.length - 1, queue.length - 1)];
      return Promise.resolve().then(() => reply(call));
    };
    const client = new BacklogClient({
      baseUrl: BASE,
      apiKey: key,
      fetch: fakeFetch as typeof fetch,
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
      logger,
      ...options,
    });
    return { client, calls, sleeps };
  }

  /** A client on a fake fetch and a fake clock that sleeps advance; `logs` holds its lines. */
  function clocked(
    reply: (url: URL, n: number) => Response,
    options: Partial<BacklogClientOptions> = {},
  ) {
    const clock = { now: Date.UTC(2026, 10, 16, 0, 0, 0) };
    const calls: URL[] = [];
    const sleeps: number[] = [];
    const logs: string[] = [];
    const backlog = new BacklogClient({
      baseUrl: BASE,
      apiKey: key,
      fetch: ((input: URL) => {
        calls.push(new URL(input));
        return Promise.resolve(reply(new URL(input), calls.length));
      }) as typeof fetch,
      now: () => clock.now,
      sleep: (ms) => {
        sleeps.push(ms);
        clock.now += ms;
        return Promise.resolve();
      },
      logger: createLogger({ level: "debug", write: (l) => (logs.push(l), logLines.push(l)) }),
      ...options,
    });
    return { backlog, clock, calls, sleeps, logs };
  }

  /** A client of the runtime's fetch for `baseUrl` (a listener), retrying without delay. */
  function client(baseUrl: string, options: Partial<BacklogClientOptions> = {}): BacklogClient {
    return new BacklogClient({
      baseUrl,
      apiKey: key,
      retry: { baseDelayMs: 1 },
      logger,
      ...options,
    });
  }

  /** Awaits a rejection, checks it is a key-free BacklogError, and returns it. */
  async function rejection(promise: Promise<unknown>): Promise<BacklogError> {
    try {
      await promise;
    } catch (error) {
      assert(error instanceof BacklogError, `expected a BacklogError, got ${error}`);
      messages.push(error.message);
      assertNotIncludes(error.message.toLowerCase(), key.toLowerCase(), "the key leaked");
      return error;
    }
    throw new AssertionError({ message: "expected the request to fail" });
  }

  /**
   * For a file's last test: no error message or log line held the key or a
   * piece of it. Run alone (`--filter`), a file collects nothing and this
   * passes; run whole, at least `minErrors` errors must have been checked.
   */
  function assertNoKeySeen(minErrors: number): void {
    if (messages.length === 0) return;
    assert(messages.length >= minErrors, `only ${messages.length} errors were collected`);
    assert(logLines.length > 0, "the client logged nothing");
    for (const text of [...messages, ...logLines]) {
      assertNotIncludes(text.toLowerCase(), key.toLowerCase());
      assertNotIncludes(text, key.slice(4, 20));
    }
  }

  return { setup, clocked, client, rejection, logLines, assertNoKeySeen };
}
