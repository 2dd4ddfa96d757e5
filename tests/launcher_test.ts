/**
 * The launcher and the server's lifecycle: `bin/mcp` allows exactly the host
 * the server will contact, reading `.env` as Deno does; `sh bin/mcp` and
 * `deno task mcp` start the server with clean stdout; closing stdin, SIGTERM
 * and SIGINT end it cleanly within a second, idle or mid-call.
 */

import { assert, assertEquals, assertStringIncludes } from "./assert.ts";
import { sandboxEnv, startTestSandbox } from "./harness.ts";
import {
  assertCleanOutput,
  childEnv,
  flagValue,
  resultText,
  startLeastPrivilege,
  tempDir,
} from "./least_privilege.ts";
import { parseConfig } from "../src/config/config.ts";
import { LAUNCHER, launcherArgs, ROOT } from "../src/tooling/support/launcher.ts";
import { initialize, spawnStdio } from "../src/tooling/support/stdio_driver.ts";
import { SEED } from "../src/tooling/sandbox/seed.ts";

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
