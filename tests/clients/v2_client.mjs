// Drives the server with the v2 MCP TypeScript SDK client (@modelcontextprotocol/client,
// pinned in package.json), the way a program embedding it would: stdio, tools/list,
// then every call it is given, with the client's output-schema validation on (its
// default: a result whose structuredContent does not match the listed outputSchema,
// or that lacks it, makes callTool throw).
//
//   node v2_client.mjs < plan.json > report.json
//
// plan.json: { "command": "...", "args": [...], "env": {...}, "cwd": "...",
//              "calls": [{ "name": "...", "arguments": {...} }] }
// report.json: { "protocolVersion", "tools": [...],
//                "calls": [{ "name", "result" } | { "name", "error" }] }

import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const plan = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const transport = new StdioClientTransport({
  command: plan.command,
  args: plan.args,
  env: plan.env,
  cwd: plan.cwd,
  stderr: "ignore",
});
const client = new Client({
  name: "backlog-mcp-tests-v2-client",
  version: "1.0.0",
});
await client.connect(transport);

const report = {
  protocolVersion: client.getNegotiatedProtocolVersion?.(),
  tools: [],
  calls: [],
};
try {
  report.tools = (await client.listTools()).tools;
  for (const call of plan.calls) {
    try {
      const result = await client.callTool({
        name: call.name,
        arguments: call.arguments,
      });
      report.calls.push({ name: call.name, result });
    } catch (error) {
      report.calls.push({
        name: call.name,
        error: String(error?.message ?? error),
      });
    }
  }
} finally {
  await client.close();
}
process.stdout.write(JSON.stringify(report));
