/**
 * The one HTTP client for Backlog: authentication, encoding, timeouts,
 * retries, rate limits, concurrency, size caps, redirects, cancellation and
 * redaction live here (this module and the ones beside it that it uses) and
 * nowhere else.
 *
 * - `request.ts`: the request as issued and as sent, how messages name it, a call's view;
 * - `auth.ts`: the key's form (header, query) and the `auto` fallback;
 * - `rate_gate.ts`: holding back a request class after a 429; bulk spacing;
 * - `pause.ts`: waiting between attempts, cut short by cancellation;
 * - `retry.ts`: which failures are retried, when, and the final sentence;
 * - `body.ts`: reading a body under the size cap;
 * - `response.ts`: what an answer (or its absence) means, as JSON or an error.
 *
 * @module
 */

import { type Logger, silentLogger } from "../log.ts";
import { KeyForm } from "./auth.ts";
import { DEFAULT_MAX_RESPONSE_BYTES, readBody } from "./body.ts";
import { BacklogError } from "./errors.ts";
import { Limiter, runLimited } from "./limiter.ts";
import { abortableSleep, pauseBefore, type Sleep } from "./pause.ts";
import type { Params } from "./query.ts";
import { BulkSpacing, Paused, RateGate } from "./rate_gate.ts";
import {
  type ApiKeyTransport,
  type ApiPathSegments,
  type BacklogRequests,
  bindSignal,
  describeRequest,
  httpRequest,
  isSearch,
  type RequestSpec,
} from "./request.ts";
import { cancelledError, readAnswer, redirectError, transportError } from "./response.ts";
import { readDownload } from "./download.ts";
import { DEFAULT_RETRY, type RetryPolicy, RetryRules } from "./retry.ts";

export { DEFAULT_RETRY, type RetryPolicy } from "./retry.ts";
export type { ApiKeyTransport, ApiPathSegments, BacklogRequests, RequestSpec } from "./request.ts";

/** What one attempt of a request carries down to the send. */
interface Attempt {
  /** Its timeout (cut to what is left of the budget on a retry). */
  timeoutMs: number;
  /** The rate-limit reset it already waited for (0: none). */
  waitedFor: number;
  /** Its bulk spacing turn (see {@linkcode BulkSpacing.turn}). */
  spacing: number | undefined;
}

/** Options for {@linkcode BacklogClient}. */
export interface BacklogClientOptions {
  baseUrl: string;
  apiKey: string;
  transport?: ApiKeyTransport;
  timeoutMs?: number;
  logger?: Logger;
  retry?: Partial<RetryPolicy>;
  /** Requests in flight at once; Nulab asks for one per user (the default). */
  maxConcurrency?: number;
  /** Bodies larger than this are not read (default 20 MB). */
  maxResponseBytes?: number;
  /** Quiet time before a bulk search or update request (default 1000 ms; Nulab: at least 1 s). */
  bulkSpacingMs?: number;
  /** Injected for tests. */
  fetch?: typeof fetch;
  /** Resolves after `ms`; may end early once `signal` aborts (the client stops waiting then anyway). */
  sleep?: Sleep;
  now?: () => number;
}

/** Talks to Backlog's REST API v2. Stateless but for the auth fallback, rate state and counters. */
export class BacklogClient implements BacklogRequests {
  readonly #baseUrl: string;
  readonly #apiKey: string;
  readonly #timeoutMs: number;
  readonly #maxResponseBytes: number;
  readonly #log: Logger;
  readonly #fetch: typeof fetch;
  readonly #sleep: Sleep;
  readonly #now: () => number;
  readonly #all: Limiter;
  readonly #search = new Limiter(1);
  readonly #keyForm: KeyForm;
  readonly #retries: RetryRules;
  readonly #gate: RateGate;
  readonly #spacing: BulkSpacing;
  /** Whether `#fetch` is the runtime's own (so it accepts a `client`). */
  readonly #nativeFetch: boolean;
  /**
   * Writes travel on connections of their own, never reused: when a pooled
   * keep-alive connection closes before answering, Deno's fetch silently sends
   * the request again on a new one, which for a write could apply it twice.
   */
  #writeClient?: Deno.HttpClient;
  /** HTTP requests sent, retries included. */
  requestCount = 0;

  /** A client for one space; sends nothing until a request is made. */
  constructor(options: BacklogClientOptions) {
    this.#baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.#apiKey = options.apiKey;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
    this.#maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.#log = options.logger ?? silentLogger;
    this.#keyForm = new KeyForm(options.transport ?? "auto", this.#log);
    const policy = { ...DEFAULT_RETRY, ...options.retry };
    this.#fetch = options.fetch ?? fetch;
    this.#nativeFetch = options.fetch === undefined;
    this.#sleep = options.sleep ?? abortableSleep;
    this.#now = options.now ?? Date.now;
    this.#all = new Limiter(options.maxConcurrency ?? 1);
    this.#retries = new RetryRules({
      policy,
      timeoutMs: this.#timeoutMs,
      baseUrl: this.#baseUrl,
      apiKey: this.#apiKey,
      now: this.#now,
    });
    this.#gate = new RateGate({
      timeoutMs: this.#timeoutMs,
      maxWaitMs: policy.maxRateLimitWaitMs,
      defaultWaitMs: policy.defaultRateLimitWaitMs,
      log: this.#log,
      sleep: (ms, spec) => this.#pause(ms, spec),
      now: this.#now,
    });
    this.#spacing = new BulkSpacing(options.bulkSpacingMs ?? 1000, this.#now);
  }

  /** GET a JSON resource. */
  get<T>(path: ApiPathSegments, query?: Params): Promise<T> {
    return this.request<T>({ method: "GET", path, query });
  }

  /** POST a form; Backlog takes no JSON bodies. */
  post<T>(path: ApiPathSegments, form: Params): Promise<T> {
    return this.request<T>({ method: "POST", path, form });
  }

  /** PATCH a form. */
  patch<T>(path: ApiPathSegments, form: Params): Promise<T> {
    return this.request<T>({ method: "PATCH", path, form });
  }

  /** DELETE, with an optional form. */
  delete<T>(path: ApiPathSegments, form?: Params): Promise<T> {
    return this.request<T>({ method: "DELETE", path, form });
  }

  /** A view whose requests carry `signal`; see {@linkcode BacklogRequests.withSignal}. */
  withSignal(signal: AbortSignal): BacklogRequests {
    return bindSignal(this, signal);
  }

  /** Releases the connections kept for writes. */
  close(): void {
    this.#writeClient?.close();
    this.#writeClient = undefined;
  }

  /** Sends a request with retries; resolves with the parsed JSON body. */
  async request<T>(spec: RequestSpec): Promise<T> {
    const started = this.#now();
    const deadline = this.#retries.deadline(started);
    let timeoutMs = this.#timeoutMs;
    /** The rate-limit reset this request already waited for (0: none). */
    let waitedFor = 0;
    for (let attempt = 1;; attempt++) {
      try {
        if (spec.signal?.aborted) throw cancelledError(describeRequest(spec));
        if (!waitedFor) waitedFor = await this.#gate.pass(spec, deadline);
        const turn = this.#spacing.turn(spec);
        if (turn.waitMs > 0) await this.#pause(turn.waitMs, spec);
        const attempt = { timeoutMs, waitedFor, spacing: turn.mark };
        return await this.#keyForm.send((inQuery) => this.#once<T>(spec, inQuery, attempt));
      } catch (error) {
        if (error instanceof Paused) {
          // Its class met a 429 (or another bulk request went) while it queued: not an attempt.
          attempt--;
          waitedFor = 0;
          continue;
        }
        waitedFor = error instanceof BacklogError && error.kind === "rate_limited"
          ? error.resetAt ?? 0
          : 0;
        const failed = { spec, error, attempt };
        const wait = spec.signal?.aborted ? undefined : this.#retries.delay(failed, deadline);
        if (wait === undefined) throw this.#retries.givingUp(failed, this.#now() - started);
        this.#log.warn("retrying Backlog request", {
          request: describeRequest(spec),
          attempt,
          waitMs: wait,
          reason: error instanceof BacklogError ? error.kind : String(error),
        });
        await this.#pause(wait, spec);
        timeoutMs = this.#retries.timeoutFor(deadline);
      }
    }
  }

  /** Sleeps `ms` before `spec` goes, or throws the cancelled error once its signal aborts. */
  #pause(ms: number, spec: RequestSpec): Promise<void> {
    return pauseBefore(spec, ms, this.#sleep);
  }

  /**
   * One request within the concurrency limits. Not sent while its class is
   * paused by a reset later than the one it waited for (a 429 reported while
   * it queued), nor, for a bulk request, once another request of its class
   * went while it waited for its spacing.
   */
  async #once<T>(spec: RequestSpec, keyInQuery: boolean, attempt: Attempt): Promise<T> {
    const limiters = isSearch(spec) ? [this.#search, this.#all] : [this.#all];
    return await runLimited(limiters, async () => {
      if (spec.signal?.aborted) throw cancelledError(describeRequest(spec));
      this.#gate.checkStillOpen(spec, attempt.waitedFor);
      if (!this.#spacing.stillYours(spec, attempt.spacing)) throw new Paused();
      try {
        return await this.#send<T>(spec, keyInQuery, attempt.timeoutMs);
      } finally {
        this.#spacing.ended(spec);
      }
    });
  }

  async #send<T>(spec: RequestSpec, keyInQuery: boolean, timeoutMs: number): Promise<T> {
    const label = describeRequest(spec);
    const { url, headers, body } = httpRequest(spec, {
      baseUrl: this.#baseUrl,
      apiKey: this.#apiKey,
      keyInQuery,
    });
    // A write once sent runs to its answer, cancelled or not, so its outcome is known and logged.
    const callSignal = spec.method === "GET" ? spec.signal : undefined;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = callSignal ? AbortSignal.any([timeout, callSignal]) : timeout;
    const failed = (cause: unknown) =>
      transportError(cause, {
        label,
        apiKey: this.#apiKey,
        baseUrl: this.#baseUrl,
        timeoutMs,
        cancelled: callSignal?.aborted === true,
      });

    const started = this.#now();
    this.requestCount++;
    let response: Response;
    try {
      // Never follow a redirect: fetch would take the key along to wherever it points.
      const init: RequestInit & { client?: Deno.HttpClient } = {
        method: spec.method,
        headers,
        body,
        signal,
        redirect: "manual",
      };
      if (spec.method !== "GET" && this.#nativeFetch) {
        init.client = this.#writeClient ??= Deno.createHttpClient({ poolMaxIdlePerHost: 0 });
      }
      response = await this.#fetch(url, init);
    } catch (cause) {
      throw failed(cause);
    }
    this.#log.debug("backlog", {
      request: label,
      status: response.status,
      ms: this.#now() - started,
    });
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel().catch(() => {});
      throw redirectError(response, url, label);
    }
    if (spec.download && response.ok) {
      return await readDownload(response, spec.download.maxBytes).catch((cause) => {
        throw failed(cause);
      }) as T;
    }
    // Later requests of this class wait for the reset instead of meeting 429s of their own.
    const resetAt = response.status === 429
      ? this.#gate.limited(spec, response.headers.get("x-ratelimit-reset"))
      : undefined;
    const text = await readBody(response, {
      label,
      method: spec.method,
      maxBytes: this.#maxResponseBytes,
    }).catch((cause) => {
      throw failed(cause);
    });
    return readAnswer<T>(response, text, { label, apiKey: this.#apiKey, resetAt });
  }
}
