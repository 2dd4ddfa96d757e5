import { assertEquals } from "../tests/assert.ts";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { PendingRequests } from "./stdio.ts";

function fakeTransport(): Transport & { sent: JSONRPCMessage[]; seen: JSONRPCMessage[] } {
  const sent: JSONRPCMessage[] = [];
  const seen: JSONRPCMessage[] = [];
  return {
    sent,
    seen,
    start: () => Promise.resolve(),
    close: () => Promise.resolve(),
    send: (message: JSONRPCMessage) => {
      sent.push(message);
      return Promise.resolve();
    },
    onmessage: (message: JSONRPCMessage) => seen.push(message),
  };
}

Deno.test("PendingRequests: counts requests until their responses are sent", async () => {
  const transport = fakeTransport();
  const pending = new PendingRequests();
  pending.watch(transport);
  transport.onmessage!({ jsonrpc: "2.0", id: 1, method: "tools/call" });
  transport.onmessage!({ jsonrpc: "2.0", method: "notifications/initialized" });
  transport.onmessage!({ jsonrpc: "2.0", id: 2, method: "tools/list" });
  assertEquals(pending.size, 2, "notifications are not pending");
  assertEquals(transport.seen.length, 3, "messages still reach the server");
  await transport.send({ jsonrpc: "2.0", id: 1, result: {} });
  assertEquals(pending.size, 1);
  await transport.send({ jsonrpc: "2.0", method: "notifications/progress", params: {} });
  assertEquals(pending.size, 1, "server notifications answer nothing");
  await transport.send({ jsonrpc: "2.0", id: 2, error: { code: -1, message: "x" } });
  assertEquals(pending.size, 0);
  assertEquals(transport.sent.length, 3);
});

Deno.test("PendingRequests: settle waits for answers but not past its limit", async () => {
  const transport = fakeTransport();
  const pending = new PendingRequests();
  pending.watch(transport);
  transport.onmessage!({ jsonrpc: "2.0", id: 7, method: "tools/call" });
  setTimeout(() => transport.send({ jsonrpc: "2.0", id: 7, result: {} }), 30);
  let started = Date.now();
  await pending.settle(1000, 5);
  const waited = Date.now() - started;
  assertEquals(pending.size, 0);
  assertEquals(waited >= 25 && waited < 500, true, `waited ${waited} ms`);

  transport.onmessage!({ jsonrpc: "2.0", id: 8, method: "tools/call" });
  started = Date.now();
  await pending.settle(50, 5);
  const capped = Date.now() - started;
  assertEquals(pending.size, 1);
  assertEquals(capped >= 45 && capped < 400, true, `capped after ${capped} ms`);
});
