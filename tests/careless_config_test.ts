/**
 * Careless configuration: safety switches fail closed (an empty value in the
 * environment never weakens `.env`, through the real launcher too), the doctor
 * says where each switch's value came from, and a value in the wrong variable
 * (a secret pasted there) is shown by its length and at most four characters
 * on every channel: tool results, stderr and the doctor.
 */

import { assert, assertEquals, assertStringIncludes } from "./assert.ts";
import { childEnv } from "./least_privilege.ts";
import {
  connectInProcess,
  ROOT,
  sandboxEnv,
  startTestSandbox,
  TEST_API_KEY,
  textOf,
} from "./harness.ts";
import { CONFIG_VARIABLES, type ConfigVariable, parseConfig } from "../src/config/config.ts";
import { runDoctor } from "../src/tooling/doctor/doctor.ts";
import { formatReport } from "../src/tooling/doctor/report.ts";
import { launcherArgs } from "../src/tooling/support/launcher.ts";
import { initialize, resultText, spawnStdio } from "../src/tooling/support/stdio_driver.ts";

const BASE = { BACKLOG_API_KEY: TEST_API_KEY, BACKLOG_DOMAIN: "space.backlog.com" };

function parse(env: Record<string, string | undefined>, dotenv?: Record<string, string>) {
  const all: Record<string, string | undefined> = { ...BASE, ...env };
  return parseConfig((name) => all[name], dotenv && ((name) => dotenv[name]));
}

Deno.test("switches: read-only is on when either the environment or .env turns it on", () => {
  const values = [undefined, "", "  ", "false", "true", "yes", "off", "maybe"];
  const on = (v: string | undefined) => ["true", "yes"].includes(v ?? "");
  const unreadable = (v: string | undefined) => v === "maybe";
  let cases = 0;
  for (const env of values) {
    for (const file of values) {
      const result = parse(
        { BACKLOG_READ_ONLY: env },
        file === undefined ? undefined : {
          BACKLOG_READ_ONLY: file,
        },
      );
      const readOnly = result.ok ? result.config.readOnly : result.readOnly;
      const expected = on(env) || on(file) || unreadable(env) || unreadable(file);
      assertEquals(readOnly, expected, `env ${JSON.stringify(env)}, .env ${JSON.stringify(file)}`);
      cases++;
    }
  }
  assertEquals(cases, 64);
});

Deno.test("switches: an empty BACKLOG_PROJECTS in the environment never drops .env's allowlist", () => {
  const allowlist = (env: string | undefined, file: string | undefined) => {
    const result = parse(
      { BACKLOG_PROJECTS: env },
      file === undefined ? undefined : { BACKLOG_PROJECTS: file },
    );
    assert(result.ok, JSON.stringify(result));
    return result.config.projectAllowlist;
  };
  for (const empty of [undefined, "", " ", " , "]) {
    if (empty === " , ") continue; // not empty: an unreadable list, refused below
    assertEquals(allowlist(empty, "DEMO,PROJ"), ["DEMO", "PROJ"], JSON.stringify(empty));
  }
  assertEquals(allowlist("OPS", "DEMO"), ["OPS"], "a list of the environment's own wins");
  assertEquals(allowlist("", ""), undefined);
  assertEquals(allowlist(undefined, undefined), undefined);
  // An unreadable list anywhere it counts refuses to start (fail closed), never "every project".
  for (const [env, file] of [[" , ", "DEMO"], ["", "DE-MO"]]) {
    const result = parse({ BACKLOG_PROJECTS: env }, { BACKLOG_PROJECTS: file });
    assert(!result.ok, `${env} / ${file}`);
  }
});

Deno.test("switches: the doctor says where each value came from", async () => {
  const results = await runDoctor({
    env: (name) =>
      ({ ...BASE, BACKLOG_READ_ONLY: "", BACKLOG_PROJECTS: "" } as Record<string, string>)[name],
    denoVersion: Deno.version.deno,
    miseToml: undefined,
    denoOnPath: { kind: "native", path: Deno.execPath() },
    dotenv: "BACKLOG_READ_ONLY=true\nBACKLOG_PROJECTS=DEMO, PROJ # mine\n",
    timeoutMs: 1000,
    fetch: () => Promise.reject(new TypeError("offline")),
  });
  const line = (id: string) => results.find((r) => r.id === id)!;
  assert(!line("dotenv").message.includes("overrides"), line("dotenv").message);
  assertEquals(line("BACKLOG_READ_ONLY").status, "pass");
  assertStringIncludes(
    line("BACKLOG_READ_ONLY").message,
    "Read-only mode: on (BACKLOG_READ_ONLY=true in .env; the environment sets it empty, which cannot turn it off).",
  );
  assertStringIncludes(
    line("BACKLOG_PROJECTS").message,
    "Projects allowed: DEMO, PROJ (BACKLOG_PROJECTS in .env; the environment sets it empty, which does not drop it).",
  );
});

Deno.test("switches: through bin/mcp, an MCP client's empty values do not undo .env", async () => {
  const sandbox = await startTestSandbox();
  const dir = await Deno.makeTempDir({ prefix: "backlog-mcp-switches-" });
  try {
    await Deno.writeTextFile(`${dir}/.env`, "BACKLOG_READ_ONLY=true\nBACKLOG_PROJECTS=DEMO\n");
    // As an MCP client's env block would set them: the switches present but empty.
    const env = childEnv(sandboxEnv(sandbox, { BACKLOG_READ_ONLY: "", BACKLOG_PROJECTS: "" }));
    const args = await launcherArgs(env, dir);
    assert(args.includes("--allow-read=.env"), "bin/mcp lets the server read .env, and only it");
    assertEquals(args.filter((a) => a.startsWith("--allow-read")), ["--allow-read=.env"]);
    const server = spawnStdio({
      command: Deno.execPath(),
      args: args.map((a) => a === "src/main.ts" ? `${ROOT}src/main.ts` : a),
      env,
      cwd: dir,
    });
    try {
      await initialize(server);
      const list = await server.request("tools/list", {});
      const names = (list.result as { tools: { name: string }[] }).tools.map((t) => t.name);
      assert(names.length > 0);
      for (const writer of ["add_issue_comment", "update_issue", "create_issue"]) {
        assert(!names.includes(writer), `${writer} is offered although .env says read-only`);
      }
      const projects = resultText(await server.callTool("get_project_list", {}));
      assertStringIncludes(projects, "DEMO");
      assert(
        !/\bPROJ\b/.test(projects),
        `a project outside .env's allowlist is listed:\n${projects}`,
      );
      assertStringIncludes(server.stderr(), "BACKLOG_READ_ONLY=true in .env");
    } finally {
      await server.closeStdin();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
    await sandbox.close();
  }
});

/** A second secret, unknown to the redactor: only the display rule can keep it out. */
const PASTED = "pQsTzD9sKcr3t0vWlu37Zq81Xv7mLp02Hk5Tw9Rb3Nc6Yd4Fg1JaWxYz0123456789";

/** Fails when `text` holds any five characters in a row of `secret` (case-insensitively). */
function assertAtMostFour(text: string, secret: string, where: string): void {
  const lower = text.toLowerCase();
  for (let i = 0; i + 5 <= secret.length; i++) {
    const part = secret.slice(i, i + 5).toLowerCase();
    assert(!lower.includes(part), `${where} shows "${part}" of a rejected value:\n${text}`);
  }
}

/** The variables a pasted secret could land in, and is never valid for. */
const TARGETS = CONFIG_VARIABLES.filter((v) => v !== "BACKLOG_API_KEY");

Deno.test("no echo: a secret in the wrong variable shows by its length and ≤ 4 characters, everywhere", async (t) => {
  let checks = 0;
  for (const variable of TARGETS) {
    // (`https://` + a secret is a well-formed BACKLOG_BASE_URL: that one is a host, not a mistake.)
    const values = [PASTED, TEST_API_KEY, TEST_API_KEY.toUpperCase(), `https://${PASTED}`]
      .filter((v) => variable !== "BACKLOG_BASE_URL" || !v.startsWith("https://"));
    for (const value of values) {
      const secret = value.replace(/^https:\/\//, "");
      await t.step(`${variable} = ${value.slice(0, 12)}…`, async () => {
        const env: Partial<Record<ConfigVariable, string>> = { ...BASE, [variable]: value };
        // Tool results and stderr of a server with this configuration.
        const session = await connectInProcess(env);
        try {
          const result = await session.call("get_myself");
          assertEquals(result.isError, true);
          assertStringIncludes(textOf(result), `${variable}`);
          assertStringIncludes(textOf(result), `(${value.length} characters)`);
          assertAtMostFour(textOf(result), secret, "a tool result");
          assertAtMostFour(session.logs.join("\n"), secret, "stderr");
        } finally {
          await session.close();
        }
        // The doctor.
        const results = await runDoctor({
          env: (name) => (env as Record<string, string>)[name],
          denoVersion: Deno.version.deno,
          miseToml: undefined,
          denoOnPath: { kind: "native", path: Deno.execPath() },
          dotenv: undefined,
        });
        assertAtMostFour(formatReport(results), secret, "the doctor");
        checks++;
      });
    }
  }
  assertEquals(checks, TARGETS.length * 4 - 1);
});

Deno.test("no echo: over stdio, a server given only wrong values leaks none of them", async () => {
  const env = Object.fromEntries(TARGETS.map((v) => [v, `${v.length}${PASTED}`]));
  const server = spawnStdio({
    command: Deno.execPath(),
    args: ["run", "--allow-env", `${ROOT}src/main.ts`],
    env: childEnv({ ...env, BACKLOG_API_KEY: TEST_API_KEY }),
    cwd: ROOT,
  });
  try {
    await initialize(server);
    const text = resultText(await server.callTool("get_user_issue_list", {}));
    // Each wrong value is named (BACKLOG_DOMAIN is ignored: BACKLOG_BASE_URL wins over it).
    for (const variable of TARGETS.filter((v) => v !== "BACKLOG_DOMAIN")) {
      assertStringIncludes(text, variable);
    }
    assertAtMostFour(text, PASTED, "a tool result");
  } finally {
    await server.closeStdin();
  }
  assertAtMostFour(server.stderr(), PASTED, "stderr");
  assertAtMostFour(server.stdoutLines.join("\n"), PASTED, "stdout");
});
