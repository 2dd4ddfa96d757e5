/**
 * Real MCP clients against the server (spawned over stdio, as clients do) and
 * the stand-in:
 *
 * - MCP Inspector's CLI (`@modelcontextprotocol/inspector --cli`): tools/list
 *   with `--strict`, its schema portability check, must report nothing at
 *   all; then tools/call of every listed tool must answer without isError.
 * - The v2 TypeScript SDK client (`@modelcontextprotocol/client`): lists and
 *   calls every tool with its output validation on (a structuredContent that
 *   does not match the listed outputSchema, or is missing, fails the call).
 *
 * Each in text-only and structured mode (and read-only). Both clients are
 * pinned in tests/clients/package.json and package-lock.json and installed
 * by `.ci/run` (`npm ci --prefix tests/clients`). Without them these tests are
 * reported as ignored, loudly, on a developer's machine; with CI=true a
 * missing client is a failure.
 */

import type { CallToolResult, Tool } from "@modelcontextprotocol/sdk/types.js";
import { assert, assertEquals, assertNotIncludes } from "./assert.ts";
import { callFor, expectsSuccess } from "./clients/calls.ts";
import { ROOT, sandboxEnv, startTestSandbox, TEST_API_KEY } from "./harness.ts";
import { TOOLS } from "../src/server.ts";
import { listedTool } from "../src/server/register.ts";
import type { Sandbox } from "../src/tooling/sandbox/server.ts";

const CLIENTS = `${ROOT}tests/clients/`;
const INSPECTOR =
  `${CLIENTS}node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js`;
const PINS = JSON.parse(await Deno.readTextFile(`${CLIENTS}package.json`)).dependencies as Record<
  string,
  string
>;
const IN_CI = ["true", "1"].includes(Deno.env.get("CI") ?? "");

/** Pinned packages that are not installed at their pinned version. */
async function missingClients(): Promise<string[]> {
  const missing: string[] = [];
  for (const [name, version] of Object.entries(PINS)) {
    try {
      const installed = JSON.parse(
        await Deno.readTextFile(`${CLIENTS}node_modules/${name}/package.json`),
      ).version;
      if (installed !== version) missing.push(`${name}@${version} (found ${installed})`);
    } catch {
      missing.push(`${name}@${version}`);
    }
  }
  try {
    await new Deno.Command("node", { args: ["--version"], stdout: "null" }).output();
  } catch {
    missing.push("node");
  }
  return missing;
}

/** Modes the clients are run in, with the tools each lists. */
const MODES = {
  "text only": { env: { BACKLOG_STRUCTURED_OUTPUT: "false" }, readOnly: false },
  "structured": { env: { BACKLOG_STRUCTURED_OUTPUT: "true" }, readOnly: false },
  "read-only, structured": {
    env: { BACKLOG_STRUCTURED_OUTPUT: "true", BACKLOG_READ_ONLY: "true" },
    readOnly: true,
  },
};

const expectedTools = (readOnly: boolean) =>
  TOOLS.filter((t) => !readOnly || t.annotations.readOnlyHint).map((t) => t.name).sort();

/** Deno's cache directory, passed on so the spawned server finds its dependencies. */
async function denoDir(): Promise<string> {
  const out = await new Deno.Command(Deno.execPath(), { args: ["info", "--json"] }).output();
  return JSON.parse(new TextDecoder().decode(out.stdout)).denoDir;
}

/** How a client starts the server: stdio, network only to the stand-in. */
async function serverCommand(sandbox: Sandbox, env: Record<string, string>) {
  return {
    command: Deno.execPath(),
    args: ["run", "--allow-net=127.0.0.1", "--allow-env", `${ROOT}src/main.ts`],
    env: { ...sandboxEnv(sandbox, env), DENO_DIR: await denoDir(), NO_COLOR: "1" },
  };
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], options: Partial<Deno.CommandOptions> = {}) {
  return new Deno.Command(command, {
    args,
    stdin: options.stdin ?? "null",
    stdout: "piped",
    stderr: "piped",
    env: options.env,
    clearEnv: options.clearEnv,
    cwd: ROOT,
  }).spawn();
}

async function finish(child: Deno.ChildProcess): Promise<Run> {
  const out = await child.output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}

/** Runs MCP Inspector's CLI with a throw-away HOME (it never sees the developer's settings). */
async function inspector(
  home: string,
  server: Awaited<ReturnType<typeof serverCommand>>,
  args: string[],
): Promise<Run> {
  const envFlags = Object.entries(server.env).flatMap(([k, v]) => ["-e", `${k}=${v}`]);
  const child = run("node", [
    INSPECTOR,
    "--cli",
    ...args,
    "--format",
    "json",
    ...envFlags,
    "--",
    server.command,
    ...server.args,
  ], {
    clearEnv: true,
    env: { PATH: Deno.env.get("PATH") ?? "", HOME: home, NO_COLOR: "1" },
  });
  return await finish(child);
}

/** Runs `tasks` with at most `limit` at a time (the machine may have two cores). */
async function pooled<T>(tasks: (() => Promise<T>)[], limit = 3): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  }));
  return results;
}

async function withSandbox(fn: (sandbox: Sandbox, home: string) => Promise<void>) {
  const sandbox = await startTestSandbox();
  const home = await Deno.makeTempDir({ prefix: "backlog-mcp-client-home-" });
  try {
    await fn(sandbox, home);
    // Nothing the clients wrote (settings, caches, secret stores) holds the API key.
    for await (const file of walk(home)) {
      assertNotIncludes(await Deno.readTextFile(file), TEST_API_KEY, `${file} holds the key`);
    }
  } finally {
    await sandbox.close();
    await Deno.remove(home, { recursive: true });
  }
}

async function* walk(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) yield* walk(path);
    else if (entry.isFile) yield path;
  }
}

function registerTests() {
  for (const [mode, { env, readOnly }] of Object.entries(MODES)) {
    const what = readOnly ? "" : "; every tool is called";
    Deno.test(`MCP Inspector CLI (${mode}): tools/list --strict finds nothing${what}`, async () => {
      await withSandbox(async (sandbox, home) => {
        const server = await serverCommand(sandbox, env);
        const listed = await inspector(home, server, ["--method", "tools/list", "--strict"]);
        assertEquals(listed.code, 0, `inspector tools/list --strict: ${listed.stderr}`);
        // With findings, --strict prints "Error: tool …" / "Warning: tool …" and a count.
        assert(!/^(Error|Warning): tool /m.test(listed.stderr), listed.stderr);
        assert(!/\d+ errors?, \d+ warnings?/.test(listed.stderr), listed.stderr);
        const tools = JSON.parse(listed.stdout).result.tools as Tool[];
        assertEquals(tools.map((t) => t.name).sort(), expectedTools(readOnly));
        const structured = env.BACKLOG_STRUCTURED_OUTPUT === "true";
        // Read-only mode calls the same readers as the other modes: listing suffices there.
        if (readOnly) return;

        const calls = await pooled(tools.map((tool) => async () => {
          const call = callFor(tool);
          const answer = await inspector(home, server, [
            "--method",
            "tools/call",
            "--tool-name",
            call.name,
            "--tool-args-json",
            JSON.stringify(call.arguments),
          ]);
          return { call, answer };
        }));
        for (const { call, answer } of calls) {
          const result = JSON.parse(answer.stdout).result as CallToolResult;
          assert(result?.content, `${call.name}: no answer: ${answer.stdout} ${answer.stderr}`);
          if (!expectsSuccess(call.name)) continue;
          // The CLI exits 5 for an isError result, and on a failed output validation.
          assertEquals(answer.code, 0, `${call.name}: ${answer.stdout} ${answer.stderr}`);
          assert(!result.isError, `${call.name}: ${JSON.stringify(result.content)}`);
          assertEquals(result.structuredContent !== undefined, structured, call.name);
        }
      });
    });

    Deno.test(`v2 SDK client (${mode}): lists and calls every tool, output validation on`, async () => {
      await withSandbox(async (sandbox) => {
        const server = await serverCommand(sandbox, env);
        // The same calls as Gemini CLI sends them, too: with its wait_for_previous.
        const listed = TOOLS.filter((t) => expectedTools(readOnly).includes(t.name))
          .map((t) => listedTool(t, false));
        const calls = listed.flatMap((tool) => {
          const call = callFor(tool);
          return [call, { ...call, arguments: { ...call.arguments, wait_for_previous: true } }];
        });
        const child = run("node", [`${CLIENTS}v2_client.mjs`], { stdin: "piped" });
        const writer = child.stdin.getWriter();
        await writer.write(
          new TextEncoder().encode(JSON.stringify({ ...server, cwd: ROOT, calls })),
        );
        await writer.close();
        const out = await finish(child);
        assertEquals(out.code, 0, out.stderr);
        const report = JSON.parse(out.stdout) as {
          protocolVersion: string;
          tools: Tool[];
          calls: { name: string; result?: CallToolResult; error?: string }[];
        };
        assert(report.protocolVersion, "a protocol version was negotiated");
        assertEquals(report.tools.map((t) => t.name).sort(), expectedTools(readOnly));
        const structured = env.BACKLOG_STRUCTURED_OUTPUT === "true";
        for (const tool of report.tools) {
          assertEquals(tool.outputSchema !== undefined, structured, `${tool.name} outputSchema`);
        }
        assertEquals(report.calls.length, calls.length);
        for (const { name, result, error } of report.calls) {
          assertEquals(error, undefined, `${name}: the client refused the answer: ${error}`);
          assert(result, name);
          if (!expectsSuccess(name)) continue;
          assert(!result.isError, `${name}: ${JSON.stringify(result.content)}`);
          assertEquals(result.structuredContent !== undefined, structured, name);
        }
      });
    });
  }
}

const INSTALL = "npm ci --prefix tests/clients";
const missing = await missingClients();

if (missing.length > 0 && !IN_CI) {
  console.error(
    `\n*** real-client tests NOT RUN: ${missing.join(", ")} missing. Run \`${INSTALL}\` ` +
      `(CI does, in .ci/run). ***\n`,
  );
  Deno.test({
    name: `real clients: NOT RUN, ${missing.join(", ")} missing (run \`${INSTALL}\`)`,
    ignore: true,
    fn() {},
  });
} else if (missing.length > 0) {
  Deno.test("real clients: installed (required in CI)", () => {
    throw new Error(`${missing.join(", ")} missing: .ci/run must run \`${INSTALL}\` first`);
  });
} else {
  registerTests();
}
