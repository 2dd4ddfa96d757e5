/**
 * Nulab's rules for API clients, applied per rate-limit class (reads,
 * updates, searches):
 *
 * - the gate: after a 429, new requests of that class wait until the window
 *   resets (or fail at once when it is too far) instead of each meeting a 429
 *   of their own. A reset Backlog did not state, or stated beyond
 *   {@linkcode MAX_RESET_AHEAD_MS} or unreadably, is taken as Nulab's advice,
 *   one minute, and logged: no class is ever closed for good;
 * - bulk spacing: a later page of one bulk operation waits until its class has
 *   been quiet for the spacing ("wait at least one second between each
 *   request", ../shared/reference/backlog-api.md, "Rate limiting").
 *
 * @module
 */

import type { Logger } from "../log.ts";
import { BacklogError, isoTime } from "./errors.ts";
import { describeRequest, isSearch, type RequestSpec } from "./request.ts";
import { answerWindowMs } from "./retry.ts";

/** Backlog's rate-limit class of a request (icons are not fetched here). */
export type RateClass = "read" | "update" | "search";

/** The rate-limit class `spec` counts against. */
export const rateClass = (spec: RequestSpec): RateClass =>
  spec.method !== "GET" ? "update" : isSearch(spec) ? "search" : "read";

/** A reset further ahead than this is not believed (Backlog's window is one minute). */
export const MAX_RESET_AHEAD_MS = 15 * 60_000;

/** A queued request that may not go yet (its class met a 429, or must keep its spacing): it goes round again, unsent. */
export class Paused extends Error {}

/** What {@linkcode RateGate} needs from its client. */
export interface RateGateOptions {
  /** The client's per-request timeout. */
  timeoutMs: number;
  /** A reset is waited for only when it is at most this far away. */
  maxWaitMs: number;
  /** The wait after a 429 whose reset is missing or not believed (Nulab: one minute). */
  defaultWaitMs: number;
  log: Logger;
  /** Resolves after `ms`, or rejects once `spec`'s call is cancelled. */
  sleep: (ms: number, spec: RequestSpec) => Promise<void>;
  now: () => number;
}

/** Per rate-limit class, holds requests back until Backlog's reported reset. */
export class RateGate {
  readonly #options: RateGateOptions;
  /** Per class, when Backlog said its window resets after a 429. */
  readonly #pausedUntil = new Map<RateClass, number>();

  constructor(options: RateGateOptions) {
    this.#options = options;
  }

  /**
   * Waits while Backlog's window for this request's class is known to be used
   * up; resolves with the reset it waited for (0: it did not wait).
   */
  async pass(spec: RequestSpec, deadline: number): Promise<number> {
    const { now, maxWaitMs, timeoutMs, log, sleep } = this.#options;
    const cls = rateClass(spec);
    const until = this.#pausedUntil.get(cls);
    if (until === undefined) return 0;
    const wait = until - now();
    if (wait <= 0) {
      this.#pausedUntil.delete(cls);
      return 0;
    }
    const label = describeRequest(spec);
    if (wait > maxWaitMs || now() + wait + answerWindowMs(timeoutMs) > deadline) {
      throw new BacklogError(
        `Backlog's rate limit for this API key is used up until ${
          isoTime(until)
        } (an earlier request got HTTP 429), so ${label} was not sent; retry after that time.`,
        {
          kind: "rate_limited",
          status: 429,
          resetAt: until,
          request: label,
          failure: "HTTP 429",
          final: true,
        },
      );
    }
    log.info("waiting for Backlog's rate limit to reset", { request: label, waitMs: wait + 250 });
    await sleep(wait + 250, spec);
    return until;
  }

  /**
   * Throws {@linkcode Paused} when this request's class is paused by a reset
   * later than `waitedFor` (one a 429 reported while the request queued).
   */
  checkStillOpen(spec: RequestSpec, waitedFor: number): void {
    const until = this.#pausedUntil.get(rateClass(spec));
    if (until !== undefined && until > waitedFor && until > this.#options.now()) {
      throw new Paused();
    }
  }

  /**
   * Records a 429 for this request's class, with its `X-RateLimit-Reset`
   * header (epoch seconds; null when absent). Returns when the class may send
   * again (epoch ms): the stated reset, or one minute from now when it is
   * missing, unreadable or more than {@linkcode MAX_RESET_AHEAD_MS} away.
   */
  limited(spec: RequestSpec, rawReset: string | null): number {
    const { now, defaultWaitMs, log } = this.#options;
    const at = now();
    const stated = rawReset === null || rawReset.trim() === "" ? NaN : Number(rawReset) * 1000;
    let resetAt: number;
    if (Number.isFinite(stated) && stated - at <= MAX_RESET_AHEAD_MS) {
      resetAt = Math.max(stated, at);
    } else {
      resetAt = at + defaultWaitMs;
      if (rawReset !== null) {
        log.warn("ignored X-RateLimit-Reset: unreadable or too far ahead; waiting a minute", {
          request: describeRequest(spec),
          header: rawReset.slice(0, 40),
          maxAheadMs: MAX_RESET_AHEAD_MS,
        });
      }
    }
    const cls = rateClass(spec);
    const current = this.#pausedUntil.get(cls) ?? 0;
    this.#pausedUntil.set(cls, Math.max(resetAt, current > at ? current : 0));
    return resetAt;
  }
}

/**
 * Bulk spacing: remembers when each class's last search or update request
 * ended, and how long a bulk request must still wait for its turn.
 */
export class BulkSpacing {
  /** Per class: when its last request ended, and a number telling that request apart. */
  readonly #lastEnd = new Map<RateClass, { at: number; seq: number }>();
  #seq = 0;

  constructor(readonly spacingMs: number, readonly now: () => number) {}

  /**
   * How long `spec` must still wait (0: it may go; only bulk searches and
   * updates wait), and a mark of its class's last request for {@linkcode stillYours}.
   */
  turn(spec: RequestSpec): { waitMs: number; mark: number | undefined } {
    const last = this.#lastEnd.get(rateClass(spec));
    if (!spec.bulk || this.spacingMs <= 0 || last === undefined) {
      return { waitMs: 0, mark: last?.seq };
    }
    return { waitMs: Math.max(0, last.at + this.spacingMs - this.now()), mark: last.seq };
  }

  /** False when another request of `spec`'s class ended since its turn was taken: it waits again. */
  stillYours(spec: RequestSpec, mark: number | undefined): boolean {
    return !spec.bulk || this.spacingMs <= 0 || this.#lastEnd.get(rateClass(spec))?.seq === mark;
  }

  /** Records that a request of `spec`'s class just ended. */
  ended(spec: RequestSpec): void {
    const cls = rateClass(spec);
    if (cls !== "read") this.#lastEnd.set(cls, { at: this.now(), seq: ++this.#seq });
  }
}
