/**
 * The server's side of Backlog, made apart from the MCP server: the
 * connection, the metadata cache, the allowlist scope, the count of tool
 * calls running and the warm-up. The fast start makes it as soon as it has
 * answered the client's first requests, so the warm-up's requests go out
 * while the server is still loading; `createServer` makes its own otherwise.
 * It loads neither the MCP SDK nor zod (the fast start must stay light).
 *
 * @module
 */

import type { RetryPolicy } from "./backlog/client.ts";
import { connectBacklog } from "./backlog/connect.ts";
import type { BacklogApi } from "./backlog/api.ts";
import { Metadata } from "./backlog/metadata.ts";
import type { Config } from "./config/types.ts";
import type { Logger } from "./log.ts";
import { ProjectScope } from "./resolve/scope.ts";
import { CallActivity, warmUp, type WarmUpReport } from "./warmup.ts";

/** How to open a session, besides the configuration. */
export interface SessionOptions {
  logger: Logger;
  /** Injected for tests. */
  fetch?: typeof fetch;
  retry?: Partial<RetryPolicy>;
}

/** One server's connection to Backlog and what it keeps about it. */
export interface BacklogSession {
  config: Config;
  api: BacklogApi;
  metadata: Metadata;
  scope: ProjectScope;
  logger: Logger;
  /** Tool calls running (the warm-up waits for none). */
  activity: CallActivity;
  /** Starts the warm-up, once; later calls return the same one. */
  warm(): Promise<WarmUpReport>;
  /** The warm-up, once started. */
  warming(): Promise<WarmUpReport> | undefined;
}

/** Opens a session with the space of `config`. Sends nothing until used or warmed. */
export function openSession(config: Config, options: SessionOptions): BacklogSession {
  const { logger } = options;
  const { api } = connectBacklog(config, { logger, fetch: options.fetch, retry: options.retry });
  let started: Promise<WarmUpReport> | undefined;
  const session: BacklogSession = {
    config,
    api,
    metadata: new Metadata(api, config.cacheTtlMs),
    scope: new ProjectScope(config.projectAllowlist),
    logger,
    activity: new CallActivity(),
    warm: () => (started ??= warmUp(session, session.activity)),
    warming: () => started,
  };
  return session;
}
