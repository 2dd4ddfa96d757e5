/**
 * The fast start's head start: the Backlog session, opened and warming up as
 * soon as the fast start has answered the client's first requests, before the
 * server is loaded; and a way to know when its n-th request has gone out, so
 * that each part of the load (which blocks the event loop, and with it the
 * sending of requests and the taking of answers) runs while a request is
 * under way instead of holding one up.
 *
 * @module
 */

import type { Config } from "./config/types.ts";
import { createLogger } from "./log.ts";
import { type BacklogSession, openSession } from "./session.ts";

/** Time for a request handed to `fetch` to reach the wire (loopback: ~1 ms; TLS: more). */
const SEND_MS = 10;

/** A session warming up, and its requests going out. */
export interface HeadStart {
  session: BacklogSession;
  /** Resolves once the `n`-th request had time to go out, or the warm-up ended. */
  sent(n: number): Promise<void>;
}

/** Options of {@linkcode startHeadStart}. */
export interface HeadStartOptions {
  /** Redacted from the log (the config's secrets). */
  secrets: readonly string[];
  /** Injected for tests. */
  fetch?: typeof fetch;
}

/** Opens the session of `config` and starts its warm-up. */
export function startHeadStart(config: Config, options: HeadStartOptions): HeadStart {
  const send = options.fetch ?? fetch;
  let requests = 0;
  let ended = false;
  const waiting: { n: number; wake: () => void }[] = [];
  const wakeDue = () => {
    for (const waiter of waiting.filter((w) => ended || requests >= w.n)) {
      waiting.splice(waiting.indexOf(waiter), 1);
      setTimeout(waiter.wake, ended ? 0 : SEND_MS);
    }
  };
  const session = openSession(config, {
    logger: createLogger({ level: config.logLevel, secrets: options.secrets }),
    fetch: (input, init) => {
      const response = send(input, init);
      requests++;
      if (waiting.length) wakeDue();
      return response;
    },
  });
  void session.warm().finally(() => {
    ended = true;
    wakeDue();
  });
  return {
    session,
    sent: (n) =>
      new Promise<void>((wake) => {
        const waiter = { n, wake };
        waiting.push(waiter);
        wakeDue();
      }),
  };
}
