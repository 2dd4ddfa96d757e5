/**
 * The rate-limit gate. Backlog limits each API key per class of request
 * (reads, updates, searches); after a 429 says when a class's window resets,
 * new requests of that class wait here until then (or fail at once when the
 * reset is too far) instead of each meeting a 429 of its own.
 *
 * @module
 */

import type { Logger } from "../log.ts";
import { BacklogError } from "./errors.ts";
import type { FailureNotes } from "./failure_notes.ts";
import { describeRequest, isSearch, type RequestSpec } from "./request.ts";
import { answerWindowMs } from "./retry.ts";

/** Backlog's rate-limit class of a request (icons are not fetched here). */
export type RateClass = "read" | "update" | "search";

/** The rate-limit class `spec` counts against. */
export const rateClass = (spec: RequestSpec): RateClass =>
  spec.method !== "GET" ? "update" : isSearch(spec) ? "search" : "read";

/** A queued request whose class met a 429 meanwhile: it goes back to the gate, unsent. */
export class Paused extends Error {}

/** What {@linkcode RateGate} needs from its client. */
export interface RateGateOptions {
  /** The client's per-request timeout. */
  timeoutMs: number;
  /** A reset is waited for only when it is at most this far away. */
  maxWaitMs: number;
  log: Logger;
  sleep: (ms: number) => Promise<void>;
  notes: FailureNotes;
}

/** Per rate-limit class, holds requests back until Backlog's reported reset. */
export class RateGate {
  readonly #timeoutMs: number;
  readonly #maxWaitMs: number;
  readonly #log: Logger;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #notes: FailureNotes;
  /** Per class, when Backlog said its window resets after a 429. */
  readonly #pausedUntil = new Map<RateClass, number>();

  constructor(options: RateGateOptions) {
    this.#timeoutMs = options.timeoutMs;
    this.#maxWaitMs = options.maxWaitMs;
    this.#log = options.log;
    this.#sleep = options.sleep;
    this.#notes = options.notes;
  }

  /**
   * Waits while Backlog's window for this request's class is known to be used
   * up; resolves with the reset it waited for (0: it did not wait).
   */
  async pass(spec: RequestSpec, deadline: number): Promise<number> {
    const cls = rateClass(spec);
    const until = this.#pausedUntil.get(cls);
    if (until === undefined) return 0;
    const wait = until - Date.now();
    if (wait <= 0) {
      this.#pausedUntil.delete(cls);
      return 0;
    }
    const window = answerWindowMs(this.#timeoutMs);
    if (wait > this.#maxWaitMs || Date.now() + wait + window > deadline) {
      const error = new BacklogError(
        `Backlog's rate limit for this API key is used up until ${
          new Date(until).toISOString()
        } (an earlier request got HTTP 429), so ${
          describeRequest(spec)
        } was not sent; retry after that time.`,
        { kind: "rate_limited", status: 429, resetAt: until, request: describeRequest(spec) },
      );
      throw this.#notes.note(error, "HTTP 429", true);
    }
    this.#log.info("waiting for Backlog's rate limit to reset", {
      request: describeRequest(spec),
      waitMs: wait + 250,
    });
    await this.#sleep(wait + 250);
    return until;
  }

  /**
   * Throws {@linkcode Paused} when this request's class is paused by a reset
   * later than `waitedFor` (one a 429 reported while the request queued).
   */
  checkStillOpen(spec: RequestSpec, waitedFor: number): void {
    const until = this.#pausedUntil.get(rateClass(spec));
    if (until !== undefined && until > waitedFor && until > Date.now()) throw new Paused();
  }

  /** Records a 429's reset for this request's class; the later reset wins. */
  pause(spec: RequestSpec, resetAt: number): void {
    const cls = rateClass(spec);
    this.#pausedUntil.set(cls, Math.max(resetAt, this.#pausedUntil.get(cls) ?? 0));
  }
}
