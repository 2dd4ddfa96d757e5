/**
 * The fast start (the install step's build, `src/fast_start.ts`) answers
 * exactly as the server run from source, and a build that does not match
 * cannot mislead a client. When `bin/mcp` uses it: `launcher_choice_test.ts`.
 */

import { assert, assertEquals, assertStringIncludes } from "./assert.ts";
import { sandboxEnv, startTestSandbox } from "./harness.ts";
import { childEnv } from "./least_privilege.ts";
import { build, MCP_V8_FLAGS } from "../src/tooling/build/build.ts";
import { precompute, PROBE_VALUES, unprobedVariables } from "../src/tooling/build/precompute.ts";
import { parseConfig } from "../src/config/config.ts";
import { answerKey } from "../src/fast_start.ts";
import { launcherArgs, mcpFlags, ROOT } from "../src/tooling/support/launcher.ts";
import { spawnStdio, type StdioServer } from "../src/tooling/support/stdio_driver.ts";
import { SEED } from "../src/tooling/sandbox/server.ts";

const INIT = (protocolVersion: string, clientInfo: Record<string, unknown> = {}) => ({
  protocolVersion,
  capabilities: { roots: { listChanged: true }, elicitation: {} },
  clientInfo: { name: "fast-start-test", version: "1.0.0", ...clientInfo },
});

/** One session: what is sent, in order (requests are awaited one by one). */
type Step = { method: string; params?: unknown; notify?: boolean; raw?: string };

const CALLS: Step[] = [
  { method: "tools/list" }, // answered by the server itself, not the build
  { method: "tools/call", params: { name: "get_myself", arguments: {} } },
  { method: "tools/call", params: { name: "get_user_issue_list", arguments: { limit: 5 } } },
  {
    method: "tools/call",
    params: { name: "get_issue_details", arguments: { issue_key: SEED.issues.rich } },
  },
  { method: "tools/call", params: { name: "get_issue_details", arguments: { issue_key: "x y" } } },
  { method: "tools/call", params: { name: "update_issue", arguments: { issue_key: "DEMO-1" } } },
  { method: "ping" },
  { method: "prompts/list" },
];

const SESSIONS: Record<string, Step[]> = {
  "a usual start": [
    { method: "initialize", params: INIT("2025-06-18") },
    { method: "notifications/initialized", notify: true },
    { method: "tools/list" },
    ...CALLS,
  ],
  "the latest protocol, tools/list with a cursor": [
    { method: "initialize", params: INIT("2025-11-25") },
    { method: "notifications/initialized", notify: true },
    { method: "tools/list", params: { cursor: "x" } },
    ...CALLS.slice(1, 3),
  ],
  "an unknown protocol version": [
    { method: "initialize", params: INIT("1999-01-01") },
    { method: "tools/list" },
  ],
  "what the build leaves to the server": [
    { method: "tools/list" }, // before initialize
    { raw: "this is not JSON", method: "" },
    { method: "initialize", params: INIT("2025-06-18", { icons: [{ src: "x.png" }] }) },
    { method: "initialize", params: INIT("2025-06-18") }, // a second one
    { method: "tools/list", params: { cursor: 7 } },
    { method: "tools/list" },
  ],
};

/** Runs `steps`; returns every stdout line and the stderr. */
async function runSession(server: StdioServer, steps: Step[]) {
  for (const step of steps) {
    if (step.raw !== undefined) await server.writeRaw(step.raw + "\n");
    else if (step.notify) await server.notify(step.method, step.params);
    else await server.request(step.method, step.params);
  }
  await server.closeStdin();
  return { lines: server.stdoutLines, stderr: server.stderr() };
}

const FLAG_BUILD_DIR = await Deno.makeTempDir({ prefix: "backlog-mcp-fast-start-" });
let built: Promise<string[]> | undefined;
/** The build, made once for this file from the current sources. */
const buildOnce = () => built ??= build(`${FLAG_BUILD_DIR}/build`);
const entry = () => `${FLAG_BUILD_DIR}/build/dist/entry.js`;

function spawn(env: Record<string, string>, flags: string[], script: "source" | "build") {
  const args = script === "source"
    ? ["run", ...flags, "src/main.ts"]
    : ["run", ...flags, "--no-config", entry()];
  return spawnStdio({ command: Deno.execPath(), args, env: childEnv(env), cwd: ROOT });
}

Deno.test("fast start: the build answers byte for byte as deno run src/main.ts", async (t) => {
  await buildOnce();
  const sandbox = await startTestSandbox();
  try {
    const configs: Record<string, Record<string, string>> = {
      configured: sandboxEnv(sandbox, { BACKLOG_LOG_LEVEL: "debug" }),
      "read-only": sandboxEnv(sandbox, { BACKLOG_READ_ONLY: "true", BACKLOG_LOG_LEVEL: "debug" }),
      "not configured": { BACKLOG_LOG_LEVEL: "debug" },
    };
    for (const [configName, env] of Object.entries(configs)) {
      const flags = await mcpFlags(childEnv(env));
      for (const [sessionName, steps] of Object.entries(SESSIONS)) {
        await t.step(`${configName}: ${sessionName}`, async () => {
          const source = await runSession(spawn(env, flags, "source"), steps);
          const fast = await runSession(spawn(env, flags, "build"), steps);
          assert(source.lines.length >= steps.filter((s) => !s.notify).length - 1, source.stderr);
          assertEquals(fast.lines, source.lines, fast.stderr);
          assert(!fast.stderr.includes("fast start:"), fast.stderr);
        });
      }
    }
  } finally {
    await sandbox.close();
  }
});

Deno.test("fast start: a client that closes stdin after its answers gets the process gone at once", async () => {
  await buildOnce();
  const env = { BACKLOG_API_KEY: "k-fast-start", BACKLOG_DOMAIN: "example.backlog.com" };
  const flags = await mcpFlags(childEnv(env));
  // A probe (initialize, then close): answered, and the server is never even loaded.
  const probe = spawn(env, flags, "build");
  await probe.request("initialize", INIT("2025-06-18"));
  assertEquals((await probe.closeStdin()).code, 0);
  assert(!probe.stderr().includes("ready on stdio"), probe.stderr());
  // initialize and tools/list, then close: both answered, clean exit.
  const lister = spawn(env, flags, "build");
  await lister.request("initialize", INIT("2025-06-18"));
  await lister.notify("notifications/initialized");
  const list = await lister.request("tools/list");
  assert((list.result as { tools: unknown[] }).tools.length > 0);
  assertEquals((await lister.closeStdin()).code, 0);
  assertEquals(lister.violations, []);
});

Deno.test("fast start: a build whose answers do not match the server's is noticed, and the client told", async () => {
  await buildOnce();
  const dir = await Deno.makeTempDir({ prefix: "backlog-mcp-fast-start-stale-" });
  try {
    // A copy of the build whose recorded tool list is not the server's (as a stale build's would be).
    for (const file of Deno.readDirSync(`${FLAG_BUILD_DIR}/build/dist`)) {
      let text = await Deno.readTextFile(`${FLAG_BUILD_DIR}/build/dist/${file.name}`);
      if (file.name === "entry.js") {
        assert(text.includes("get_myself"), "the tool list is in the entry");
        text = text.replaceAll("get_myself", "get_myself_stale");
      }
      await Deno.writeTextFile(`${dir}/${file.name}`, text);
    }
    const env = { BACKLOG_API_KEY: "k-fast-start", BACKLOG_DOMAIN: "example.backlog.com" };
    const flags = await mcpFlags(childEnv(env));
    const server = spawnStdio({
      command: Deno.execPath(),
      args: ["run", ...flags, "--no-config", `${dir}/entry.js`],
      env: childEnv(env),
      cwd: ROOT,
    });
    await server.request("initialize", INIT("2025-06-18"));
    const stale = await server.request("tools/list");
    assertStringIncludes(JSON.stringify(stale), "get_myself_stale");
    // The server loads, checks, and tells the client the list changed; asked again, it answers.
    const deadline = Date.now() + 10_000;
    while (!server.stdoutLines.some((l) => l.includes("list_changed")) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    assert(server.stdoutLines.some((l) => l.includes("notifications/tools/list_changed")));
    const fresh = await server.request("tools/list");
    assert(!JSON.stringify(fresh).includes("get_myself_stale"));
    await server.closeStdin();
    assertStringIncludes(server.stderr(), "differs from the server's");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("fast start: every configuration variable is probed when the answers are recorded", () => {
  assertEquals(
    unprobedVariables(),
    [],
    "give each new variable a value in PROBE_VALUES (src/tooling/build/precompute.ts)",
  );
});

Deno.test("the install step builds the fast start from the sources, and mise reruns it when one changes", async () => {
  const mise = await Deno.readTextFile(`${ROOT}mise.toml`);
  const install = mise.split(/^\[tasks\.install\]$/m)[1]?.split(/^\[/m)[0] ?? "";
  assertStringIncludes(install, "src/tooling/build/build.ts");
  assertStringIncludes(install, 'sources = ["deno.json", "deno.lock", "src/**/*.ts"]');
  assertStringIncludes(install, 'outputs = [".cache/build/stamp"]');
  const ignored = await Deno.readTextFile(`${ROOT}.gitignore`);
  assert(ignored.split("\n").includes(".cache/"), "the build is never committed");
  // The build lists its sources: the whole module graph of the server, this test's build included.
  const notes = await buildOnce();
  assert(notes.some((n) => n.includes("fast start built")), notes.join("\n"));
  const stamp = await Deno.readTextFile(`${FLAG_BUILD_DIR}/build/stamp`);
  for (const file of ["src/server.ts", "src/fast_start.ts", "src/serve_stdio.ts", "deno.lock"]) {
    assert(stamp.split("\n").some((l) => l.endsWith(` ${file}`)), `${file} in the stamp`);
  }
});

globalThis.addEventListener("unload", () => {
  try {
    Deno.removeSync(FLAG_BUILD_DIR, { recursive: true });
  } catch { /* gone */ }
});

Deno.test("fast start: a setting the first answers depend on becomes part of their key", async () => {
  // A server whose instructions name USER_ID: the build must notice and key the answers on it.
  const ask = (env: Record<string, string | undefined>) =>
    Promise.resolve({
      initialize: { instructions: `user ${env.USER_ID ?? "me"}`, ro: env.BACKLOG_READ_ONLY ?? "" },
      toolsList: { tools: [] },
    });
  const { answers, notes } = await precompute(ask);
  assertEquals(answers.keyVariables, ["USER_ID"]);
  assertEquals(notes.length, 1);
  assertStringIncludes(notes[0], "USER_ID");
  const configured = parseConfig((n) =>
    ({ BACKLOG_API_KEY: "k", BACKLOG_DOMAIN: "x.backlog.com" } as Record<string, string>)[n]
  );
  const keyFor = (userId?: string) =>
    answerKey(configured, (n) => n === "USER_ID" ? userId : undefined, answers.keyVariables);
  const instructions = (key: string) => JSON.parse(answers.variants[key].initialize).instructions;
  assertEquals(instructions(keyFor()), "user me");
  assertEquals(instructions(keyFor(PROBE_VALUES.USER_ID)), "user 4242");
  // Any other value was not recorded: the fast start leaves the answers to the server.
  assertEquals(answers.variants[keyFor("17")], undefined);
});

Deno.test("the build warms Deno's code cache with bin/mcp's V8 flags", async () => {
  const args = await launcherArgs({});
  assert(args.includes(MCP_V8_FLAGS), `bin/mcp passes ${MCP_V8_FLAGS}: ${args.join(" ")}`);
  assertEquals(args.filter((a) => a.startsWith("--v8-flags")), [MCP_V8_FLAGS]);
});
