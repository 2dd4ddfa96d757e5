import { SEED } from "./seed.ts";
import { assert, assertEquals, assertRejects, call, get, withSandbox } from "./test_util.ts";

function clock(start = Date.parse("2026-11-21T00:00:00Z")) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms), start };
}

Deno.test("rate limit: headers on every /api/v2 answer, per class, 429 code 13", async () => {
  const c = clock();
  await withSandbox({ now: c.now, rateLimits: { search: 2, read: 5 } }, async (sb) => {
    const reset = String(Math.floor((c.start + 60_000) / 1000));
    const a = await get(sb, "issues");
    assertEquals(a.headers.get("X-RateLimit-Limit"), "2");
    assertEquals(a.headers.get("X-RateLimit-Remaining"), "1");
    assertEquals(a.headers.get("X-RateLimit-Reset"), reset);
    const b = await get(sb, "issues/count");
    assertEquals(b.headers.get("X-RateLimit-Remaining"), "0");
    const over = await get(sb, "issues");
    assertEquals(over.status, 429);
    assertEquals(over.body, {
      errors: [{ message: "Too many requests.", code: 13, moreInfo: "" }],
    });
    assertEquals(over.headers.get("X-RateLimit-Remaining"), "0");
    assertEquals(over.headers.get("X-RateLimit-Reset"), reset);
    // Read budget is separate, and 404/401 answers carry headers too.
    const read = await get(sb, "space");
    assertEquals([read.status, read.headers.get("X-RateLimit-Limit")], [200, "5"]);
    assertEquals((await get(sb, "nope")).headers.get("X-RateLimit-Remaining"), "3");
    const unauth = await call(sb, "GET space", { auth: "none" });
    assertEquals(unauth.headers.get("X-RateLimit-Remaining"), "3", "401 spends nothing");
    const rl = await get(sb, "rateLimit");
    assertEquals(rl.body.rateLimit.search, { limit: 2, remaining: 0, reset: Number(reset) });
    assertEquals(rl.body.rateLimit.read.remaining, 2);
    assertEquals(rl.body.rateLimit.update, { limit: 150, remaining: 150, reset: Number(reset) });
    // The window ends 60 s after its first request.
    c.advance(59_999);
    assertEquals((await get(sb, "issues")).status, 429);
    c.advance(1);
    const fresh = await get(sb, "issues");
    assertEquals(fresh.status, 200);
    assertEquals(fresh.headers.get("X-RateLimit-Remaining"), "1");
    assertEquals(fresh.headers.get("X-RateLimit-Reset"), String(Number(reset) + 60));
  });
});

Deno.test("rate limit: update class covers POST/PATCH", async () => {
  await withSandbox({ rateLimits: { update: 1 } }, async (sb) => {
    const ok = await call(sb, `POST issues/${SEED.issues.rich}/comments`, { form: "content=a" });
    assertEquals(ok.status, 201);
    const no = await call(sb, `PATCH issues/${SEED.issues.rich}`, { form: "comment=b" });
    assertEquals([no.status, no.body.errors[0].code], [429, 13]);
    assertEquals((await get(sb, "issues/DEMO-1")).status, 200);
  });
});

Deno.test("faults: 429/500/502/503/401 canned answers; times, path and method matching", async () => {
  const c = clock();
  await withSandbox({ now: c.now }, async (sb) => {
    sb.faults.inject({ kind: "429", resetInSeconds: 30 });
    const r429 = await get(sb, "space");
    assertEquals([r429.status, r429.body.errors[0].code], [429, 13]);
    assertEquals(r429.headers.get("X-RateLimit-Reset"), String(c.start / 1000 + 30));
    assertEquals(r429.headers.get("X-RateLimit-Remaining"), "0");
    assertEquals((await get(sb, "space")).status, 200, "times defaults to 1");

    sb.faults.inject({ kind: "500", times: 2, path: "/api/v2/issues" });
    sb.faults.inject({ kind: "502", method: "POST" });
    sb.faults.inject({ kind: "503", path: /comments/ });
    sb.faults.inject({ kind: "401", path: "/api/v2/space" });
    assertEquals((await get(sb, "issues/count")).status, 200, "string path is exact");
    const e500 = await get(sb, "issues");
    assertEquals([e500.status, e500.body.errors[0].code], [500, 1]);
    assertEquals((await get(sb, "issues")).status, 500);
    assertEquals((await get(sb, "issues")).status, 200);
    assertEquals((await get(sb, `issues/${SEED.issues.rich}/comments`)).status, 503);
    const post = await call(sb, `POST issues/${SEED.issues.rich}/comments`, {
      form: "content=x",
    });
    assertEquals(post.status, 502);
    const e401 = await get(sb, "space");
    assertEquals([e401.status, e401.body.errors[0].code], [401, 11]);
    assertEquals(sb.faults.pending.length, 0);
    sb.faults.inject({ kind: "500", times: Infinity });
    assertEquals((await get(sb, "space")).status, 500);
    assertEquals((await get(sb, "space")).status, 500);
    sb.faults.clear();
    assertEquals((await get(sb, "space")).status, 200);
    assertEquals(sb.requests.find((r) => r.status === 503)?.path, "/api/v2/issues/DEMO-1/comments");
  });
});

Deno.test("faults: html and malformed-json bodies", async () => {
  await withSandbox({}, async (sb) => {
    sb.faults.inject({ kind: "html" });
    const html = await get(sb, "space");
    assertEquals(html.status, 502);
    assert(html.headers.get("content-type")!.startsWith("text/html"));
    assert(html.text.includes("<html>"));
    sb.faults.inject({ kind: "malformed-json" });
    const res = await fetch(`${sb.url}/api/v2/space`, {
      headers: { "Backlog-API-Key": SEED.apiKey },
    });
    assertEquals(res.status, 200);
    assertEquals(res.headers.get("content-type"), "application/json;charset=utf-8");
    await assertRejects(() => res.json(), SyntaxError);
  });
});

Deno.test("faults: drop closes the connection so fetch rejects; later requests work", async () => {
  await withSandbox({}, async (sb) => {
    sb.faults.inject({ kind: "drop", path: "/api/v2/issues" });
    await assertRejects(
      () => fetch(`${sb.url}/api/v2/issues`, { headers: { "Backlog-API-Key": SEED.apiKey } }),
      TypeError,
    );
    assertEquals(sb.requests.at(-1)!.status, 0);
    assertEquals((await get(sb, "issues")).status, 200);
  });
});

Deno.test("faults: slow delays the real answer", async () => {
  await withSandbox({}, async (sb) => {
    sb.faults.inject({ kind: "slow", delayMs: 300 });
    const t0 = performance.now();
    const r = await get(sb, "users/myself");
    assert(performance.now() - t0 >= 280, "delayed");
    assertEquals([r.status, r.body.userId], [200, "taro"]);
  });
});

Deno.test("faults: close() aborts a pending slow answer promptly", async () => {
  const { startSandbox } = await import("./server.ts");
  const sb = await startSandbox();
  sb.faults.inject({ kind: "slow", delayMs: 60_000 });
  const pending = fetch(`${sb.url}/api/v2/space`, { headers: { "Backlog-API-Key": SEED.apiKey } })
    .then(async (r) => {
      await r.body?.cancel();
      return r.status;
    }, () => "rejected");
  await new Promise((r) => setTimeout(r, 100));
  const t0 = performance.now();
  await sb.close();
  assert(performance.now() - t0 < 2000, "close did not wait for the delay");
  const outcome = await pending;
  assert(outcome === 503 || outcome === "rejected", String(outcome));
  await sb.close(); // idempotent
});

Deno.test("sandbox listens on 127.0.0.1 and a chosen port", async () => {
  const { startSandbox } = await import("./server.ts");
  const probe = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = probe.addr.port;
  probe.close();
  const sb = await startSandbox({ port });
  try {
    assertEquals(sb.url, `http://127.0.0.1:${port}`);
    assertEquals((await get(sb, "space")).status, 200);
  } finally {
    await sb.close();
  }
});
