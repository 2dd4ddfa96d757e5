/**
 * The one way to connect to Backlog: the settings a client needs, in; the
 * client and the typed endpoints over it, out. The server and the doctor both
 * connect through {@linkcode connectBacklog}, so both talk to Backlog alike.
 *
 * @module
 */

import type { Logger } from "../log.ts";
import { BacklogApi } from "./api.ts";
import { BacklogClient, type RetryPolicy } from "./client.ts";
import type { ApiKeyTransport } from "./request.ts";

/** What talking to Backlog needs to know (part of the server's `Config`). */
export interface BacklogSettings {
  /** The Backlog API key. Never printed. */
  apiKey: string;
  /** `https://space.backlog.com` or a custom base, without trailing slash or `/api/v2`. */
  baseUrl: string;
  /** How the key travels; see {@linkcode ApiKeyTransport}. */
  apiKeyTransport: ApiKeyTransport;
  /** Per-request timeout. */
  requestTimeoutMs: number;
  /** `BACKLOG_MAX_RESPONSE_BYTES`: answers larger than this are not read. */
  maxResponseBytes: number;
  /** `BACKLOG_MAX_CONCURRENT_REQUESTS`: requests in flight at once (Nulab asks for 1). */
  maxConcurrentRequests: number;
  /** `BACKLOG_BULK_SPACING_MS`: quiet time before each later page of a bulk search. */
  bulkSpacingMs: number;
}

/** How to connect, besides the settings. */
export interface ConnectOptions {
  /** Where retries and rate-limit waits are logged. */
  logger: Logger;
  /** A lower per-request timeout than the settings' (the doctor's). */
  timeoutMs?: number;
  /** How failed requests are retried (default: DEFAULT_RETRY). */
  retry?: Partial<RetryPolicy>;
  /** Injected for tests. */
  fetch?: typeof fetch;
}

/** A connection: the client (counters, `close`) and the endpoints over it. */
export interface BacklogConnection {
  /** The HTTP client: request counters, `close()`. */
  client: BacklogClient;
  /** The typed endpoints. */
  api: BacklogApi;
}

/** Connects to the Backlog space of `settings`. Sends nothing until an endpoint is called. */
export function connectBacklog(
  settings: BacklogSettings,
  options: ConnectOptions,
): BacklogConnection {
  const client = new BacklogClient({
    baseUrl: settings.baseUrl,
    apiKey: settings.apiKey,
    transport: settings.apiKeyTransport,
    timeoutMs: Math.min(settings.requestTimeoutMs, options.timeoutMs ?? Infinity),
    maxResponseBytes: settings.maxResponseBytes,
    maxConcurrency: settings.maxConcurrentRequests,
    bulkSpacingMs: settings.bulkSpacingMs,
    logger: options.logger,
    retry: options.retry,
    fetch: options.fetch,
  });
  return { client, api: new BacklogApi(client) };
}
