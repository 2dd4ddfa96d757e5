/**
 * Under the fast start, the warm-up's requests go out while the server is
 * still loading (its load split in two, each part while a request is under
 * way), one at a time; the session's first list call then costs only its
 * search. See `src/head_start.ts`.
 */

import { assert, assertEquals } from "./assert.ts";
import { sandboxEnv, startTestSandbox } from "./harness.ts";
import { childEnv } from "./least_privilege.ts";
import { build } from "../src/tooling/build/build.ts";
import { mcpFlags, ROOT } from "../src/tooling/support/launcher.ts";
import { initialize, resultText, spawnStdio } from "../src/tooling/support/stdio_driver.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

Deno.test("head start: under the fast start the warm-up runs while the server loads, one request at a time", async () => {
  const dir = await Deno.makeTempDir({ prefix: "backlog-mcp-head-start-" });
  const sandbox = await startTestSandbox();
  // A remote space's round trip, scaled down: the server's load spans requests.
  sandbox.faults.inject({ kind: "slow", delayMs: 60, times: Infinity });
  try {
    await build(`${dir}/build`);
    const env = { ...sandboxEnv(sandbox), BACKLOG_TIMEZONE: "" };
    const flags = await mcpFlags(childEnv(env));
    const server = spawnStdio({
      command: Deno.execPath(),
      args: ["run", ...flags, "--no-config", `${dir}/build/dist/entry.js`],
      env: childEnv(env),
      cwd: ROOT,
    });
    try {
      await initialize(server);
      await server.request("tools/list", {});
      // When the server (loaded after the first answers) says it is ready.
      let ready = Infinity;
      for (let i = 0; i < 400 && ready === Infinity; i++) {
        if (server.stderr().includes("ready on stdio")) ready = performance.now();
        else await sleep(5);
      }
      assert(ready < Infinity, server.stderr());
      // The load comes in two parts, each after a request went out.
      const before = sandbox.requests.filter((r) => r.startedAt! < ready).length;
      assert(before >= 2, `${before} warm-up requests went out before the server was ready`);
      // Six requests of 60 ms, one at a time.
      for (let i = 0; i < 400 && sandbox.requests.length < 6; i++) await sleep(5);
      await sleep(100);
      const paths = sandbox.requests.map((r) => r.path.replace(/\/\d+\//, "/:id/"));
      assertEquals(paths, [
        "/api/v2/projects",
        "/api/v2/users/myself",
        ...Array(3).fill("/api/v2/projects/:id/statuses"),
        "/api/v2/space",
      ]);
      assertEquals(sandbox.inFlight().peak, 1, "one request in flight");
      sandbox.clearRequests();
      const result = await server.callTool("get_user_issue_list", {});
      assert(!result.isError, resultText(result));
      assertEquals(sandbox.requests.map((r) => r.path), ["/api/v2/issues"]);
    } finally {
      await server.closeStdin();
    }
  } finally {
    await sandbox.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("head start: a call that comes at once is not held back by the warm-up's requests", async () => {
  const dir = await Deno.makeTempDir({ prefix: "backlog-mcp-head-start-" });
  const sandbox = await startTestSandbox();
  // The warm-up's first request takes 2 s.
  sandbox.faults.inject({ kind: "slow", delayMs: 2000, times: Infinity });
  try {
    await build(`${dir}/build`);
    const env = sandboxEnv(sandbox);
    const server = spawnStdio({
      command: Deno.execPath(),
      args: ["run", ...await mcpFlags(childEnv(env)), "--no-config", `${dir}/build/dist/entry.js`],
      env: childEnv(env),
      cwd: ROOT,
    });
    try {
      await initialize(server);
      await server.request("tools/list", {});
      // Answered without Backlog: a bad issue key.
      const result = await server.callTool("get_issue_details", { issue_key: "x y" });
      assert(result.isError, resultText(result));
      // Each warm-up request takes 2 s: none has been answered.
      const answered = sandbox.requests.filter((r) => r.endedAt !== undefined);
      assertEquals(answered.length, 0, "answered before any warm-up request was");
    } finally {
      await server.closeStdin();
    }
  } finally {
    await sandbox.close();
    await Deno.remove(dir, { recursive: true });
  }
});
