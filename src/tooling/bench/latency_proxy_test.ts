import { assert, assertEquals } from "../../../tests/assert.ts";
import { startSandbox } from "../sandbox/server.ts";
import { SEED } from "../sandbox/seed.ts";
import { sequentialRounds, startLatencyProxy } from "./latency_proxy.ts";

Deno.test("latency proxy: each request is held, answered in full, and rounds are counted", async () => {
  const sandbox = await startSandbox();
  const proxy = startLatencyProxy(sandbox.url, 60);
  const get = async (path: string) => {
    const res = await fetch(`${proxy.url}/api/v2/${path}`, {
      headers: { "Backlog-API-Key": SEED.apiKey },
    });
    return {
      status: res.status,
      body: await res.json(),
      limit: res.headers.get("x-ratelimit-limit"),
    };
  };
  try {
    const started = performance.now();
    const me = await get("users/myself");
    assert(performance.now() - started >= 60, "held for the delay");
    assertEquals([me.status, me.body.id], [200, SEED.me.id]);
    assert(me.limit, "the stand-in's headers come through");
    assertEquals((await get("issues/DEMO-99999")).status, 404);
    assertEquals(sequentialRounds(proxy.requests), 2, "one after the other: two rounds");
    assertEquals(proxy.peakInFlight, 1);

    proxy.clear();
    await Promise.all([get("users/myself"), get("projects"), get("priorities")]);
    assertEquals(proxy.requests.length, 3);
    assertEquals(sequentialRounds(proxy.requests), 1, "at once: one round");
    assertEquals(proxy.peakInFlight, 3);
  } finally {
    await proxy.close();
    await sandbox.close();
  }
});
