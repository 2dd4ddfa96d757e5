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
  | "redirect" // 3xx: never followed, the key must not travel to another address
  | "too_large" // a body over the configured cap: not read, not retried
  | "cancelled" // the caller gave up (MCP notifications/cancelled)
  | "network" // connection refused, reset, DNS
  | "timeout" // no answer within the per-request timeout
  | "bad_response"; // 2xx/4xx/5xx whose body is not the JSON we expect

/** One entry of Backlog's `{"errors":[…]}` body. */
export interface BacklogErrorEntry {
  /** Backlog's message, e.g. `No issue.` */
  message: string;
  /** Backlog's error code (e.g. 6 for NoResourceError). */
  code?: number;
  /** Backlog's detail, when it gives one. */
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
  /**
   * What went wrong, as a phrase (`HTTP 503: Unavailable`), for the one
   * sentence a caller gets once retries end.
   */
  failure?: string;
  /** No retry can fix it, whatever its kind (a denied Deno permission, a cancelled call). */
  final?: boolean;
}

/** An error from the Backlog client; `message` is ready to show to a user. */
export class BacklogError extends Error {
  /** What went wrong, coarsely. */
  readonly kind: BacklogErrorKind;
  /** The HTTP status, when an answer came. */
  readonly status?: number;
  /** Backlog's `errors` entries ([] when it sent none). */
  readonly entries: BacklogErrorEntry[];
  /** For 429: when the rate-limit window resets (epoch ms). */
  readonly resetAt?: number;
  /** Method and path, e.g. `GET /api/v2/issues`. */
  readonly request?: string;
  /** What went wrong, as a phrase (`HTTP 503: Unavailable`). */
  readonly failure?: string;
  /** No retry can fix it. */
  readonly final: boolean;

  /** `message` is shown to a user as it is. */
  constructor(message: string, init: BacklogErrorInit) {
    super(message);
    this.name = "BacklogError";
    this.kind = init.kind;
    this.status = init.status;
    this.entries = init.entries ?? [];
    this.resetAt = init.resetAt;
    this.request = init.request;
    this.failure = init.failure;
    this.final = init.final ?? false;
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
    if (this.final) return false;
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

/**
 * What Backlog's error code says about a refusal (401/403), by the codes of
 * its error page (../shared/reference/backlog-api.md, "Errors" and
 * "403-type errors"). Which HTTP status carries which code is not documented,
 * so the code decides whatever the status.
 */
const REFUSAL_BY_CODE: Record<number, { kind: "auth" | "forbidden"; why: string }> = {
  2: {
    kind: "forbidden",
    why:
      "the space's Backlog plan does not include API access; ask the space administrator about the plan",
  },
  3: {
    kind: "forbidden",
    why: "the space's Backlog licence has expired; ask the space administrator to renew it",
  },
  4: {
    kind: "forbidden",
    why:
      "the space accepts API requests only from allowed IP addresses, and this machine's address is not one of them; ask the space administrator to allow it (Space settings → IP address restriction), or connect from an allowed network",
  },
  12: {
    kind: "auth",
    why:
      "the space requires 2-step verification and the key's user has not turned it on; turn it on in Backlog (Personal settings → 2-step verification), then retry",
  },
};

/** `429` errors without a reset time are retried after this long, as Nulab asks. */
export const RATE_LIMIT_DEFAULT_WAIT_MS = 60_000;

/** What {@linkcode httpError} builds its error from. */
export interface FailedAnswer {
  status: number;
  /** Backlog's `{"errors":[…]}` entries (none when the body had none). */
  entries: BacklogErrorEntry[];
  /** The request as messages name it. */
  request: string;
  /** A 429's reset time (epoch ms), when it gave a usable one. */
  resetAt?: number;
}

/** Builds the error for an HTTP answer that was not a success. */
export function httpError(answer: FailedAnswer): BacklogError {
  const { status, entries, request, resetAt } = answer;
  const said = entries.map((e) => e.message).filter(Boolean).join(" ");
  const backlog = said ? `: ${said}` : "";
  const code = entries[0]?.code;
  const codeText = code !== undefined ? `, code ${code}` : "";
  const refusal = (status === 401 || status === 403) && code !== undefined
    ? REFUSAL_BY_CODE[code]
    : undefined;
  if (refusal) {
    return new BacklogError(
      `Backlog refused ${request} (HTTP ${status}${codeText}${backlog}): ${refusal.why}.`,
      { kind: refusal.kind, ...answer },
    );
  }
  if (status === 401) {
    return new BacklogError(
      `The API key was rejected by Backlog (HTTP 401${codeText}${backlog}). Check BACKLOG_API_KEY and that it belongs to a user of this space.`,
      { kind: "auth", ...answer },
    );
  }
  if (status === 403) {
    return new BacklogError(
      `Backlog refused ${request} (HTTP 403${codeText}${backlog}): the key's user lacks permission for this.`,
      { kind: "forbidden", ...answer },
    );
  }
  if (status === 404) {
    return new BacklogError(
      `Backlog found nothing at ${request} (HTTP 404${codeText}${backlog}).`,
      {
        kind: "not_found",
        ...answer,
      },
    );
  }
  if (status === 429) {
    const when = resetAt
      ? ` It resets at ${isoTime(resetAt)}; retry after that.`
      : " Retry in a minute.";
    return new BacklogError(
      `Backlog's rate limit was reached (HTTP 429${codeText}${backlog}).${when}`,
      { kind: "rate_limited", ...answer },
    );
  }
  if (status >= 500) {
    return new BacklogError(
      `Backlog had a server error on ${request} (HTTP ${status}${codeText}${backlog}). This is usually temporary; retry in a minute.`,
      { kind: "server", ...answer },
    );
  }
  return new BacklogError(`Backlog rejected ${request} (HTTP ${status}${codeText}${backlog}).`, {
    kind: "invalid",
    ...answer,
  });
}

/** A duration as messages show it: `1.4 s`, `15 s`. */
export function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

/** An instant as messages show it (`2026-11-16T00:01:00.000Z`); never throws. */
export function isoTime(epochMs: number): string {
  const date = new Date(epochMs);
  return Number.isFinite(date.getTime()) ? date.toISOString() : "an unknown time";
}

/** A copy of `error` with another message (and optionally its failure phrase); the rest is kept. */
export function withMessage(error: BacklogError, message: string, failure?: string): BacklogError {
  return new BacklogError(message, {
    kind: error.kind,
    status: error.status,
    entries: error.entries,
    resetAt: error.resetAt,
    request: error.request,
    failure: failure ?? error.failure,
    final: error.final,
  });
}

/** `request`, whose 404 is rewritten with `sentence` naming the missing thing; other errors pass. */
export async function orNotFound<T>(request: Promise<T>, sentence: string): Promise<T> {
  try {
    return await request;
  } catch (error) {
    if (!(error instanceof BacklogError) || error.kind !== "not_found") throw error;
    const said = error.backlogMessage ? ` (Backlog: ${error.backlogMessage})` : "";
    throw withMessage(error, `${sentence}${said}. Check the key, e.g. PROJ-123.`);
  }
}
