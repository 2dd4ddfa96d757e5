import { assert, assertEquals } from "../tests/assert.ts";
import { parseConfig } from "./config/config.ts";
import type { ConfigVariable } from "./shared/config_variables.ts";
import { startHeadStart } from "./head_start.ts";
import { SEED, startSandbox } from "./tooling/sandbox/server.ts";

const configFor = (url: string, apiKey: string = SEED.apiKey) => {
  const env: Partial<Record<ConfigVariable, string>> = {
    BACKLOG_API_KEY: apiKey,
    BACKLOG_BASE_URL: url,
    BACKLOG_LOG_LEVEL: "error",
  };
  const result = parseConfig((name) => env[name]);
  if (!result.ok) throw new Error("test config");
  return result;
};

Deno.test("head start: warms up at once, one request at a time; sent(n) follows its requests", async () => {
  const sandbox = await startSandbox({ apiKey: SEED.apiKey });
  // 80 ms a request: the next one cannot start within 10 ms of the one before.
  sandbox.faults.inject({ kind: "slow", delayMs: 80, times: Infinity });
  try {
    const { config, secrets } = configFor(sandbox.url);
    let fetched = 0;
    const counting: typeof fetch = (input, init) => (fetched++, fetch(input, init));
    const head = startHeadStart(config, { secrets, fetch: counting });
    await head.sent(1);
    assertEquals(fetched, 1, "the first request is under way");
    await head.sent(2);
    assertEquals(fetched, 2, "the second is, after the first was answered");
    const report = await head.session.warming();
    assertEquals(report?.stopped, undefined);
    assertEquals(report?.steps.at(-1), "zone", "ends with the zone's formatter");
    assertEquals(sandbox.inFlight().peak, 1, "never two at once");
    // Past the warm-up's requests: resolves because the warm-up ended.
    await head.sent(99);
  } finally {
    await sandbox.close();
  }
});

Deno.test("head start: a warm-up that fails stops, and sent() does not wait for requests never made", async () => {
  const sandbox = await startSandbox({ apiKey: SEED.apiKey });
  try {
    const { config, secrets } = configFor(sandbox.url, "not-the-key");
    const head = startHeadStart(config, { secrets });
    const report = await head.session.warming();
    assert(report?.stopped, "stopped at the refused request");
    const started = performance.now();
    await head.sent(3);
    assert(performance.now() - started < 100, "at once");
    // The first step's only (the client tries the key's other transport once).
    assert(sandbox.requests.every((r) => r.path === "/api/v2/projects"));
  } finally {
    await sandbox.close();
  }
});
