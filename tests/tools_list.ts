/**
 * tools/list in each of the server's modes, for the schema, budget and
 * snapshot tests.
 *
 * @module
 */

import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { connectInProcess, sandboxEnv, startTestSandbox } from "./harness.ts";

/** The modes a server can list its tools in. */
export const MODES: Record<string, Record<string, string>> = {
  "text only": { BACKLOG_STRUCTURED_OUTPUT: "false" },
  "structured": { BACKLOG_STRUCTURED_OUTPUT: "true" },
  "read-only, text only": { BACKLOG_READ_ONLY: "true", BACKLOG_STRUCTURED_OUTPUT: "false" },
  "read-only, structured": { BACKLOG_READ_ONLY: "true", BACKLOG_STRUCTURED_OUTPUT: "true" },
};

/** tools/list of a configured server in `env`'s mode. */
export async function listTools(env: Record<string, string>): Promise<Tool[]> {
  const sandbox = await startTestSandbox();
  const session = await connectInProcess(sandboxEnv(sandbox, env));
  try {
    return (await session.client.listTools()).tools as Tool[];
  } finally {
    await session.close();
    await sandbox.close();
  }
}
