/**
 * The one HTTP client for Backlog: authentication, encoding, timeouts,
 * retries, rate limits, concurrency and redaction live here and nowhere else.
 *
 * @module
 */

import type { ApiKeyTransport } from "../config/config.ts";
import { type Logger, silentLogger } from "../log.ts";
import { BacklogError, httpError, parseErrorEntries } from "./errors.ts";
import { Limiter } from "./limiter.ts";
import { apiPath, encodeParams, type Params } from "./query.ts";
import { redactSecrets } from "./redact.ts";

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
}

/** Defaults: a request, retries included, ends within about 20 s. */
export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 400,
  budgetMs: 20_000,
  maxRateLimitWaitMs: 10_000,
};

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

type Method = "GET" | "POST" | "PATCH" | "DELETE";

/** A request as issued by the API layer. */
export interface RequestSpec {
  method: Method;
  path: readonly (string | number)[];
  query?: Params;
  form?: Params;
}

const JSON_TYPE = /^application\/(?:[\w.+-]*\+)?json\b/i;

/** The least time a retry is given to get an answer. */
const MIN_RETRY_WINDOW_MS = 1000;

/** Backlog search endpoints, which Backlog asks to be sent one at a time. */
const isSearch = (spec: RequestSpec) =>
  spec.method === "GET" && spec.path[0] === "issues" &&
  (spec.path.length === 1 || (spec.path.length === 2 && spec.path[1] === "count"));

/** Backlog's rate-limit class of a request (icons are not fetched here). */
type RateClass = "read" | "update" | "search";
const rateClass = (spec: RequestSpec): RateClass =>
  spec.method !== "GET" ? "update" : isSearch(spec) ? "search" : "read";

/** Talks to Backlog's REST API v2. Stateless but for the auth fallback and counters. */
export class BacklogClient {
  readonly #baseUrl: string;
  readonly #apiKey: string;
  readonly #transport: ApiKeyTransport;
  readonly #timeoutMs: number;
  readonly #log: Logger;
  readonly #retry: RetryPolicy;
  readonly #fetch: typeof fetch;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #all: Limiter;
  readonly #search = new Limiter(1);
  /** Set once the header form got a 401 and the query form worked (`auto`). */
  #keyInQuery: boolean;
  /** Set once Backlog accepted the header form: a later 401 means the key itself was rejected. */
  #headerWorked = false;
  /** What went wrong, as a phrase for the final sentence ("HTTP 503: Unavailable"). */
  readonly #failures = new WeakMap<BacklogError, string>();
  /** Errors no retry can fix, whatever their kind (a denied Deno permission). */
  readonly #final = new WeakSet<BacklogError>();
  /** Whether `#fetch` is the runtime's own (so it accepts a `client`). */
  readonly #nativeFetch: boolean;
  /**
   * Writes travel on connections of their own, never reused: when a pooled
   * keep-alive connection closes before answering, Deno's fetch silently sends
   * the request again on a new one, which for a write could apply it twice.
   */
  #writeClient?: Deno.HttpClient;
  /**
   * Per rate-limit class, when Backlog said its window resets after a 429:
   * until then new requests of that class wait (or fail at once when the
   * reset is too far) instead of each meeting a 429 of its own.
   */
  readonly #pausedUntil = new Map<RateClass, number>();
  /** HTTP requests sent, retries included. */
  requestCount = 0;

  constructor(options: BacklogClientOptions) {
    this.#baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.#apiKey = options.apiKey;
    this.#transport = options.transport ?? "auto";
    this.#keyInQuery = this.#transport === "query";
    this.#timeoutMs = options.timeoutMs ?? 15_000;
    this.#log = options.logger ?? silentLogger;
    this.#retry = { ...DEFAULT_RETRY, ...options.retry };
    this.#fetch = options.fetch ?? fetch;
    this.#nativeFetch = options.fetch === undefined;
    this.#sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.#all = new Limiter(options.maxConcurrency ?? 3);
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
    const deadline = started + this.#retry.budgetMs;
    let timeoutMs = this.#timeoutMs;
    /** The rate-limit reset this request already waited for (0: none). */
    let waitedFor = 0;
    for (let attempt = 1;; attempt++) {
      try {
        if (!waitedFor) waitedFor = await this.#rateLimitGate(spec, deadline);
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
        const wait = this.#retryDelay(spec, error, attempt, deadline);
        if (wait === undefined) throw this.#givingUp(spec, error, attempt, Date.now() - started);
        this.#log.warn("retrying Backlog request", {
          request: describe(spec),
          attempt,
          waitMs: wait,
          reason: error instanceof BacklogError ? error.kind : String(error),
        });
        await this.#sleep(wait);
        const floor = Math.min(this.#timeoutMs, MIN_RETRY_WINDOW_MS);
        timeoutMs = Math.max(floor, Math.min(this.#timeoutMs, deadline - Date.now()));
      }
    }
  }

  /**
   * Waits while Backlog's window for this request's class is known to be used
   * up; resolves with the reset it waited for (0: it did not wait).
   */
  async #rateLimitGate(spec: RequestSpec, deadline: number): Promise<number> {
    const cls = rateClass(spec);
    const until = this.#pausedUntil.get(cls);
    if (until === undefined) return 0;
    const wait = until - Date.now();
    if (wait <= 0) {
      this.#pausedUntil.delete(cls);
      return 0;
    }
    const window = Math.min(this.#timeoutMs, MIN_RETRY_WINDOW_MS);
    if (wait > this.#retry.maxRateLimitWaitMs || Date.now() + wait + window > deadline) {
      const error = new BacklogError(
        `Backlog's rate limit for this API key is used up until ${
          new Date(until).toISOString()
        } (an earlier request got HTTP 429), so ${
          describe(spec)
        } was not sent; retry after that time.`,
        { kind: "rate_limited", status: 429, resetAt: until, request: describe(spec) },
      );
      throw this.#failed(error, "HTTP 429", true);
    }
    this.#log.info("waiting for Backlog's rate limit to reset", {
      request: describe(spec),
      waitMs: wait + 250,
    });
    await this.#sleep(wait + 250);
    return until;
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

  /** Decides whether and how long to wait before another attempt; undefined = give up. */
  #retryDelay(spec: RequestSpec, error: unknown, attempt: number, deadline: number) {
    if (!(error instanceof BacklogError) || this.#final.has(error)) return undefined;
    if (attempt >= this.#retry.maxAttempts) return undefined;
    let wait: number;
    if (error.kind === "rate_limited") {
      // Backlog cannot have applied a request it refused with 429, so writes retry too.
      const untilReset = (error.resetAt ?? Date.now() + 1000) - Date.now();
      if (untilReset > this.#retry.maxRateLimitWaitMs) return undefined;
      wait = Math.max(0, untilReset) + 250;
    } else if (spec.method === "GET" && error.transient) {
      const base = this.#retry.baseDelayMs * 2 ** (attempt - 1);
      wait = Math.round(base * (0.5 + Math.random()));
    } else {
      return undefined;
    }
    // Only a retry that can still get an answer within the budget is worth starting.
    const window = Math.min(this.#timeoutMs, MIN_RETRY_WINDOW_MS);
    return Date.now() + wait + window > deadline ? undefined : wait;
  }

  /**
   * The error a caller gets once no retry follows: for failures a retry could
   * have fixed, one sentence saying what failed, how often it was tried and
   * whether to retry later; other errors as they are.
   */
  #givingUp(spec: RequestSpec, error: unknown, attempts: number, elapsedMs: number): unknown {
    if (!(error instanceof BacklogError) || this.#final.has(error)) return error;
    const label = describe(spec);
    const failure = this.#failures.get(error) ?? `HTTP ${error.status}`;
    const what = `${failure}${
      attempts > 1 ? `, ${attempts} attempts over ${seconds(elapsedMs)}` : ""
    }`;
    let sentence: string;
    if (error.kind === "rate_limited") {
      const until = error.resetAt ? ` until ${new Date(error.resetAt).toISOString()}` : "";
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
    const final = new BacklogError(redactSecrets(sentence, [this.#apiKey]), {
      kind: error.kind,
      status: error.status,
      entries: error.entries,
      resetAt: error.resetAt,
      request: error.request,
    });
    this.#failures.set(final, failure);
    return final;
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
      const until = this.#pausedUntil.get(rateClass(spec));
      if (until !== undefined && until > waitedFor && until > Date.now()) throw new Paused();
      return this.#send<T>(spec, keyInQuery, timeoutMs);
    });
  }

  async #send<T>(spec: RequestSpec, keyInQuery: boolean, timeoutMs: number): Promise<T> {
    const label = describe(spec);
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
      throw this.#transportError(cause, label, timeoutMs);
    }

    const text = await response.text().catch((cause) => {
      throw this.#transportError(cause, label, timeoutMs);
    });
    this.#log.debug("backlog", {
      request: label,
      status: response.status,
      ms: Date.now() - started,
    });
    const contentType = response.headers.get("content-type") ?? "";
    const parsed = JSON_TYPE.test(contentType) ? tryParseJson(text) : undefined;

    if (response.ok) {
      if (parsed === undefined) {
        const body = describeBody(contentType, text);
        throw this.#failed(
          new BacklogError(
            `Backlog answered ${label} with ${body} instead of JSON (HTTP ${response.status}): check that BACKLOG_DOMAIN / BACKLOG_BASE_URL points at a Backlog space, and if it does, retry later.`,
            { kind: "bad_response", status: response.status, request: label },
          ),
          `HTTP ${response.status} with ${body}`,
        );
      }
      return parsed.value as T;
    }

    const entries = parseErrorEntries(parsed?.value);
    if (entries.length === 0 && response.status !== 429 && response.status !== 401) {
      const kind = response.status >= 500 ? "server" : "bad_response";
      const body = describeBody(contentType, text);
      throw this.#failed(
        new BacklogError(
          `Backlog answered ${label} with HTTP ${response.status} and ${body} instead of a Backlog error${
            kind === "server" ? ": this is usually temporary, so retry in a minute." : "."
          }`,
          { kind, status: response.status, request: label },
        ),
        `HTTP ${response.status} with ${body}`,
      );
    }
    const reset = Number(response.headers.get("x-ratelimit-reset"));
    const resetAt = Number.isFinite(reset) && reset > 0 ? reset * 1000 : undefined;
    if (response.status === 429 && resetAt !== undefined) {
      const cls = rateClass(spec);
      this.#pausedUntil.set(cls, Math.max(resetAt, this.#pausedUntil.get(cls) ?? 0));
    }
    const said = entries.map((e) => e.message.trim().replace(/\.$/, "")).filter(Boolean).join("; ");
    return this.#throwHttp(
      redactError(httpError(response.status, entries, label, resetAt), this.#apiKey),
      `HTTP ${response.status}${said ? `: ${said}` : ""}`,
    );
  }

  #throwHttp(error: BacklogError, failure: string): never {
    throw this.#failed(error, redactSecrets(failure, [this.#apiKey]));
  }

  /** Records what went wrong with `error`, for the sentence a caller gets in the end. */
  #failed(error: BacklogError, failure: string, final = false): BacklogError {
    this.#failures.set(error, failure);
    if (final) this.#final.add(error);
    return error;
  }

  #transportError(cause: unknown, label: string, timeoutMs: number): BacklogError {
    const name = cause instanceof Error ? cause.name : "";
    if (name === "TimeoutError" || name === "AbortError") {
      const limit = `no answer within ${seconds(timeoutMs)}`;
      return this.#failed(
        new BacklogError(
          `Backlog did not answer ${label} within ${
            seconds(timeoutMs)
          }: retry later, or raise BACKLOG_TIMEOUT_MS if Backlog is just slow.`,
          { kind: "timeout", request: label },
        ),
        limit,
      );
    }
    if (name === "NotCapable" || name === "PermissionDenied") {
      // Deno's --allow-net does not cover the configured host: no retry can help.
      const host = new URL(this.#baseUrl).host;
      return this.#failed(
        new BacklogError(
          `This server process is not allowed to connect to ${host} (Deno's --allow-net), so ${label} was not sent: start it with \`mise run mcp\` or \`deno task mcp\`, which allow exactly the host of BACKLOG_DOMAIN / BACKLOG_BASE_URL.`,
          { kind: "network", request: label },
        ),
        "network permission denied",
        true,
      );
    }
    const detail = redactSecrets(cause instanceof Error ? cause.message : String(cause), [
      this.#apiKey,
    ]);
    return this.#failed(
      new BacklogError(
        redactSecrets(
          `Could not reach Backlog at ${this.#baseUrl} for ${label} (${detail}): check BACKLOG_DOMAIN / BACKLOG_BASE_URL and the network, then retry.`,
          [this.#apiKey],
        ),
        { kind: "network", request: label },
      ),
      detail,
    );
  }
}

/** A queued request whose class met a 429 meanwhile: it goes back to the gate, unsent. */
class Paused extends Error {}

async function runLimited<T>(limiters: Limiter[], task: () => Promise<T>): Promise<T> {
  if (limiters.length === 0) return await task();
  const [first, ...rest] = limiters;
  return await first.run(() => runLimited(rest, task));
}

/** `GET /api/v2/issues/PROJ-1` — method and path, never the query (which may hold the key). */
function describe(spec: RequestSpec): string {
  return `${spec.method} ${apiPath(spec.path)}`;
}

/** `1.4 s`, `15 s`. */
function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

function tryParseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/** "an HTML page (\"502 Bad Gateway\")", "malformed JSON", "an empty body" … */
function describeBody(contentType: string, text: string): string {
  if (!text.trim()) return "an empty body";
  if (/html/i.test(contentType) || /^\s*</.test(text)) {
    const title = /<title[^>]*>([^<]{1,80})/i.exec(text)?.[1]?.trim();
    return title ? `an HTML page ("${title}")` : "an HTML page";
  }
  if (JSON_TYPE.test(contentType)) return "malformed JSON";
  return `a ${contentType.split(";")[0] || "non-JSON"} body`;
}

function redactError(error: BacklogError, apiKey: string): BacklogError {
  const message = redactSecrets(error.message, [apiKey]);
  if (message === error.message) return error;
  return new BacklogError(message, {
    kind: error.kind,
    status: error.status,
    entries: error.entries,
    resetAt: error.resetAt,
    request: error.request,
  });
}
