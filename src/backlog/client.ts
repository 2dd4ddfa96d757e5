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

/** Retry behaviour; see {@linkcode DEFAULT_RETRY}. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** First backoff delay; doubles each time, with ±50% jitter. */
  baseDelayMs: number;
  /** No retry starts once this much time has passed since the first attempt. */
  budgetMs: number;
  /** A 429 is waited out only when its reset is at most this far away. */
  maxRateLimitWaitMs: number;
}

/** Defaults: a tool call never spends more than ~20 s in retries. */
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

/** Backlog search endpoints, which Backlog asks to be sent one at a time. */
const isSearch = (spec: RequestSpec) =>
  spec.method === "GET" && spec.path[0] === "issues" &&
  (spec.path.length === 1 || (spec.path.length === 2 && spec.path[1] === "count"));

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

  /** Sends a request with retries; resolves with the parsed JSON body. */
  async request<T>(spec: RequestSpec): Promise<T> {
    const started = Date.now();
    for (let attempt = 1;; attempt++) {
      try {
        return await this.#authenticated<T>(spec);
      } catch (error) {
        const wait = this.#retryDelay(spec, error, attempt, Date.now() - started);
        if (wait === undefined) throw error;
        this.#log.warn("retrying Backlog request", {
          request: describe(spec),
          attempt,
          waitMs: wait,
          reason: error instanceof BacklogError ? error.kind : String(error),
        });
        await this.#sleep(wait);
      }
    }
  }

  /** One attempt, switching to the `apiKey` query form once in `auto` mode after a 401. */
  async #authenticated<T>(spec: RequestSpec): Promise<T> {
    try {
      return await this.#once<T>(spec, this.#keyInQuery);
    } catch (error) {
      if (
        !(error instanceof BacklogError) || error.kind !== "auth" ||
        this.#transport !== "auto" || this.#keyInQuery
      ) throw error;
      const result = await this.#once<T>(spec, true);
      this.#keyInQuery = true;
      this.#log.warn(
        "Backlog rejected the Backlog-API-Key header but accepted the apiKey query parameter; using the query form from now on",
      );
      return result;
    }
  }

  /** Decides whether and how long to wait before another attempt; undefined = give up. */
  #retryDelay(spec: RequestSpec, error: unknown, attempt: number, elapsed: number) {
    if (!(error instanceof BacklogError) || attempt >= this.#retry.maxAttempts) return undefined;
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
    return elapsed + wait > this.#retry.budgetMs ? undefined : wait;
  }

  async #once<T>(spec: RequestSpec, keyInQuery: boolean): Promise<T> {
    const limiters = isSearch(spec) ? [this.#search, this.#all] : [this.#all];
    return await runLimited(limiters, () => this.#send<T>(spec, keyInQuery));
  }

  async #send<T>(spec: RequestSpec, keyInQuery: boolean): Promise<T> {
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
      response = await this.#fetch(url, {
        method: spec.method,
        headers,
        body,
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (cause) {
      throw this.#transportError(cause, label);
    }

    const text = await response.text().catch((cause) => {
      throw this.#transportError(cause, label);
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
        throw new BacklogError(
          `Backlog answered ${label} with ${
            describeBody(contentType, text)
          } instead of JSON (HTTP ${response.status}). Check BACKLOG_DOMAIN / BACKLOG_BASE_URL points at a Backlog space.`,
          { kind: "bad_response", status: response.status, request: label },
        );
      }
      return parsed.value as T;
    }

    const entries = parseErrorEntries(parsed?.value);
    if (entries.length === 0 && response.status !== 429 && response.status !== 401) {
      const kind = response.status >= 500 ? "server" : "bad_response";
      throw new BacklogError(
        `Backlog answered ${label} with HTTP ${response.status} and ${
          describeBody(contentType, text)
        } instead of a Backlog error.${
          kind === "server" ? " This is usually temporary; retry in a minute." : ""
        }`,
        { kind, status: response.status, request: label },
      );
    }
    const reset = Number(response.headers.get("x-ratelimit-reset"));
    const resetAt = Number.isFinite(reset) && reset > 0 ? reset * 1000 : undefined;
    throw redactError(httpError(response.status, entries, label, resetAt), this.#apiKey);
  }

  #transportError(cause: unknown, label: string): BacklogError {
    const name = cause instanceof Error ? cause.name : "";
    if (name === "TimeoutError" || name === "AbortError") {
      return new BacklogError(
        `Backlog did not answer ${label} within ${
          this.#timeoutMs / 1000
        } s. Retry later, or raise BACKLOG_TIMEOUT_MS.`,
        { kind: "timeout", request: label },
      );
    }
    const detail = cause instanceof Error ? cause.message : String(cause);
    return new BacklogError(
      redactSecrets(
        `Could not reach Backlog at ${this.#baseUrl} for ${label} (${detail}). Check BACKLOG_DOMAIN / BACKLOG_BASE_URL and the network, then retry.`,
        [this.#apiKey],
      ),
      { kind: "network", request: label },
    );
  }
}

async function runLimited<T>(limiters: Limiter[], task: () => Promise<T>): Promise<T> {
  if (limiters.length === 0) return await task();
  const [first, ...rest] = limiters;
  return await first.run(() => runLimited(rest, task));
}

/** `GET /api/v2/issues/PROJ-1` — method and path, never the query (which may hold the key). */
function describe(spec: RequestSpec): string {
  return `${spec.method} ${apiPath(spec.path)}`;
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
