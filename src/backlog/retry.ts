/**
 * The retry policy: which failures are tried again, after how long, within
 * what time budget, and the one sentence a caller gets when retries end.
 *
 * @module
 */

import {
  BacklogError,
  isoTime,
  RATE_LIMIT_DEFAULT_WAIT_MS,
  seconds,
  withMessage,
} from "./errors.ts";
import { redactSecrets } from "../shared/redact.ts";
import { describeRequest, type RequestSpec } from "./request.ts";

/**
 * Retry behaviour; see {@linkcode DEFAULT_RETRY}. What is retried: a GET on
 * 429, 5xx (HTML error pages included), timeouts and network failures; a
 * write (POST/PATCH/DELETE) only on 429, the one answer that proves Backlog
 * did not apply it.
 */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** First backoff delay; doubles each time, with ±50% jitter. */
  baseDelayMs: number;
  /**
   * Time for one request, retries and their waits included: a retry starts only
   * if it can still get an answer (its wait plus up to 1 s) within the budget,
   * and its timeout is cut to what is left. So a request ends within
   * max(budgetMs, timeoutMs) plus about a second.
   */
  budgetMs: number;
  /** A 429 is waited out only when its reset is at most this far away. */
  maxRateLimitWaitMs: number;
  /**
   * The wait after a 429 that states no believable reset: Nulab asks clients
   * to retry after one minute, which is beyond the budget, so such a request
   * fails at once with a sentence saying when to retry.
   */
  defaultRateLimitWaitMs: number;
}

/** Defaults: a request, retries included, ends within about 20 s. */
export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 400,
  budgetMs: 20_000,
  maxRateLimitWaitMs: 10_000,
  defaultRateLimitWaitMs: RATE_LIMIT_DEFAULT_WAIT_MS,
};

/** The least time a retry is given to get an answer. */
const MIN_RETRY_WINDOW_MS = 1000;

/** The time an attempt started now needs, at least, to get an answer. */
export function answerWindowMs(timeoutMs: number): number {
  return Math.min(timeoutMs, MIN_RETRY_WINDOW_MS);
}

/** What {@linkcode RetryRules} needs to know about its client. */
export interface RetryRulesOptions {
  policy: RetryPolicy;
  /** The client's per-request timeout. */
  timeoutMs: number;
  /** Named in the sentence for a network failure. */
  baseUrl: string;
  /** Redacted from that sentence. */
  apiKey: string;
  now: () => number;
}

/** An attempt of `spec` (the first is 1) that failed with `error`. */
export interface FailedAttempt {
  spec: RequestSpec;
  error: unknown;
  attempt: number;
}

/** The retry policy applied to one client's requests. */
export class RetryRules {
  readonly #policy: RetryPolicy;
  readonly #timeoutMs: number;
  readonly #baseUrl: string;
  readonly #apiKey: string;
  readonly #now: () => number;

  constructor(options: RetryRulesOptions) {
    this.#policy = options.policy;
    this.#timeoutMs = options.timeoutMs;
    this.#baseUrl = options.baseUrl;
    this.#apiKey = options.apiKey;
    this.#now = options.now;
  }

  /** When the budget of a request started at `started` runs out. */
  deadline(started: number): number {
    return started + this.#policy.budgetMs;
  }

  /** A retry's timeout: what is left of the budget, but never under the answer window. */
  timeoutFor(deadline: number): number {
    const floor = answerWindowMs(this.#timeoutMs);
    return Math.max(floor, Math.min(this.#timeoutMs, deadline - this.#now()));
  }

  /** Decides whether and how long to wait before another attempt; undefined = give up. */
  delay(failed: FailedAttempt, deadline: number): number | undefined {
    const { spec, error, attempt } = failed;
    if (!(error instanceof BacklogError) || error.final) return undefined;
    if (attempt >= this.#policy.maxAttempts) return undefined;
    let wait: number;
    const now = this.#now();
    if (error.kind === "rate_limited") {
      // Backlog cannot have applied a request it refused with 429, so writes retry too.
      const untilReset = (error.resetAt ?? now + this.#policy.defaultRateLimitWaitMs) - now;
      if (untilReset > this.#policy.maxRateLimitWaitMs) return undefined;
      wait = Math.max(0, untilReset) + 250;
    } else if (spec.method === "GET" && error.transient) {
      const base = this.#policy.baseDelayMs * 2 ** (attempt - 1);
      wait = Math.round(base * (0.5 + Math.random()));
    } else {
      return undefined;
    }
    // Only a retry that can still get an answer within the budget is worth starting.
    const window = answerWindowMs(this.#timeoutMs);
    return now + wait + window > deadline ? undefined : wait;
  }

  /**
   * The error a caller gets once no retry follows: for failures a retry could
   * have fixed, one sentence saying what failed, how often it was tried and
   * whether to retry later; other errors as they are.
   */
  givingUp(failed: FailedAttempt, elapsedMs: number): unknown {
    const { spec, error, attempt: attempts } = failed;
    if (!(error instanceof BacklogError) || error.final) return error;
    const label = describeRequest(spec);
    const failure = error.failure ?? `HTTP ${error.status}`;
    const what = `${failure}${
      attempts > 1 ? `, ${attempts} attempts over ${seconds(elapsedMs)}` : ""
    }`;
    let sentence: string;
    if (error.kind === "rate_limited") {
      const until = error.resetAt ? ` until ${isoTime(error.resetAt)}` : "";
      const retry = error.resetAt ? "retry after that time" : "retry in a minute";
      sentence =
        `Backlog's rate limit for this API key is used up${until}, so ${label} failed (${what}); ${retry}.`;
    } else if (!error.transient) {
      return error;
    } else if (spec.method !== "GET") {
      sentence =
        `Backlog did not confirm ${label} (${failure}) and may have applied it anyway, so it was not retried; check the result in Backlog before trying again.`;
    } else if (error.kind === "timeout") {
      sentence =
        `Backlog did not answer ${label} in time (${what}); retry later, or raise BACKLOG_TIMEOUT_MS if Backlog is just slow.`;
    } else if (error.kind === "network") {
      sentence =
        `Could not reach Backlog at ${this.#baseUrl} for ${label} (${what}); check BACKLOG_DOMAIN / BACKLOG_BASE_URL and the network, then retry.`;
    } else {
      sentence =
        `Backlog failed ${label} (${what}); this is usually temporary, so retry in a minute.`;
    }
    return withMessage(error, redactSecrets(sentence, [this.#apiKey]), failure);
  }
}
