/**
 * Per-class request budgets (backlog-api.md §6): a 60 s window per class that starts with the first request.
 * Only one user exists behind the key, so there is one set of windows per sandbox.
 *
 * @module
 */

/** Backlog's rate-limit classes. */
export type RateClass = "read" | "update" | "search" | "icon";

/** Limits per 60 s window. */
export type RateLimits = Record<RateClass, number>;

/** The documented paid-plan example (backlog-api.md §6). */
export const DEFAULT_RATE_LIMITS: RateLimits = { read: 600, update: 150, search: 150, icon: 60 };

const WINDOW_MS = 60_000;

/** State of one class's budget. `reset` is UNIX epoch seconds. */
export interface RateInfo {
  limit: number;
  remaining: number;
  reset: number;
}

/** Which budget a request draws on. `path` is relative to `/api/v2/`. */
export function classify(method: string, path: string): RateClass {
  if (method !== "GET" && method !== "HEAD") return "update";
  if (path === "issues" || path === "issues/count") return "search";
  if (/^(users\/[^/]+\/icon|space\/image|projects\/[^/]+\/image)$/.test(path)) return "icon";
  return "read";
}

/** Fixed-window counter per class. */
export class RateLimiter {
  #windows = new Map<RateClass, { start: number; used: number }>();

  constructor(
    readonly limits: RateLimits,
    readonly now: () => number,
    readonly windowMs: number = WINDOW_MS,
  ) {}

  #live(cls: RateClass): { start: number; used: number } | undefined {
    const w = this.#windows.get(cls);
    return w && this.now() < w.start + this.windowMs ? w : undefined;
  }

  /** Current budget without spending any. With no open window, reset is now + 60 s. */
  peek(cls: RateClass): RateInfo {
    const w = this.#live(cls);
    const limit = this.limits[cls];
    const start = w?.start ?? this.now();
    return {
      limit,
      remaining: Math.max(0, limit - (w?.used ?? 0)),
      reset: Math.floor((start + this.windowMs) / 1000),
    };
  }

  /** Spends one request. `allowed` is false (and nothing is spent) when the budget is gone. */
  consume(cls: RateClass): { allowed: boolean; info: RateInfo } {
    let w = this.#live(cls);
    if (!w) {
      w = { start: this.now(), used: 0 };
      this.#windows.set(cls, w);
    }
    if (w.used >= this.limits[cls]) return { allowed: false, info: this.peek(cls) };
    w.used++;
    return { allowed: true, info: this.peek(cls) };
  }

  /** Forgets all windows. */
  reset(): void {
    this.#windows.clear();
  }

  /** Body of `GET /api/v2/rateLimit`. */
  snapshot(): { rateLimit: Record<RateClass, RateInfo> } {
    const classes: RateClass[] = ["read", "update", "search", "icon"];
    return {
      rateLimit: Object.fromEntries(classes.map((c) => [c, this.peek(c)])) as Record<
        RateClass,
        RateInfo
      >,
    };
  }
}

/** The three `X-RateLimit-*` headers. */
export function rateHeaders(info: RateInfo): Record<string, string> {
  return {
    "X-RateLimit-Limit": String(info.limit),
    "X-RateLimit-Remaining": String(info.remaining),
    "X-RateLimit-Reset": String(info.reset),
  };
}
