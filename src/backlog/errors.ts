/**
 * Typed errors for everything that can go wrong talking to Backlog, each with
 * a message a person can act on. Messages never contain the API key: they are
 * built from the method, the path (no query string) and Backlog's own text.
 *
 * @module
 */

/** What went wrong, coarsely; tools and retries branch on this. */
export type BacklogErrorKind =
  | "auth" // 401
  | "forbidden" // 403
  | "not_found" // 404
  | "invalid" // 400 and other 4xx
  | "rate_limited" // 429
  | "server" // 5xx
  | "network" // connection refused, reset, DNS
  | "timeout" // no answer within the per-request timeout
  | "bad_response"; // 2xx/4xx/5xx whose body is not the JSON we expect

/** One entry of Backlog's `{"errors":[…]}` body. */
export interface BacklogErrorEntry {
  message: string;
  code?: number;
  moreInfo?: string;
}

/** Options for {@linkcode BacklogError}. */
export interface BacklogErrorInit {
  kind: BacklogErrorKind;
  status?: number;
  entries?: BacklogErrorEntry[];
  /** For 429: when the rate-limit window resets (epoch ms). */
  resetAt?: number;
  /** `GET /api/v2/issues` — method and path only. */
  request?: string;
}

/** An error from the Backlog client; `message` is ready to show to a user. */
export class BacklogError extends Error {
  readonly kind: BacklogErrorKind;
  readonly status?: number;
  readonly entries: BacklogErrorEntry[];
  readonly resetAt?: number;
  readonly request?: string;

  constructor(message: string, init: BacklogErrorInit) {
    super(message);
    this.name = "BacklogError";
    this.kind = init.kind;
    this.status = init.status;
    this.entries = init.entries ?? [];
    this.resetAt = init.resetAt;
    this.request = init.request;
  }

  /** Backlog's first error code (e.g. 6 for NoResourceError), when it sent one. */
  get code(): number | undefined {
    return this.entries[0]?.code;
  }

  /** Backlog's own messages joined, e.g. `No issue.` */
  get backlogMessage(): string {
    return this.entries.map((e) => e.message).filter(Boolean).join(" ");
  }

  /** Whether trying again later could succeed. */
  get transient(): boolean {
    return ["rate_limited", "server", "network", "timeout"].includes(this.kind) ||
      (this.kind === "bad_response" && (this.status ?? 0) >= 500);
  }
}

/** Parses Backlog's error body; returns [] when it is not in Backlog's shape. */
export function parseErrorEntries(body: unknown): BacklogErrorEntry[] {
  if (!body || typeof body !== "object" || !("errors" in body)) return [];
  const errors = (body as { errors: unknown }).errors;
  if (!Array.isArray(errors)) return [];
  return errors
    .filter((e): e is Record<string, unknown> => !!e && typeof e === "object")
    .map((e) => ({
      message: typeof e.message === "string" ? e.message : "",
      code: typeof e.code === "number" ? e.code : undefined,
      moreInfo: typeof e.moreInfo === "string" ? e.moreInfo : undefined,
    }));
}

/** Builds the error for an HTTP answer that was not a success. */
export function httpError(
  status: number,
  entries: BacklogErrorEntry[],
  request: string,
  resetAt?: number,
): BacklogError {
  const said = entries.map((e) => e.message).filter(Boolean).join(" ");
  const backlog = said ? `: ${said}` : "";
  const code = entries[0]?.code !== undefined ? `, code ${entries[0].code}` : "";
  const init = { status, entries, request, resetAt };
  if (status === 401) {
    return new BacklogError(
      `The API key was rejected by Backlog (HTTP 401${code}${backlog}). Check BACKLOG_API_KEY and that it belongs to a user of this space.`,
      { kind: "auth", ...init },
    );
  }
  if (status === 403) {
    return new BacklogError(
      `Backlog refused ${request} (HTTP 403${code}${backlog}): the key's user lacks permission for this.`,
      { kind: "forbidden", ...init },
    );
  }
  if (status === 404) {
    return new BacklogError(`Backlog found nothing at ${request} (HTTP 404${code}${backlog}).`, {
      kind: "not_found",
      ...init,
    });
  }
  if (status === 429) {
    const when = resetAt ? ` It resets at ${new Date(resetAt).toISOString()}.` : "";
    return new BacklogError(
      `Backlog's rate limit was reached (HTTP 429${code}${backlog}).${when} Retry after that.`,
      { kind: "rate_limited", ...init },
    );
  }
  if (status >= 500) {
    return new BacklogError(
      `Backlog had a server error on ${request} (HTTP ${status}${code}${backlog}). This is usually temporary; retry in a minute.`,
      { kind: "server", ...init },
    );
  }
  return new BacklogError(`Backlog rejected ${request} (HTTP ${status}${code}${backlog}).`, {
    kind: "invalid",
    ...init,
  });
}

/** A duration as messages show it: `1.4 s`, `15 s`. */
export function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

/** A copy of `error` with another message; everything else is kept. */
export function withMessage(error: BacklogError, message: string): BacklogError {
  return new BacklogError(message, {
    kind: error.kind,
    status: error.status,
    entries: error.entries,
    resetAt: error.resetAt,
    request: error.request,
  });
}
