/**
 * Least privilege and lifecycle: the `mcp` task's Deno flags (computed by
 * `bin/mcp`) grant the configured Backlog host and the configuration
 * variables and nothing else; a server under them works, cannot reach another
 * host, read files, run programs or read other variables; the launcher finds
 * the host exactly as the server does; the server leaves on stdin close and
 * on SIGTERM/SIGINT within a second; the key never shows.
 */

import { assert, assertEquals, assertStringIncludes } from "./assert.ts";
import { sandboxEnv, startTestSandbox, TEST_API_KEY } from "./harness.ts";
import {
  assertCleanOutput,
  assertOneSentence,
  childEnv,
  resultText,
  startLeastPrivilege,
} from "./least_privilege.ts";
import { CONFIG_VARIABLES, parseConfig } from "../src/config/config.ts";
import { LAUNCHER, launcherArgs, mcpFlags, ROOT } from "../src/tooling/support/launcher.ts";
import { initialize, spawnStdio } from "../src/tooling/support/stdio_driver.ts";
import { SEED } from "../src/tooling/sandbox/seed.ts";

const flagValue = (args: readonly string[], flag: string) =>
  args.find((a) => a.startsWith(`${flag}=`))?.slice(flag.length + 1);

async function tempDir(): Promise<string> {
  return await Deno.makeTempDir({ prefix: "backlog-mcp-launcher-" });
}

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

/** A launcher case: the process environment and, optionally, a .env file. */
interface HostCase {
  name: string;
  env?: Record<string, string>;
  dotenv?: string;
}

const HOST_CASES: HostCase[] = [
  { name: "loopback stand-in", env: { BACKLOG_BASE_URL: "http://127.0.0.1:8787" } },
  { name: "localhost with a slash", env: { BACKLOG_BASE_URL: "http://localhost:3000/" } },
  { name: "IPv6 loopback", env: { BACKLOG_BASE_URL: "http://[::1]:8080/api/v2" } },
  { name: "http on port 80", env: { BACKLOG_BASE_URL: "http://127.0.0.1" } },
  { name: "on-premises https", env: { BACKLOG_BASE_URL: "https://backlog.example.com" } },
  {
    name: "upper case, port and sub-path",
    env: { BACKLOG_BASE_URL: "https://Backlog.Example.COM:8443/backlog/" },
  },
  { name: "surrounding blanks", env: { BACKLOG_BASE_URL: "  https://b.example.com  " } },
  { name: "http off loopback is refused", env: { BACKLOG_BASE_URL: "http://backlog.example.com" } },
  { name: "127-looking host name", env: { BACKLOG_BASE_URL: "http://127.evil.example.com" } },
  { name: "another scheme", env: { BACKLOG_BASE_URL: "ftp://backlog.example.com" } },
  { name: "credentials", env: { BACKLOG_BASE_URL: "https://user:pw@b.example.com" } },
  { name: "a query", env: { BACKLOG_BASE_URL: "https://b.example.com/?x=1" } },
  { name: "not a URL", env: { BACKLOG_BASE_URL: "not a url" } },
  { name: "cloud domain", env: { BACKLOG_DOMAIN: "space.backlog.com" } },
  { name: "pasted URL", env: { BACKLOG_DOMAIN: "https://My-Space.backlog.jp/dashboard" } },
  { name: "backlogtool.com", env: { BACKLOG_DOMAIN: "space.backlogtool.com" } },
  { name: "not Backlog", env: { BACKLOG_DOMAIN: "evil.example.com" } },
  { name: "nested label", env: { BACKLOG_DOMAIN: "a.b.backlog.com" } },
  { name: "leading hyphen", env: { BACKLOG_DOMAIN: "-bad.backlog.com" } },
  {
    name: "base URL wins over the domain",
    env: { BACKLOG_DOMAIN: "space.backlog.com", BACKLOG_BASE_URL: "http://127.0.0.1:9" },
  },
  { name: "nothing configured" },
  { name: ".env domain", dotenv: "BACKLOG_API_KEY=x\nBACKLOG_DOMAIN=space.backlog.com\n" },
  {
    name: ".env export, quotes and a comment",
    dotenv: '# stand-in\nexport BACKLOG_BASE_URL="http://127.0.0.1:8787" # local\n',
  },
  {
    name: ".env first assignment wins",
    dotenv: "BACKLOG_DOMAIN=first.backlog.com\nBACKLOG_DOMAIN=second.backlog.com\n",
  },
  { name: ".env trailing comment", dotenv: "BACKLOG_DOMAIN=space.backlog.com # my space\n" },
  { name: ".env single quotes", dotenv: "BACKLOG_DOMAIN='space.backlog.jp'\n" },
  { name: ".env blanks around =", dotenv: "  BACKLOG_DOMAIN =  space.backlog.com  \n" },
  { name: ".env CRLF", dotenv: "BACKLOG_DOMAIN=space.backlog.com\r\nUSER_ID=1\r\n" },
  { name: ".env commented out", dotenv: "# BACKLOG_BASE_URL=http://127.0.0.1:8787\n" },
  { name: ".env similar name", dotenv: "BACKLOG_DOMAIN_OLD=old.backlog.com\n" },
  { name: ".env without final newline", dotenv: "BACKLOG_DOMAIN=space.backlog.com" },
  {
    name: "process environment wins over .env",
    env: { BACKLOG_DOMAIN: "mine.backlog.com" },
    dotenv: "BACKLOG_DOMAIN=theirs.backlog.com\n",
  },
  {
    name: "set-but-empty process variable wins over .env",
    env: { BACKLOG_BASE_URL: "" },
    dotenv: "BACKLOG_BASE_URL=http://127.0.0.1:8787\nBACKLOG_DOMAIN=space.backlog.com\n",
  },
];

/** What the server would contact: parseConfig on the variables as Deno's --env-file sets them. */
async function serverHost(dir: string, c: HostCase): Promise<string | null> {
  const { stdout, success, stderr } = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--no-prompt",
      "--allow-env=BACKLOG_BASE_URL,BACKLOG_DOMAIN",
      ...(c.dotenv === undefined ? [] : [`--env-file=${dir}/.env`]),
      `${ROOT}tests/fixtures/env_probe.ts`,
    ],
    clearEnv: true,
    env: childEnv(c.env ?? {}),
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert(success, new TextDecoder().decode(stderr));
  const seen = JSON.parse(new TextDecoder().decode(stdout));
  const result = parseConfig((name) =>
    name === "BACKLOG_API_KEY" ? "some-key" : seen[name] ?? undefined
  );
  if (!result.ok) return null;
  const url = new URL(result.config.baseUrl);
  return `${url.hostname}:${url.port || (url.protocol === "https:" ? "443" : "80")}`;
}

Deno.test("permissions: bin/mcp allows the host the server will contact, read as Deno reads .env", async (t) => {
  const dir = await tempDir();
  try {
    for (const c of HOST_CASES) {
      await t.step(c.name, async () => {
        await Deno.remove(`${dir}/.env`).catch(() => {});
        if (c.dotenv !== undefined) await Deno.writeTextFile(`${dir}/.env`, c.dotenv);
        const args = await launcherArgs(c.env ?? {}, dir);
        const allowed = flagValue(args, "--allow-net") ?? null;
        assertEquals(allowed, await serverHost(dir, c), c.name);
      });
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
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

Deno.test("launcher: `sh bin/mcp` and `deno task mcp` start the server with clean stdout", async (t) => {
  const sandbox = await startTestSandbox();
  try {
    const launchers: [string, string, string[]][] = [
      ["sh bin/mcp (from another directory)", "sh", [LAUNCHER]],
      ["deno task mcp", Deno.execPath(), ["task", "--quiet", "mcp"]],
    ];
    for (const [name, command, args] of launchers) {
      await t.step(name, async () => {
        const server = spawnStdio({
          command,
          args,
          env: childEnv(sandboxEnv(sandbox)),
          cwd: command === "sh" ? "/" : ROOT,
        });
        try {
          await initialize(server);
          const result = await server.callTool("get_issue_details", {
            issue_key: SEED.issues.noComments,
          });
          assert(!result.isError, resultText(result));
          const status = await server.closeStdin();
          assertEquals(status.code, 0);
          assertCleanOutput(server, [resultText(result)]);
        } finally {
          await server.kill();
        }
      });
    }
  } finally {
    await sandbox.close();
  }
});

Deno.test("lifecycle: SIGTERM and SIGINT end the server cleanly within a second, idle or mid-call", async (t) => {
  const sandbox = await startTestSandbox();
  try {
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      for (const busy of [false, true]) {
        await t.step(`${signal}${busy ? " during a slow call" : ""}`, async () => {
          const server = await startLeastPrivilege(sandboxEnv(sandbox));
          try {
            if (busy) {
              sandbox.faults.inject({ kind: "slow", delayMs: 10_000, times: 5 });
              server.callTool("get_issue_details", { issue_key: SEED.issues.rich }).catch(
                () => {},
              );
              await new Promise((r) => setTimeout(r, 300));
            }
            const started = performance.now();
            server.signal(signal);
            const status = await server.exited;
            const ms = performance.now() - started;
            assertEquals(status.code, 0, `${signal} exit code`);
            assert(ms < 1000, `${signal} took ${Math.round(ms)} ms`);
            assertStringIncludes(server.stderr(), `shutting down (${signal})`);
            assertCleanOutput(server);
          } finally {
            sandbox.faults.clear();
            await server.kill();
          }
        });
      }
    }
  } finally {
    await sandbox.close();
  }
});

Deno.test("lifecycle: closing stdin during a slow call still ends the server within a second", async () => {
  const sandbox = await startTestSandbox();
  const server = await startLeastPrivilege(sandboxEnv(sandbox));
  try {
    sandbox.faults.inject({ kind: "slow", delayMs: 10_000, times: 5 });
    server.callTool("get_issue_details", { issue_key: SEED.issues.rich }).catch(() => {});
    await new Promise((r) => setTimeout(r, 300));
    const started = performance.now();
    const status = await server.closeStdin();
    const ms = performance.now() - started;
    assertEquals(status.code, 0);
    assert(ms < 1000, `took ${Math.round(ms)} ms`);
    assertCleanOutput(server);
  } finally {
    await server.kill();
    await sandbox.close();
  }
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
