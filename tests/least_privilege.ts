/**
 * The server as the `mcp` task starts it — the flags `bin/mcp` computes, no
 * more — spawned over stdio for tests, plus the checks every such test ends
 * with: stdout carried only JSON-RPC and the API key appeared nowhere.
 *
 * @module
 */

import { assert, assertEquals, assertNotIncludes } from "./assert.ts";
import { TEST_API_KEY } from "./harness.ts";
import { mcpFlags, ROOT } from "../src/tooling/support/launcher.ts";
import { initialize, spawnStdio, type StdioServer } from "../src/tooling/support/stdio_driver.ts";

export { resultText } from "../src/tooling/support/stdio_driver.ts";
export type { StdioServer, ToolResult } from "../src/tooling/support/stdio_driver.ts";

/** A spawned, initialized server and the flags it runs with. */
export interface LeastPrivilegeServer extends StdioServer {
  flags: string[];
}

/** The environment a spawned server gets: `env`, plus PATH and HOME for Deno itself. */
export function childEnv(env: Record<string, string>): Record<string, string> {
  return {
    PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
    HOME: Deno.env.get("HOME") ?? "/tmp",
    ...env,
  };
}

/**
 * Spawns `deno run <the mcp task's flags> src/main.ts` with exactly `env`
 * and initializes it. `flagsFor` computes the flags from another
 * configuration (to run a server whose permissions do not cover its own).
 */
export async function startLeastPrivilege(
  env: Record<string, string>,
  flagsFor: Record<string, string> = env,
): Promise<LeastPrivilegeServer> {
  const flags = await mcpFlags(childEnv(flagsFor));
  const server = spawnStdio({
    command: Deno.execPath(),
    args: ["run", ...flags, "src/main.ts"],
    env: childEnv(env),
    cwd: ROOT,
  });
  try {
    await initialize(server);
  } catch (error) {
    await server.kill();
    throw new Error(`${error}\nstderr: ${server.stderr()}`);
  }
  return Object.assign(server, { flags });
}

/** Fails if stdout held anything but JSON-RPC or the key shows in stdout, stderr or `texts`. */
export function assertCleanOutput(server: StdioServer, texts: readonly string[] = []): void {
  assertEquals(server.violations, [], "stdout must carry only JSON-RPC messages");
  const everything = [server.stdoutLines.join("\n"), server.stderr(), ...texts].join("\n");
  for (const form of [TEST_API_KEY, encodeURIComponent(TEST_API_KEY), TEST_API_KEY.slice(8, 24)]) {
    assertNotIncludes(everything, form, "the API key leaked");
  }
  // A stack frame in an answer, raw or inside a JSON string: "    at foo (file:///…". (stderr
  // may carry one: the log is where an unexpected error's details go.)
  const answers = [server.stdoutLines.join("\n"), ...texts].join("\n");
  assert(!/ {2,}at [^\n]*?\b(file|ext|node):/.test(answers), "a stack trace in an answer");
}

/** One sentence: ends with a full stop, and no full stop inside is followed by a new sentence. */
export function assertOneSentence(text: string): void {
  assert(text.endsWith("."), `not a sentence: ${text}`);
  assert(!/[.!?]\s+[A-Z]/.test(text), `more than one sentence: ${text}`);
  assertNotIncludes(text, "\n");
  assertNotIncludes(text, "    at ", "a stack trace");
}

/** The value of `flag=…` among a launcher's `args`. */
export const flagValue = (args: readonly string[], flag: string): string | undefined =>
  args.find((a) => a.startsWith(`${flag}=`))?.slice(flag.length + 1);

/** A fresh directory for a launcher run (its `.env`). */
export async function tempDir(): Promise<string> {
  return await Deno.makeTempDir({ prefix: "backlog-mcp-launcher-" });
}
