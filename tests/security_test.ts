/**
 * Least privilege: the `mcp` task's Deno flags (computed by `bin/mcp`) grant
 * the configured Backlog host and the configuration variables and nothing
 * else; a server under them works, cannot reach another host, read files,
 * run programs or read other variables; the key never shows. How `bin/mcp`
 * finds the host, and the server's lifecycle: `launcher_test.ts`.
 */

import { assert, assertEquals, assertStringIncludes } from "./assert.ts";
import { sandboxEnv, startTestSandbox, TEST_API_KEY } from "./harness.ts";
import {
  assertCleanOutput,
  assertOneSentence,
  childEnv,
  flagValue,
  resultText,
  startLeastPrivilege,
  tempDir,
} from "./least_privilege.ts";
import { CONFIG_VARIABLES } from "../src/config/config.ts";
import { launcherArgs, mcpFlags, ROOT } from "../src/tooling/support/launcher.ts";
import { SEED } from "../src/tooling/sandbox/seed.ts";

Deno.test("permissions: --allow-env lists exactly CONFIG_VARIABLES", async () => {
  const dir = await tempDir();
  try {
    const args = await launcherArgs({ BACKLOG_DOMAIN: "space.backlog.com" }, dir);
    const listed = flagValue(args, "--allow-env")?.split(",") ?? [];
    assertEquals(
      [...listed].sort(),
      [...CONFIG_VARIABLES].sort(),
      "bin/mcp's ENV_VARS must equal CONFIG_VARIABLES in src/config/config.ts: update ENV_VARS",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("permissions: the mcp task grants the Backlog host and the variables, nothing else", async () => {
  const dir = await tempDir();
  try {
    const args = await launcherArgs({ BACKLOG_DOMAIN: "space.backlog.com" }, dir);
    assertEquals(args[0], "run");
    assertEquals(args.at(-1), "src/main.ts");
    const flags = args.slice(1, -1);
    assertEquals(flagValue(flags, "--allow-net"), "space.backlog.com:443");
    assert(flags.includes("--no-prompt"), "a missing permission must fail, not prompt");
    for (const flag of flags) {
      assert(
        flag === "--no-prompt" || flag.startsWith("--allow-env=") ||
          flag.startsWith("--allow-net=") || flag === "--v8-flags=--optimize-for-size",
        `unexpected flag ${flag}`,
      );
    }
    // Unconfigured: still starts, with no network at all.
    const bare = await launcherArgs({}, dir);
    assertEquals(bare.filter((a) => a.startsWith("--allow-net")), []);
    // .env is passed to Deno (which reads it before permissions apply) only when present.
    assertEquals(bare.filter((a) => a.startsWith("--env-file")), []);
    await Deno.writeTextFile(`${dir}/.env`, "BACKLOG_DOMAIN=space.backlog.com\n");
    assert((await launcherArgs({}, dir)).includes("--env-file=.env"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("permissions: deno.json's and mise.toml's mcp tasks both run bin/mcp", async () => {
  const denoJson = JSON.parse(await Deno.readTextFile(`${ROOT}deno.json`));
  assertEquals(denoJson.tasks.mcp, "sh bin/mcp");
  const mise = await Deno.readTextFile(`${ROOT}mise.toml`);
  const section = mise.split(/^\[tasks\.mcp\]$/m)[1]?.split(/^\[/m)[0] ?? "";
  assertStringIncludes(section, 'run = "exec sh bin/mcp"');
  assertStringIncludes(section, "raw = true");
  assertStringIncludes(section, "quiet = true");
});

Deno.test("permissions: under the mcp task's flags only the Backlog host is reachable; no files, programs or other variables", async () => {
  const allowed = await startTestSandbox();
  const other = await startTestSandbox();
  try {
    const flags = await mcpFlags(childEnv(sandboxEnv(allowed)));
    assertEquals(flagValue(flags, "--allow-net"), new URL(allowed.url).host);
    const probe = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        ...flags,
        `${ROOT}tests/fixtures/net_probe.ts`,
        `${allowed.url}/api/v2/space`,
        `${other.url}/api/v2/space`,
        "https://example.com/",
      ],
      cwd: ROOT,
      clearEnv: true,
      env: childEnv(sandboxEnv(allowed)),
      stdout: "piped",
      stderr: "piped",
    }).output();
    const results = JSON.parse(new TextDecoder().decode(probe.stdout));
    assertEquals(results, {
      [`fetch ${allowed.url}/api/v2/space`]: "ok",
      [`fetch ${other.url}/api/v2/space`]: "NotCapable",
      "fetch https://example.com/": "NotCapable",
      "read deno.json": "NotCapable",
      "read .env": "NotCapable",
      "write /tmp": "NotCapable",
      "env HOME": "NotCapable",
      "env BACKLOG_API_KEY": "ok",
      "run": "NotCapable",
      "sys hostname": "NotCapable",
    });
    assertEquals(other.requests.length, 0, "nothing reached the other host");
  } finally {
    await allowed.close();
    await other.close();
  }
});

Deno.test("permissions: the server under its flags works, and one pointed at a host its flags do not allow says so", async () => {
  const allowed = await startTestSandbox();
  const other = await startTestSandbox();
  const texts: string[] = [];
  const good = await startLeastPrivilege(sandboxEnv(allowed));
  try {
    // Every variable is read through the --allow-env list: a configured server answers.
    const details = await good.callTool("get_issue_details", { issue_key: SEED.issues.rich });
    texts.push(resultText(details));
    assert(!details.isError, resultText(details));
    const list = await good.callTool("get_user_issue_list", { limit: 5 });
    texts.push(resultText(list));
    assert(!list.isError, resultText(list));
    // Writes go over a connection client of their own; they work under the same flags.
    const comment = await good.callTool("add_issue_comment", {
      issue_key: SEED.issues.rich,
      content: "written under least privilege",
    });
    texts.push(resultText(comment));
    assert(!comment.isError, resultText(comment));
  } finally {
    await good.closeStdin();
  }
  assertCleanOutput(good, texts);

  // Flags computed for `allowed`, configuration pointing at `other`.
  const denied = await startLeastPrivilege(sandboxEnv(other), sandboxEnv(allowed));
  try {
    const started = Date.now();
    const result = await denied.callTool("get_issue_details", { issue_key: SEED.issues.rich });
    const text = resultText(result);
    texts.push(text);
    assertEquals(result.isError, true);
    assertStringIncludes(text, `not allowed to connect to ${new URL(other.url).host}`);
    assertOneSentence(text);
    assert(Date.now() - started < 1000, "a denied permission is not retried");
    assertEquals(other.requests.length, 0, "the server could not reach the other host");
  } finally {
    await denied.closeStdin();
    await allowed.close();
    await other.close();
  }
  assertCleanOutput(denied, texts);
});

Deno.test("security: the key is redacted even when Backlog echoes it back", async () => {
  const sandbox = await startTestSandbox({
    messages: { noIssue: `No issue for key ${TEST_API_KEY}.` },
  });
  const server = await startLeastPrivilege(sandboxEnv(sandbox, { BACKLOG_LOG_LEVEL: "debug" }));
  const texts: string[] = [];
  try {
    const result = await server.callTool("get_issue_details", { issue_key: "DEMO-99999" });
    texts.push(resultText(result));
    assertEquals(result.isError, true);
    assertStringIncludes(resultText(result), "[REDACTED]");
  } finally {
    await server.closeStdin();
    await sandbox.close();
  }
  assertCleanOutput(server, texts);
});
