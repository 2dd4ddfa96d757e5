/**
 * An HTTP proxy on 127.0.0.1 that holds every request for a fixed time
 * before passing it to the stand-in, so a benchmark sees Backlog as a remote
 * service does (one network round trip per request) instead of a loopback
 * that answers in a millisecond. It counts requests and the most it held at
 * once, and keeps their arrival and answer times, so a benchmark can tell
 * how many sequential rounds a call took.
 *
 * @module
 */

/** A request that went through, with when it arrived and was answered (`performance.now()` ms). */
export interface ProxiedRequest {
  method: string;
  /** Path without the query, e.g. `/api/v2/issues`. */
  path: string;
  start: number;
  end: number;
}

/** A running proxy. */
export interface LatencyProxy {
  /** Base URL, e.g. http://127.0.0.1:41234. */
  url: string;
  /** Every request answered so far, in order of arrival. */
  requests: ProxiedRequest[];
  /** The most requests held at once since the last {@linkcode LatencyProxy.clear}. */
  readonly peakInFlight: number;
  /** Forgets the requests and the peak. */
  clear(): void;
  close(): Promise<void>;
}

/**
 * Starts a proxy in front of `upstream` (an origin such as the stand-in's
 * URL) that delays each request by `delayMs` before forwarding it.
 */
export function startLatencyProxy(upstream: string, delayMs: number): LatencyProxy {
  const target = new URL(upstream);
  const client = Deno.createHttpClient({});
  const requests: ProxiedRequest[] = [];
  let inFlight = 0;
  let peak = 0;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const start = performance.now();
    peak = Math.max(peak, ++inFlight);
    try {
      const url = new URL(req.url);
      const body = req.body ? await req.arrayBuffer() : undefined;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      const headers = new Headers(req.headers);
      headers.delete("host");
      const answer = await fetch(
        new URL(url.pathname + url.search, target),
        { method: req.method, headers, body, redirect: "manual", client },
      );
      // Read it all here, so the delay and the upstream's time are the whole round trip.
      const bytes = await answer.arrayBuffer();
      const out = new Headers(answer.headers);
      out.delete("content-encoding");
      out.delete("content-length");
      return new Response(bytes, { status: answer.status, headers: out });
    } finally {
      inFlight--;
      const url = new URL(req.url);
      requests.push({ method: req.method, path: url.pathname, start, end: performance.now() });
    }
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    requests,
    get peakInFlight() {
      return peak;
    },
    clear() {
      requests.length = 0;
      peak = inFlight;
    },
    async close() {
      await server.shutdown();
      client.close();
    },
  };
}

/**
 * How many sequential rounds `requests` took: requests that overlap in time
 * share a round, one that starts after the previous ones ended opens a new one.
 */
export function sequentialRounds(requests: readonly ProxiedRequest[]): number {
  let rounds = 0;
  let end = -Infinity;
  for (const r of [...requests].sort((a, b) => a.start - b.start)) {
    if (r.start >= end) rounds++;
    end = Math.max(end, r.end);
  }
  return rounds;
}
