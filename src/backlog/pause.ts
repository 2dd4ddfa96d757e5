/**
 * Waiting between a request's attempts (backoff, rate-limit resets, bulk
 * spacing) that a call's cancellation cuts short.
 *
 * @module
 */

import { describeRequest, type RequestSpec } from "./request.ts";
import { cancelledError } from "./response.ts";

/** Resolves after `ms`; may end early once `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Resolves after `ms`, or at once (clearing its timer) when `signal` aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** Sleeps `ms` before `spec` goes, or throws the cancelled error once its signal aborts. */
export async function pauseBefore(spec: RequestSpec, ms: number, sleep: Sleep): Promise<void> {
  const signal = spec.signal;
  if (!signal) return await sleep(ms);
  if (signal.aborted) throw cancelledError(describeRequest(spec));
  let onAbort!: () => void;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(cancelledError(describeRequest(spec)));
    signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    await Promise.race([sleep(ms, signal), aborted]);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}
