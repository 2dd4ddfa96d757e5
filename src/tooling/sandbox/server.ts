/**
 * Local stand-in for the Backlog API v2 ("sandbox"), for tests and demos.
 *
 * ```ts
 * const sandbox = await startSandbox({ rateLimits: { search: 5 } });
 * const res = await fetch(`${sandbox.url}/api/v2/users/myself`, {
 *   headers: { "Backlog-API-Key": SEED.apiKey },
 * });
 * await sandbox.close();
 * ```
 *
 * Request pipeline: control endpoints → record → injected fault → `/api/v2` prefix → auth (401)
 * → rate limit (429) → trailing slash / route (404) → handler. Every `/api/v2` answer carries
 * `X-RateLimit-*`, except the injected "html" proxy page and dropped connections.
 *
 * @module
 */
import { oversize } from "./oversized.ts";
import type { Ctx } from "./context.ts";
import { handleControl } from "./control.ts";
import { abortableDelay, FaultController, faultResponse } from "./faults.ts";
import { errorResponse } from "./http.ts";
import {
  DEFAULT_CUSTOM_FIELD_OPTIONS,
  DEFAULT_MESSAGES,
  type RecordedRequest,
  type ResolvedOptions,
  type Sandbox,
  type SandboxOptions,
} from "./options.ts";
import { TcpFront } from "./proxy.ts";
import { decodeEntries, entriesToRecord, Params } from "./query.ts";
import { classify, DEFAULT_RATE_LIMITS, rateHeaders, RateLimiter } from "./ratelimit.ts";
import { matchRoute, runHandler } from "./router.ts";
import { createSeedState, SEED } from "./seed.ts";

export type {
  CustomFieldOptions,
  RecordedRequest,
  Sandbox,
  SandboxMessages,
  SandboxOptions,
} from "./options.ts";
export { FaultController } from "./faults.ts";
export type { FaultKind, FaultSpec } from "./faults.ts";
export { SEED } from "./seed.ts";
export type { SandboxState } from "./types.ts";

const API_PREFIX = "/api/v2/";
const HOST = "127.0.0.1";

function resolveOptions(o: SandboxOptions): ResolvedOptions {
  return {
    port: o.port ?? 0,
    apiKey: o.apiKey ?? SEED.apiKey,
    acceptHeaderKey: o.acceptHeaderKey ?? true,
    acceptQueryKey: o.acceptQueryKey ?? true,
    bearerToken: o.bearerToken,
    rateLimits: { ...DEFAULT_RATE_LIMITS, ...o.rateLimits },
    rateLimitWindowMs: o.rateLimitWindowMs ?? 60_000,
    now: o.now ?? Date.now,
    commentIdBoundsInclusive: o.commentIdBoundsInclusive ?? true,
    defaultSort: o.defaultSort ?? "created",
    dateFilterOffsetMinutes: o.dateFilterOffsetMinutes ?? 0,
    acceptBareArrayKeys: o.acceptBareArrayKeys ?? true,
    acceptIndexedArrayKeys: o.acceptIndexedArrayKeys ?? true,
    rejectUnknownWriteParams: o.rejectUnknownWriteParams ?? true,
    emptyChangeLog: o.emptyChangeLog ?? "null",
    trailingSlashNotFound: o.trailingSlashNotFound ?? true,
    messages: { ...DEFAULT_MESSAGES, ...o.messages },
    customFields: { ...DEFAULT_CUSTOM_FIELD_OPTIONS, ...o.customFields },
  };
}

/** Which credential a request carries, and whether it is accepted. */
function authenticate(req: Request, url: URL, opts: ResolvedOptions) {
  const headerKey = req.headers.get("Backlog-API-Key");
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.get("Authorization") ?? "")?.[1];
  const queryKey = url.searchParams.get("apiKey");
  if (opts.acceptHeaderKey && headerKey === opts.apiKey) {
    return { auth: "header", ok: true } as const;
  }
  if (opts.bearerToken && bearer === opts.bearerToken) return { auth: "header", ok: true } as const;
  if (opts.acceptQueryKey && queryKey === opts.apiKey) return { auth: "query", ok: true } as const;
  const auth = headerKey !== null || bearer ? "header" : queryKey !== null ? "query" : "none";
  return { auth, ok: false, bearer: bearer !== undefined } as const;
}

/** A request as read, before it is answered. */
interface Received {
  path: string;
  entries: ReturnType<typeof decodeEntries>;
  auth: ReturnType<typeof authenticate>;
  /** The client's port, by which a "drop" fault finds its connection. */
  remotePort: number;
}

async function readForm(req: Request): Promise<URLSearchParams | undefined> {
  if (!req.body) return undefined;
  const text = await req.text();
  const type = req.headers.get("content-type") ?? "";
  // The API takes form bodies only (backlog-api.md §1.4); other bodies are read and ignored.
  return type.includes("application/x-www-form-urlencoded") ? new URLSearchParams(text) : undefined;
}

/**
 * Starts a sandbox on 127.0.0.1 with a fresh copy of the seeded space (see `SEED`).
 * Options are documented on `SandboxOptions`; close it with `close()`.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const opts = resolveOptions(options);
  const state = createSeedState();
  const limiter = new RateLimiter(opts.rateLimits, opts.now, opts.rateLimitWindowMs);
  const faults = new FaultController();
  const requests: RecordedRequest[] = [];
  const closing = new AbortController();
  let front: TcpFront | undefined;

  let inFlight = 0;
  let peak = 0;
  const clearRequests = () => {
    requests.length = 0;
    peak = inFlight;
  };
  const control = {
    faults,
    requests,
    clearRequests,
    inFlight: () => ({ now: inFlight, peak }),
    reset: () => {
      Object.assign(state, createSeedState());
      limiter.reset();
    },
    oversize: () => oversize(state),
  };

  /** The answer to `req` (null: the connection was dropped), its path decoded, its parameters read. */
  async function answer(req: Request, received: Received): Promise<Response | null> {
    const { path, entries, auth, remotePort } = received;
    const apiPath = path.startsWith(API_PREFIX) ? path.slice(API_PREFIX.length) : null;
    const cls = classify(req.method, apiPath ?? "");
    const fault = faults.take(req.method, path);
    if (fault?.kind === "drop") {
      front?.drop(remotePort);
      return null;
    }
    if (fault?.kind === "slow") {
      // Only close() cuts the delay short (req.signal would also fire on normal completion).
      if (!await abortableDelay(fault.delayMs ?? 5000, closing.signal)) {
        return errorResponse(503, { code: 1, message: "Sandbox is shutting down." });
      }
    } else if (fault) {
      return faultResponse(fault, {
        rate: limiter.peek(cls),
        nowMs: opts.now(),
        messages: opts.messages,
      });
    }
    if (apiPath === null) return errorResponse(404, { code: 6, message: opts.messages.noRoute });
    if (!auth.ok) {
      const extra: Record<string, string> = auth.bearer
        ? {
          "WWW-Authenticate":
            'Bearer error="invalid_token", error_description="The access token is invalid"',
        }
        : {};
      return errorResponse(401, { code: 11, message: opts.messages.authFailure }, {
        ...rateHeaders(limiter.peek(cls)),
        ...extra,
      });
    }
    const spent = limiter.consume(cls);
    const headers = rateHeaders(spent.info);
    if (!spent.allowed) {
      return errorResponse(429, { code: 13, message: opts.messages.tooManyRequests }, headers);
    }
    const route = opts.trailingSlashNotFound || !apiPath.endsWith("/")
      ? matchRoute(req.method, apiPath)
      : matchRoute(req.method, apiPath.replace(/\/+$/, ""));
    if (!route) return errorResponse(404, { code: 6, message: opts.messages.noRoute }, headers);
    const ctx: Ctx = {
      state,
      params: new Params(entries, {
        bare: opts.acceptBareArrayKeys,
        indexed: opts.acceptIndexedArrayKeys,
      }),
      method: req.method,
      path: apiPath,
      pathParams: route.pathParams,
      opts,
      rate: limiter,
      baseUrl: `http://${HOST}:${front?.port}`,
    };
    const res = runHandler(route.handler, ctx);
    for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
    return res;
  }

  const inner = Deno.serve(
    { hostname: HOST, port: 0, onListen: () => {} },
    async (req, info) => {
      const url = new URL(req.url);
      let path = url.pathname;
      try {
        path = decodeURIComponent(path);
      } catch {
        // keep the raw path
      }
      if (path.startsWith("/_sandbox/")) return handleControl(req, path, control);
      const form = await readForm(req);
      const entries = decodeEntries(url.searchParams, ...(form ? [form] : []));
      const auth = authenticate(req, url, opts);
      const record: RecordedRequest = {
        method: req.method,
        path,
        params: entriesToRecord(entries),
        auth: auth.auth,
        status: 0,
        startedAt: performance.now(),
      };
      requests.push(record);
      peak = Math.max(peak, ++inFlight);
      const res = await answer(req, { path, entries, auth, remotePort: info.remoteAddr.port })
        .finally(() => inFlight--);
      record.status = res?.status ?? 0;
      record.endedAt = performance.now();
      // A dropped request's connection is already closed; this response goes nowhere.
      return res ?? new Response(null, { status: 500 });
    },
  );
  try {
    front = new TcpFront(HOST, opts.port, inner.addr.port);
  } catch (e) {
    await inner.shutdown(); // e.g. the requested port is taken
    throw e;
  }

  let closed: Promise<void> | undefined;
  const sandbox: Sandbox = {
    url: `http://${HOST}:${front.port}`,
    requests,
    clearRequests,
    inFlight: control.inFlight,
    faults,
    state,
    close() {
      closed ??= (async () => {
        closing.abort();
        await front!.close();
        await inner.shutdown();
      })();
      return closed;
    },
  };
  return sandbox;
}
