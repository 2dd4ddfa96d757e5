/**
 * Protocol abuse over real stdio (issue 10, point 8): a line that is not
 * JSON, a batch, a message that is not JSON-RPC and a line past the size
 * limit each get their JSON-RPC error and a log line, and the server goes on
 * serving the next request. Memory stays bounded whatever the line's length.
 */

import { assert, assertEquals, assertStringIncludes } from "./assert.ts";
import { spawnServer } from "./raw_stdio.ts";
import { processRss } from "../src/tooling/support/stdio_driver.ts";

type RawServer = Awaited<ReturnType<typeof spawnServer>>;

/** Writes `text` to the server's stdin as it is. */
const writeRaw = (server: RawServer, text: string) => server.writeRaw(text);

/** Waits (up to 20 s) for the first stdout message after line `from` that `match` accepts. */
async function nextAnswer(
  server: RawServer,
  from: number,
  match: (message: Record<string, unknown>) => boolean,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    for (const line of server.stdoutLines.slice(from)) {
      const message = JSON.parse(line);
      if (match(message)) return message;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no matching answer; stdout since: ${server.stdoutLines.slice(from).join("\n")}`);
}

/** The error answer with `id` (null included) sent after line `from`. */
async function errorFor(server: RawServer, from: number, id: unknown) {
  const message = await nextAnswer(server, from, (m) => m.id === id && "error" in m);
  return message.error as { code: number; message: string };
}

/** The server still answers a real request. */
async function stillServes(server: RawServer, what: string): Promise<void> {
  const answer = await server.request("tools/list");
  assert(!answer.error, `${what}: ${JSON.stringify(answer.error)}`);
  assert((answer.result as { tools: unknown[] }).tools.length > 0, what);
}

Deno.test("stdio protocol: bad lines get JSON-RPC errors and the next request is served", async () => {
  const server = await spawnServer({});
  try {
    let from = server.stdoutLines.length;
    await writeRaw(server, "this is not json\n");
    const parse = await errorFor(server, from, null);
    assertEquals(parse.code, -32700);
    assertStringIncludes(parse.message, "Parse error");
    await stillServes(server, "after a parse error");

    from = server.stdoutLines.length;
    const batch = [1, 2].map((n) => ({ jsonrpc: "2.0", id: `b${n}`, method: "tools/list" }));
    await writeRaw(server, JSON.stringify(batch) + "\n");
    const refused = await errorFor(server, from, null);
    assertEquals(refused.code, -32600);
    assertStringIncludes(refused.message, "batches are not supported");
    await stillServes(server, "after a batch");
    const batchIds = server.stdoutLines.map((l) => JSON.parse(l).id);
    assert(!batchIds.includes("b1") && !batchIds.includes("b2"), "no batch member was run");

    from = server.stdoutLines.length;
    await writeRaw(server, JSON.stringify({ jsonrpc: "2.0", id: "odd-1", params: {} }) + "\n");
    const invalid = await errorFor(server, from, "odd-1");
    assertEquals(invalid.code, -32600);
    assertStringIncludes(invalid.message, "not a JSON-RPC 2.0 message");

    // An invalid notification is not answered (notifications never are), and breaks nothing.
    from = server.stdoutLines.length;
    await writeRaw(
      server,
      JSON.stringify({ jsonrpc: "1.0", method: "notifications/x" }) + "\r\n\n",
    );
    await stillServes(server, "after a bad notification");
    assertEquals(server.stdoutLines.length, from + 1, "only the tools/list answer");

    for (
      const text of ["Parse error", "batches are not supported", "not a JSON-RPC 2.0", "ignored"]
    ) {
      assertStringIncludes(server.stderr(), text, "each bad line is logged");
    }
  } finally {
    await server.kill();
  }
});

/** A tools/call line of `bytes` bytes whose id comes last, as the SDK's client writes it. */
function hugeCall(bytes: number, id: string): string {
  const head = '{"method":"tools/call","params":{"name":"get_myself","arguments":{"pad":"';
  const tail = `"}},"jsonrpc":"2.0","id":"${id}"}\n`;
  return head + "a".repeat(bytes - head.length - tail.length) + tail;
}

Deno.test("stdio protocol: a line past the limit is refused by id, memory stays bounded, the session goes on", async () => {
  const server = await spawnServer({ BACKLOG_MAX_MESSAGE_MB: "1" });
  try {
    await stillServes(server, "at start");
    const rss: number[] = [];
    const lines: [number, string][] = [[2 * 1024 * 1024, "big-2m"]];
    for (let n = 1; n <= 3; n++) lines.push([50 * 1024 * 1024, `big-50m-${n}`]);
    for (const [size, id] of lines) {
      const from = server.stdoutLines.length;
      await writeRaw(server, hugeCall(size, id));
      const error = await errorFor(server, from, id);
      assertEquals(error.code, -32600);
      assertStringIncludes(error.message, `${size - 1} bytes`, "the line without its newline");
      assertStringIncludes(error.message, "1048576 bytes, BACKLOG_MAX_MESSAGE_MB");
      await stillServes(server, `after a ${size}-byte line`);
      rss.push(processRss(server.process.pid) ?? 0);
    }
    // The lines are skimmed, never kept: three 50 MiB lines cost no more than one.
    const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
    assert(rss[3] - rss[1] < 32 * 1024 * 1024, `RSS after 50 MiB lines: ${rss.map(mib)} MiB`);
    // Just under the limit is read (and answered as the tool call it is).
    const fits = await server.request("tools/call", {
      name: "get_myself",
      arguments: {},
      _pad: "p".repeat(1024 * 1024 - 200),
    });
    assert(fits.result || fits.error, "answered");
    assertStringIncludes(server.stderr(), "BACKLOG_MAX_MESSAGE_MB");
  } finally {
    await server.kill();
  }
});

Deno.test("stdio protocol: an unreadable BACKLOG_MAX_MESSAGE_MB is a configuration problem", async () => {
  const server = await spawnServer({ BACKLOG_MAX_MESSAGE_MB: "lots" });
  try {
    const result = await server.callTool("get_myself", {});
    assertEquals(result.isError, true);
    assertStringIncludes(result.content[0].text, "BACKLOG_MAX_MESSAGE_MB must be a whole number");
  } finally {
    await server.kill();
  }
});
