/**
 * `mise run demo`: the product working without a Backlog account. Starts the
 * Backlog stand-in on 127.0.0.1, spawns the real MCP server over stdio (as an
 * MCP client would), and prints what a short scripted session gets back.
 *
 * This is a CLI that owns its stdout; the server it spawns keeps stdout for
 * JSON-RPC as always.
 *
 * @module
 */

import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { startSandbox } from "../sandbox/server.ts";
import { SEED } from "../sandbox/seed.ts";

const ROOT = new URL("../../../", import.meta.url).pathname;
const write = (text: string) => Deno.stdout.writeSync(new TextEncoder().encode(text + "\n"));
const rule = (title: string) =>
  write(`\n━━ ${title} ${"━".repeat(Math.max(0, 70 - title.length))}`);

const started = performance.now();
const sandbox = await startSandbox({ apiKey: SEED.apiKey });
const client = new Client({ name: "backlog-mcp-demo", version: "1.0.0" });

try {
  await client.connect(
    new StdioClientTransport({
      command: Deno.execPath(),
      args: ["run", "--allow-net", "--allow-env", `${ROOT}src/main.ts`],
      cwd: ROOT,
      env: {
        PATH: Deno.env.get("PATH") ?? "",
        HOME: Deno.env.get("HOME") ?? "",
        BACKLOG_API_KEY: SEED.apiKey,
        BACKLOG_BASE_URL: sandbox.url,
        BACKLOG_TIMEZONE: "UTC",
        BACKLOG_LOG_LEVEL: "warn",
      },
      stderr: "inherit",
    }),
  );
  const info = client.getServerVersion();
  write(`Connected to ${info?.name} ${info?.version} (stand-in Backlog at ${sandbox.url})`);
  const { tools } = await client.listTools();
  const names = tools.map((t: { name: string }) => t.name);
  write(wrap(`Tools (${names.length}): ${names.join(", ")}`));

  await show("My open issues due around 2026-11-21 (Asia/Tokyo)", {
    tool: "get_user_issue_list",
    args: {
      due_date_since: SEED.dueSoon.from,
      due_date_until: SEED.dueSoon.to,
      sort: "dueDate",
      order: "asc",
      limit: 8,
      timezone: "Asia/Tokyo",
    },
  });
  await show("DEMO-1 in full, in New York time", {
    tool: "get_issue_details",
    args: {
      issue_key: SEED.issues.rich,
      timezone: "America/New_York",
      comment_limit: 3,
    },
  });
  await show("The same issue's header in Tokyo time (dates do not move)", {
    tool: "get_issue_details",
    args: {
      issue_key: SEED.issues.rich,
      timezone: "Asia/Tokyo",
      include_comments: false,
    },
    lines: 8,
  });
  await show("An issue that does not exist", {
    tool: "get_issue_details",
    args: { issue_key: "DEMO-9999" },
  });
  await myDay();
  rule("Done");
  write(
    `${sandbox.requests.length} requests reached the stand-in; ${
      Math.round(performance.now() - started)
    } ms in all.`,
  );
} catch (error) {
  // One readable line, no stack trace: the server's own log (stderr) has the details.
  write(`\nThe demo stopped: ${error instanceof Error ? error.message : error}`);
  Deno.exitCode = 1;
} finally {
  await client.close().catch(() => {});
  await sandbox.close();
}

/**
 * "My day" as the my_day prompt asks for it. The stand-in's world is the
 * morning of 2026-11-21 in Tokyo while this demo's clock is real, so the
 * prompt's relative dates are given here as that day's dates.
 */
async function myDay() {
  const prompt = await client.getPrompt({ name: "my_day", arguments: { timezone: "Asia/Tokyo" } });
  rule("My day: the my_day prompt (a slash command in MCP clients)");
  write((prompt.messages[0].content as { text: string }).text);
  const tz = "Asia/Tokyo";
  const today = SEED.referenceDate;
  await show(`My day 1/4: overdue on ${today} (Tokyo)`, {
    tool: "get_user_issue_list",
    args: {
      due_date_until: "2026-11-20",
      sort: "dueDate",
      order: "asc",
      limit: 5,
      timezone: tz,
    },
    lines: 12,
  });
  await show("My day 2/4: due today and the rest of the week", {
    tool: "get_user_issue_list",
    args: {
      due_date_since: today,
      due_date_until: "2026-11-22",
      sort: "dueDate",
      order: "asc",
      timezone: tz,
    },
    lines: 12,
  });
  await show("My day 3/4: unread notifications", {
    tool: "get_notifications",
    args: {
      unread_only: true,
      limit: 8,
      timezone: tz,
    },
    lines: 24,
  });
  await show("My day 4/4: what changed on my issues since yesterday", {
    tool: "get_recent_changes",
    args: {
      since: "2026-11-20T00:00+09:00",
      limit: 5,
      timezone: tz,
    },
    lines: 24,
  });
}

/** Wraps a long line at commas, continuation lines indented. */
function wrap(text: string, width = 100): string {
  const lines: string[] = [];
  let line = "";
  for (const part of text.split(/(?<=, )/)) {
    if (line && (line + part).trimEnd().length > width) {
      lines.push(line.trimEnd());
      line = "  ";
    }
    line += part;
  }
  return [...lines, line.trimEnd()].join("\n");
}

/** Calls `tool` with `args` and prints its answer under `title`, at most `lines` lines (40). */
async function show(
  title: string,
  { tool, args, lines: maxLines = 40 }: {
    tool: string;
    args: Record<string, unknown>;
    lines?: number;
  },
) {
  rule(title);
  write(`→ ${tool} ${JSON.stringify(args)}`);
  const result = await client.callTool({ name: tool, arguments: args }) as CallToolResult;
  const content = result.content as { type: string; text?: string }[];
  const text = content.map((c) => c.text ?? "").join("\n");
  const lines = text.split("\n");
  write((result.isError ? "(isError) " : "") + lines.slice(0, maxLines).join("\n"));
  if (lines.length > maxLines) write(`… (${lines.length - maxLines} more lines)`);
}
