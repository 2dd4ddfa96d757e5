/**
 * The one HTTP client for Backlog: authentication, encoding, timeouts,
 * retries, rate limits, concurrency and redaction live here (this module and
 * the ones beside it that it uses) and nowhere else.
 *
 * - `request.ts`: the request as issued, and how messages name it;
 * - `rate_gate.ts`: holding back a request class after a 429;
 * - `retry.ts`: which failures are retried, when, and the final sentence;
 * - `response.ts`: what an answer (or its absence) means, as JSON or an error;
 * - `failure_notes.ts`: what went wrong with each error, for that sentence.
 *
 * @module
 */

import type { ApiKeyTransport } from "../config/config.ts";
import { type Logger, silentLogger } from "../log.ts";
import { BacklogError } from "./errors.ts";
import { FailureNotes } from "./failure_notes.ts";
import { Limiter, runLimited } from "./limiter.ts";
import { apiPath, encodeParams, type Params } from "./query.ts";
import { Paused, RateGate } from "./rate_gate.ts";
import { describeRequest, isSearch, type RequestSpec } from "./request.ts";
import { type AnswerContext, rateLimitReset, readAnswer, transportError } from "./response.ts";
import { readDownload } from "./download.ts";
import { DEFAULT_RETRY, type RetryPolicy, RetryRules } from "./retry.ts";

export { DEFAULT_RETRY, type RetryPolicy } from "./retry.ts";
export type { RequestSpec } from "./request.ts";

/** Options for {@linkcode BacklogClient}. */
export interface BacklogClientOptions {
  baseUrl: string;
  apiKey: string;
  transport?: ApiKeyTransport;
  timeoutMs?: number;
  logger?: Logger;
  retry?: Partial<RetryPolicy>;
  /** Requests in flight at once (Backlog asks clients not to fan out). */
  maxConcurrency?: number;
  /** Injected for tests. */
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

/** Talks to Backlog's REST API v2. Stateless but for the auth fallback and counters. */
export class BacklogClient {
  readonly #baseUrl: string;
  readonly #apiKey: string;
  readonly #transport: ApiKeyTransport;
  readonly #timeoutMs: number;
  readonly #log: Logger;
  readonly #fetch: typeof fetch;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #all: Limiter;
  readonly #search = new Limiter(1);
  /** Set once the header form got a 401 and the query form worked (`auto`). */
  #keyInQuery: boolean;
  /** Set once Backlog accepted the header form: a later 401 means the key itself was rejected. */
  #headerWorked = false;
  /** What went wrong with each error, for the sentence a caller gets in the end. */
  readonly #notes = new FailureNotes();
  readonly #retries: RetryRules;
  readonly #gate: RateGate;
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

  constructor(options: BacklogClientOptions) {
    this.#baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.#apiKey = options.apiKey;
    this.#transport = options.transport ?? "auto";
    this.#keyInQuery = this.#transport === "query";
    this.#timeoutMs = options.timeoutMs ?? 15_000;
    this.#log = options.logger ?? silentLogger;
    const policy = { ...DEFAULT_RETRY, ...options.retry };
    this.#fetch = options.fetch ?? fetch;
    this.#nativeFetch = options.fetch === undefined;
    this.#sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.#all = new Limiter(options.maxConcurrency ?? 3);
    this.#retries = new RetryRules({
      policy,
      timeoutMs: this.#timeoutMs,
      notes: this.#notes,
      baseUrl: this.#baseUrl,
      apiKey: this.#apiKey,
    });
    this.#gate = new RateGate({
      timeoutMs: this.#timeoutMs,
      maxWaitMs: policy.maxRateLimitWaitMs,
      log: this.#log,
      sleep: this.#sleep,
      notes: this.#notes,
    });
  }

  /** GET a JSON resource. */
  get<T>(path: readonly (string | number)[], query?: Params): Promise<T> {
    return this.request<T>({ method: "GET", path, query });
  }

  /** POST a form; Backlog takes no JSON bodies. */
  post<T>(path: readonly (string | number)[], form: Params): Promise<T> {
    return this.request<T>({ method: "POST", path, form });
  }

  /** PATCH a form. */
  patch<T>(path: readonly (string | number)[], form: Params): Promise<T> {
    return this.request<T>({ method: "PATCH", path, form });
  }

  /** Releases the connections kept for writes. */
  close(): void {
    this.#writeClient?.close();
    this.#writeClient = undefined;
  }

  /** Sends a request with retries; resolves with the parsed JSON body. */
  async request<T>(spec: RequestSpec): Promise<T> {
    const started = Date.now();
    const deadline = this.#retries.deadline(started);
    let timeoutMs = this.#timeoutMs;
    /** The rate-limit reset this request already waited for (0: none). */
    let waitedFor = 0;
    for (let attempt = 1;; attempt++) {
      try {
        if (!waitedFor) waitedFor = await this.#gate.pass(spec, deadline);
        return await this.#authenticated<T>(spec, timeoutMs, waitedFor);
      } catch (error) {
        if (error instanceof Paused) {
          // Its class met a 429 while it queued: wait at the gate, not an attempt.
          attempt--;
          waitedFor = 0;
          continue;
        }
        waitedFor = error instanceof BacklogError && error.kind === "rate_limited"
          ? error.resetAt ?? 0
          : 0;
        const wait = this.#retries.delay(spec, error, attempt, deadline);
        if (wait === undefined) {
          throw this.#retries.givingUp(spec, error, attempt, Date.now() - started);
        }
        this.#log.warn("retrying Backlog request", {
          request: describeRequest(spec),
          attempt,
          waitMs: wait,
          reason: error instanceof BacklogError ? error.kind : String(error),
        });
        await this.#sleep(wait);
        timeoutMs = this.#retries.timeoutFor(deadline);
      }
    }
  }

  /** One attempt, switching to the `apiKey` query form once in `auto` mode after a 401. */
  async #authenticated<T>(spec: RequestSpec, timeoutMs: number, waitedFor: number): Promise<T> {
    try {
      const result = await this.#once<T>(spec, this.#keyInQuery, timeoutMs, waitedFor);
      if (!this.#keyInQuery) this.#headerWorked = true;
      return result;
    } catch (error) {
      // Once the header worked, a 401 means the key was revoked, not that this
      // install wants the query form: never put the key in a URL for that.
      if (
        !(error instanceof BacklogError) || error.kind !== "auth" ||
        this.#transport !== "auto" || this.#keyInQuery || this.#headerWorked
      ) throw error;
      const result = await this.#once<T>(spec, true, timeoutMs, waitedFor);
      this.#keyInQuery = true;
      this.#log.warn(
        "Backlog rejected the Backlog-API-Key header but accepted the apiKey query parameter; using the query form from now on",
      );
      return result;
    }
  }

  /**
   * One request within the concurrency limits. Not sent while its class is
   * paused by a reset later than `waitedFor` (one a 429 reported while it queued).
   */
  async #once<T>(
    spec: RequestSpec,
    keyInQuery: boolean,
    timeoutMs: number,
    waitedFor: number,
  ): Promise<T> {
    const limiters = isSearch(spec) ? [this.#search, this.#all] : [this.#all];
    return await runLimited(limiters, () => {
      this.#gate.checkStillOpen(spec, waitedFor);
      return this.#send<T>(spec, keyInQuery, timeoutMs);
    });
  }

  async #send<T>(spec: RequestSpec, keyInQuery: boolean, timeoutMs: number): Promise<T> {
    const label = describeRequest(spec);
    const context: AnswerContext = { label, apiKey: this.#apiKey, notes: this.#notes };
    const url = new URL(this.#baseUrl + apiPath(spec.path));
    url.search = encodeParams(spec.query).toString();
    if (keyInQuery) url.searchParams.set("apiKey", this.#apiKey);
    const headers = new Headers({ Accept: "application/json" });
    if (!keyInQuery) headers.set("Backlog-API-Key", this.#apiKey);
    let body: string | undefined;
    if (spec.form) {
      headers.set("Content-Type", "application/x-www-form-urlencoded");
      body = encodeParams(spec.form).toString();
    }

    const started = Date.now();
    this.requestCount++;
    let response: Response;
    try {
      const init: RequestInit & { client?: Deno.HttpClient } = {
        method: spec.method,
        headers,
        body,
        signal: AbortSignal.timeout(timeoutMs),
      };
      if (spec.method !== "GET" && this.#nativeFetch) {
        init.client = this.#writeClient ??= Deno.createHttpClient({ poolMaxIdlePerHost: 0 });
      }
      response = await this.#fetch(url, init);
    } catch (cause) {
      throw transportError(cause, timeoutMs, { ...context, baseUrl: this.#baseUrl });
    }

    if (spec.download && response.ok) {
      return await readDownload(response, spec.download.maxBytes).catch((cause) => {
        throw transportError(cause, timeoutMs, { ...context, baseUrl: this.#baseUrl });
      }) as T;
    }
    const text = await response.text().catch((cause) => {
      throw transportError(cause, timeoutMs, { ...context, baseUrl: this.#baseUrl });
    });
    this.#log.debug("backlog", {
      request: label,
      status: response.status,
      ms: Date.now() - started,
    });
    // Later requests of this class wait for the reset instead of meeting 429s of their own.
    const resetAt = rateLimitReset(response.headers);
    if (response.status === 429 && resetAt !== undefined) this.#gate.pause(spec, resetAt);
    return readAnswer<T>(response, text, context);
  }
}
