/**
 * Fault injection: make the next matching request(s) fail in a chosen way, to test a client's
 * retry, timeout and error handling.
 *
 * @module
 */
import { errorResponse } from "./http.ts";
import { rateHeaders, type RateInfo } from "./ratelimit.ts";

/** Kinds of injected faults. */
export type FaultKind =
  | "429"
  | "500"
  | "502"
  | "503"
  | "slow"
  | "malformed-json"
  | "html"
  | "drop"
  | "401";

/** All fault kinds, for validation of the HTTP control endpoint. */
export const FAULT_KINDS: readonly FaultKind[] = [
  "429",
  "500",
  "502",
  "503",
  "slow",
  "malformed-json",
  "html",
  "drop",
  "401",
];

/** What to inject. */
export interface FaultSpec {
  kind: FaultKind;
  /** How many matching requests to affect (default 1; `Infinity` for all). */
  times?: number;
  /** A string matches the decoded path exactly; a RegExp is tested against it. Default: any. */
  path?: string | RegExp;
  /** HTTP method to match (case-insensitive). Default: any. */
  method?: string;
  /** "slow" only: delay before the real answer, ms (default 5000). */
  delayMs?: number;
  /** "429" only: `X-RateLimit-Reset` is now + this many seconds (default 1). */
  resetInSeconds?: number;
}

/** A queued fault with its remaining uses. */
export interface PendingFault extends FaultSpec {
  remaining: number;
}

/** Queue of faults; the first matching one wins and is used up. */
export class FaultController {
  #pending: PendingFault[] = [];

  /** Queues a fault. */
  inject(spec: FaultSpec): void {
    if (!(FAULT_KINDS as readonly string[]).includes(spec.kind)) {
      throw new TypeError(`unknown fault kind ${spec.kind}`);
    }
    const times = spec.times ?? 1;
    if (!(times > 0)) throw new TypeError("times must be > 0");
    this.#pending.push({ ...spec, remaining: times });
  }

  /** Removes every queued fault. */
  clear(): void {
    this.#pending = [];
  }

  /** Faults still queued (copies). */
  get pending(): PendingFault[] {
    return this.#pending.map((f) => ({ ...f }));
  }

  /** Finds and uses up the first fault matching this request. */
  take(method: string, path: string): PendingFault | undefined {
    const i = this.#pending.findIndex((f) =>
      (f.method === undefined || f.method.toUpperCase() === method.toUpperCase()) &&
      (f.path === undefined ||
        (typeof f.path === "string" ? f.path === path : f.path.test(path)))
    );
    if (i < 0) return undefined;
    const f = this.#pending[i];
    f.remaining--;
    if (f.remaining <= 0) this.#pending.splice(i, 1);
    return { ...f };
  }
}

/** What a canned fault answer depends on besides the fault. */
export interface FaultContext {
  /** The current budget of the request's class (not spent). */
  rate: RateInfo;
  /** The sandbox clock. */
  nowMs: number;
  /** The messages of a 401 and a 429. */
  messages: { authFailure: string; tooManyRequests: string };
}

/**
 * The canned response for faults that answer immediately ("slow" and "drop" are handled by the
 * server). JSON answers carry `X-RateLimit-*`; the "html" page (a proxy's) does not.
 */
export function faultResponse(fault: FaultSpec, context: FaultContext): Response {
  const { rate, nowMs } = context;
  const { authFailure: authMessage, tooManyRequests: tooManyMessage } = context.messages;
  switch (fault.kind) {
    case "429": {
      const reset = Math.floor(nowMs / 1000) + (fault.resetInSeconds ?? 1);
      return errorResponse(
        429,
        { code: 13, message: tooManyMessage },
        rateHeaders({ ...rate, remaining: 0, reset }),
      );
    }
    case "401":
      return errorResponse(401, { code: 11, message: authMessage }, rateHeaders(rate));
    case "500":
      return errorResponse(500, { code: 1, message: "Internal server error." }, rateHeaders(rate));
    case "502":
      return errorResponse(502, { code: 1, message: "Bad gateway." }, rateHeaders(rate));
    case "503":
      return errorResponse(503, { code: 1, message: "Service temporarily unavailable." }, {
        ...rateHeaders(rate),
        "Retry-After": "1",
      });
    case "malformed-json":
      // A 200 that claims JSON but is cut off mid-document.
      return new Response('{"id":1,"projectId":101,"issueKey":"DEMO-1","summary":"Log', {
        status: 200,
        headers: { "content-type": "application/json;charset=utf-8", ...rateHeaders(rate) },
      });
    case "html":
      // What a load balancer in front of Backlog might send.
      return new Response(
        "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>" +
          "<body><h1>502 Bad Gateway</h1><p>The server is temporarily unavailable.</p></body></html>\n",
        { status: 502, headers: { "content-type": "text/html; charset=utf-8" } },
      );
    default:
      throw new Error(`fault ${fault.kind} is not a canned response`);
  }
}

/** Resolves after `ms`, or early (returning false) when `signal` aborts. */
export function abortableDelay(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
