import { assert, assertEquals } from "../../tests/assert.ts";
import { startSandbox } from "../tooling/sandbox/server.ts";
import { SEED } from "../tooling/sandbox/seed.ts";
import type { BacklogApi } from "./api.ts";
import { Metadata } from "./metadata.ts";
import { prefetchSpace } from "./prefetch.ts";

const settings = (baseUrl: string, apiKey: string = SEED.apiKey, apiKeyTransport = "auto") => ({
  baseUrl,
  apiKey,
  apiKeyTransport,
  requestTimeoutMs: 5_000,
});

Deno.test("prefetchSpace: the space with its timezone, the key in the header; else undefined", async () => {
  const sandbox = await startSandbox();
  try {
    const space = await prefetchSpace(settings(sandbox.url));
    assertEquals(space?.timezone, "Asia/Tokyo");
    assertEquals(sandbox.requests.map((r) => [r.path, r.auth]), [["/api/v2/space", "header"]]);
    assertEquals(await prefetchSpace(settings(sandbox.url, "wrong-key")), undefined);
    sandbox.clearRequests();
    // The query form would put the key in a URL: not the prefetch's call to make.
    assertEquals(await prefetchSpace(settings(sandbox.url, SEED.apiKey, "query")), undefined);
    assertEquals(sandbox.requests.length, 0);
    assertEquals(await prefetchSpace(settings("http://127.0.0.1:1")), undefined, "unreachable");
  } finally {
    await sandbox.close();
  }
});

Deno.test("prefetchSpace: a redirect is not followed (the key never goes to another host)", async () => {
  const hits: string[] = [];
  const other = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    hits.push(req.headers.get("Backlog-API-Key") ?? "");
    return Response.json({ timezone: "UTC" });
  });
  const redirecting = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    () => Response.redirect(`http://127.0.0.1:${other.addr.port}/api/v2/space`, 302),
  );
  try {
    assertEquals(
      await prefetchSpace(settings(`http://127.0.0.1:${redirecting.addr.port}`)),
      undefined,
    );
    assertEquals(hits, []);
  } finally {
    await redirecting.shutdown();
    await other.shutdown();
  }
});

Deno.test("Metadata: a space answer under way is used once; a failed one falls back to the API", async () => {
  let asked = 0;
  const api = { getSpace: () => (asked++, Promise.resolve({ timezone: "Europe/Berlin" })) };
  const ahead = new Metadata(api as unknown as BacklogApi, 60_000, {
    spaceAhead: Promise.resolve({ timezone: "Asia/Tokyo" }),
  });
  assert(ahead.spaceAhead);
  assertEquals((await ahead.space()).timezone, "Asia/Tokyo");
  assertEquals(asked, 0);
  assert(!ahead.spaceAhead, "used once");
  const failed = new Metadata(api as unknown as BacklogApi, 60_000, {
    spaceAhead: Promise.resolve(undefined),
  });
  assertEquals((await failed.space()).timezone, "Europe/Berlin");
  assertEquals(asked, 1);
});
