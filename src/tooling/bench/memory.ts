/**
 * The server's resident memory when idle, right after start.
 *
 * @module
 */

import type { Sandbox } from "../sandbox/server.ts";
import { directSpec, startServer } from "./bench_server.ts";
import { processRss } from "../support/stdio_driver.ts";

/** RSS in bytes of a fresh server 300 ms after `initialize`; undefined off Linux. */
export async function idleRss(sandbox: Sandbox, flags: string[]): Promise<number | undefined> {
  const { server } = await startServer(directSpec(sandbox, flags));
  // Let start-up work settle before reading.
  await new Promise((r) => setTimeout(r, 300));
  const rss = processRss(server.pid);
  await server.closeStdin();
  return rss;
}
