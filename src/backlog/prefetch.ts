/**
 * The fast start's head start: while the real server loads (a round trip's
 * worth of time), `GET /space` goes out, so its timezone is there when the
 * warm-up begins. One plain request with the key in the `Backlog-API-Key`
 * header, no redirect followed; anything but a 200 with a timezone is
 * `undefined`, and the client asks again later by its own rules. It loads
 * nothing but this file (the fast start must stay light).
 *
 * @module
 */

import type { Space } from "./types.ts";

/** What the request needs (part of the server's `Config`). */
export interface PrefetchSettings {
  baseUrl: string;
  apiKey: string;
  apiKeyTransport: string;
  requestTimeoutMs: number;
}

/** `GET /api/v2/space`, or undefined when that does not simply work. Never throws. */
export async function prefetchSpace(settings: PrefetchSettings): Promise<Space | undefined> {
  // The query form would put the key in a URL: that stays the client's decision.
  if (settings.apiKeyTransport === "query") return undefined;
  try {
    const response = await fetch(`${settings.baseUrl}/api/v2/space`, {
      headers: { "Backlog-API-Key": settings.apiKey, Accept: "application/json" },
      redirect: "manual",
      signal: AbortSignal.timeout(Math.min(settings.requestTimeoutMs, 10_000)),
    });
    if (response.status !== 200) {
      await response.body?.cancel();
      return undefined;
    }
    const body = await response.json() as Space;
    return typeof body?.timezone === "string" ? body : undefined;
  } catch {
    return undefined;
  }
}
