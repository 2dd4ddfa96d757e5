/**
 * The README's MCP client snippets, launched exactly as written. Each snippet
 * follows an HTML comment `<!-- client: NAME -->`; this test reads it, swaps
 * the placeholder repository path for this checkout and the placeholder values
 * for the stand-in's, starts that very command from a temporary directory (as
 * a client started from anywhere would) with the SDK's stdio client, and
 * completes `initialize`, `tools/list` and one tool call. So the documentation
 * cannot drift from what works.
 *
 * Snippets without an `env` block rely on the repository's `.env`: for those a
 * temporary `.env` is written, and removed afterwards, only when the checkout
 * has none (a developer's own `.env` is never touched; the test is skipped).
 */

import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult, Tool } from "@modelcontextprotocol/sdk/types.js";
import { assert, assertEquals, assertNotIncludes, assertStringIncludes } from "./assert.ts";
import { ROOT, startTestSandbox, TEST_API_KEY } from "./harness.ts";
import { CONFIG_VARIABLES } from "../src/config/config.ts";
import { SEED } from "../src/tooling/sandbox/seed.ts";

/** The clients the README must cover. */
const CLIENTS = ["claude-desktop", "claude-code", "cursor", "cline", "gemini-cli", "vscode"];

/** What the snippets say instead of a real path and real values. */
const PLACEHOLDER_PATH = "/path/to/backlog-mcp";
const PLACEHOLDER_VALUES: Record<string, string> = {
  BACKLOG_API_KEY: "your-api-key",
  BACKLOG_DOMAIN: "your-space.backlog.com",
};

const README = Deno.readTextFileSync(`${ROOT}README.md`);
const REPO = ROOT.replace(/\/+$/, "");
const DOTENV = `${ROOT}.env`;

/** One fenced block of the README, marked with `<!-- client: NAME -->`. */
interface Snippet {
  client: string;
  lang: string;
  body: string;
}

/** What a client would start. */
interface Launch {
  command: string;
  args: string[];
  /** The client's `env` block; undefined when the snippet relies on `.env`. */
  env?: Record<string, string>;
  /** Cline's list of tools it calls without asking. */
  autoApprove?: string[];
}

function readSnippets(markdown: string): Snippet[] {
  const pattern = /<!--\s*client:\s*([\w-]+)\s*-->\s*\n\s*```(\w*)\n([\s\S]*?)\n```/g;
  return [...markdown.matchAll(pattern)].map((m) => ({ client: m[1], lang: m[2], body: m[3] }));
}

/** Splits a POSIX shell command line into words: quotes, backslashes, line continuations. */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  const push = (c: string) => word = (word ?? "") + c;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") {
      if (text[i + 1] === "\n") i++; // line continuation
      else push(text[++i] ?? "");
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new Error("unterminated ' quote");
      push(text.slice(i + 1, end));
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      let part = "";
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === "\\" && '"\\$`'.includes(text[j + 1])) part += text[++j];
        else part += text[j];
      }
      if (j >= text.length) throw new Error('unterminated " quote');
      push(part);
      i = j;
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if ("$`;|&<>()#".includes(c) && word === undefined) {
      throw new Error(`shell syntax this test does not interpret: ${c}`);
    } else {
      push(c);
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** A JSON config file's `backlog` server (`mcpServers`, or VS Code's `servers`). */
function fromJson(snippet: Snippet): Launch {
  const doc = JSON.parse(snippet.body) as Record<string, unknown>;
  const servers = (doc.mcpServers ?? doc.servers) as Record<string, Record<string, unknown>>;
  assert(servers, `${snippet.client}: no "mcpServers" or "servers" object`);
  if (snippet.client === "vscode") assert(doc.servers, 'VS Code\'s key is "servers"');
  else assert(doc.mcpServers, `${snippet.client}'s key is "mcpServers"`);
  const entry = servers.backlog;
  assert(entry, `${snippet.client}: no server named "backlog"`);
  if (entry.type !== undefined) assertEquals(entry.type, "stdio");
  assert(typeof entry.command === "string", `${snippet.client}: command`);
  return {
    command: entry.command,
    args: (entry.args ?? []) as string[],
    env: entry.env as Record<string, string> | undefined,
    autoApprove: entry.autoApprove as string[] | undefined,
  };
}

/** `claude mcp add [options] backlog [-e K=V …] -- command args…` */
function fromClaudeMcpAdd(snippet: Snippet): Launch {
  const words = shellWords(snippet.body);
  assertEquals(words.slice(0, 3), ["claude", "mcp", "add"]);
  const dash = words.indexOf("--");
  assert(dash > 0, "claude mcp add needs -- before the server's command");
  const options = words.slice(3, dash);
  const command = words.slice(dash + 1);
  const env: Record<string, string> = {};
  let name: string | undefined;
  let firstEnv = -1;
  for (let i = 0; i < options.length; i++) {
    const word = options[i];
    if (word === "-e" || word === "--env") {
      if (firstEnv < 0) firstEnv = i;
      const [key, ...rest] = (options[++i] ?? "").split("=");
      assert(rest.length > 0, `-e needs KEY=value, got ${options[i]}`);
      env[key] = rest.join("=");
    } else if (["-s", "--scope", "-t", "--transport"].includes(word)) {
      i++;
    } else if (word.startsWith("-")) {
      throw new Error(`option the test does not know: ${word}`);
    } else {
      assertEquals(name, undefined, "one server name");
      name = word;
      // `-e` takes several values: a name after it would be read as one more variable.
      assert(firstEnv < 0, "the server name must come before the -e options");
    }
  }
  assertEquals(name, "backlog");
  return {
    command: command[0],
    args: command.slice(1),
    env: Object.keys(env).length > 0 ? env : undefined,
  };
}

function launchOf(snippet: Snippet): Launch {
  if (snippet.lang === "json") return fromJson(snippet);
  if (snippet.lang === "sh" && snippet.body.trimStart().startsWith("claude mcp add")) {
    return fromClaudeMcpAdd(snippet);
  }
  throw new Error(`${snippet.client}: no reader for a ${snippet.lang} snippet`);
}

const SNIPPETS = readSnippets(README);

/**
 * What every snippet starts: the launcher by its absolute path, through sh — the fastest form
 * (the fast-start build), and one that works from desktop apps (bin/mcp finds mise's Deno).
 */
const LAUNCH = ["sh", `${PLACEHOLDER_PATH}/bin/mcp`];

Deno.test("README: a tested snippet for each of the six clients, all `sh <repo>/bin/mcp`", () => {
  assertEquals(SNIPPETS.map((s) => s.client).sort(), [...CLIENTS].sort());
  const launches = SNIPPETS.map((s) => ({ client: s.client, ...launchOf(s) }));
  for (const launch of launches) {
    const line = [launch.command, ...launch.args].join(" ");
    assertEquals([launch.command, ...launch.args], LAUNCH, launch.client);
    assert(!/\bmise(@\S+)?\s+(-C\s+\S+\s+)?mcp\b/.test(line), `${launch.client}: "mise mcp"`);
    for (const [name, value] of Object.entries(launch.env ?? {})) {
      assert((CONFIG_VARIABLES as readonly string[]).includes(name), `unknown variable ${name}`);
      // Placeholders only: a real key must never land in the README.
      assertEquals(value, PLACEHOLDER_VALUES[name], `${launch.client}: ${name} is a placeholder`);
    }
  }
  assert(launches.some((l) => l.env), "at least one snippet with an env block");
  assert(launches.some((l) => !l.env), "at least one snippet relying on .env");
});

Deno.test("shellWords: quotes, escapes and line continuations", () => {
  assertEquals(shellWords(`a 'b c' "d \\"e\\"" f\\ g \\\n  h`), ["a", "b c", 'd "e"', "f g", "h"]);
  assertEquals(shellWords("-e K=V=W --"), ["-e", "K=V=W", "--"]);
});

function onPath(command: string): boolean {
  for (const dir of (Deno.env.get("PATH") ?? "").split(":")) {
    try {
      if (Deno.statSync(`${dir}/${command}`).isFile) return true;
    } catch { /* not here */ }
  }
  return false;
}

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

for (const snippet of SNIPPETS) {
  const launch = launchOf(snippet);
  const viaDotenv = launch.env === undefined;
  const missing = onPath(launch.command) ? undefined : `${launch.command} is not on PATH`;
  // Decided when the tests are collected: a developer's .env stays untouched.
  const dotenvTaken = viaDotenv && exists(DOTENV)
    ? "this checkout has a .env, which this test must not touch; move it away to run it"
    : undefined;
  const skip = missing ?? dotenvTaken;
  Deno.test({
    name: `README client snippet runs as written: ${snippet.client} (${
      viaDotenv ? ".env" : "env block"
    })${skip ? ` [skipped: ${skip}]` : ""}`,
    ignore: skip !== undefined,
    async fn() {
      const sandbox = await startTestSandbox();
      const cwd = await Deno.makeTempDir({ prefix: "backlog-mcp-client-" });
      let wroteDotenv = false;
      let stderr = "";
      let client: Client | undefined;
      try {
        const args = launch.args.map((a) => a.replaceAll(PLACEHOLDER_PATH, REPO));
        let env: Record<string, string> = {};
        if (viaDotenv) {
          // Created exclusively: never overwrites a .env that appeared meanwhile.
          await Deno.writeTextFile(
            DOTENV,
            `BACKLOG_API_KEY=${TEST_API_KEY}\nBACKLOG_BASE_URL=${sandbox.url}\n`,
            { createNew: true },
          );
          wroteDotenv = true;
        } else {
          env = { ...launch.env, BACKLOG_API_KEY: TEST_API_KEY, BACKLOG_BASE_URL: sandbox.url };
        }
        // The SDK passes its default environment (PATH, HOME …) plus `env`, as clients do.
        const transport = new StdioClientTransport({
          command: launch.command,
          args,
          env,
          cwd,
          stderr: "pipe",
        });
        transport.stderr?.on("data", (chunk: Uint8Array | string) => {
          stderr += typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk);
        });
        client = new Client({ name: `readme-${snippet.client}`, version: "1.0.0" });
        try {
          await client.connect(transport);
          const { tools } = await client.listTools();
          const names = (tools as Tool[]).map((t) => t.name);
          for (const name of ["get_issue_details", "get_user_issue_list"]) {
            assert(names.includes(name), `${name} missing from ${names.join(", ")}`);
          }
          for (const name of launch.autoApprove ?? []) {
            const tool = (tools as Tool[]).find((t) => t.name === name);
            assert(tool, `autoApprove names ${name}, which the server does not offer`);
            assertEquals(
              tool.annotations?.readOnlyHint,
              true,
              `autoApprove ${name}: not read-only`,
            );
          }
          // The configuration reached the server: a real call against the stand-in.
          const result = await client.callTool({
            name: "get_issue_details",
            arguments: { issue_key: SEED.issues.rich, include_comments: false },
          }) as CallToolResult;
          const text = (result.content as { text?: string }[]).map((c) => c.text ?? "").join("\n");
          assert(!result.isError, text);
          assertStringIncludes(text, `${SEED.issues.rich}:`);
        } catch (error) {
          throw new Error(
            `${snippet.client}: ${launch.command} ${args.join(" ")} (cwd ${cwd}) failed: ${
              error instanceof Error ? error.message : error
            }\n--- stderr ---\n${stderr}`,
          );
        }
        assertNotIncludes(stderr, TEST_API_KEY);
      } finally {
        await client?.close();
        if (wroteDotenv) await Deno.remove(DOTENV).catch(() => {});
        await Deno.remove(cwd, { recursive: true }).catch(() => {});
        await sandbox.close();
      }
    },
  });
}
