/**
 * With BACKLOG_TIMEZONE unset, the space's timezone (`GET /space`, seeded
 * Asia/Tokyo) is used for output and relative dates, fetched once and cached;
 * answers name the zone, and the doctor says which zone is in use and why.
 */

import { assert, assertEquals, assertStringIncludes } from "./assert.ts";
import {
  connectInProcess,
  sandboxEnv,
  type Session,
  startTestSandbox,
  TEST_API_KEY,
  textOf,
} from "./harness.ts";
import { runDoctor } from "../src/tooling/doctor/doctor.ts";
import type { Sandbox } from "../src/tooling/sandbox/server.ts";
import { SEED } from "../src/tooling/sandbox/seed.ts";

// Saturday 15:30 in UTC, already Sunday 00:30 in Tokyo.
const NOW = () => new Date("2026-11-21T15:30:00Z");

async function withUnsetZone(fn: (session: Session, sandbox: Sandbox) => Promise<void>) {
  const sandbox = await startTestSandbox();
  const env = { ...sandboxEnv(sandbox), BACKLOG_TIMEZONE: undefined };
  const session = await connectInProcess(env, { now: NOW });
  try {
    await fn(session, sandbox);
  } finally {
    await session.close();
    await sandbox.close();
  }
}

const spaceRequests = (sandbox: Sandbox) =>
  sandbox.requests.filter((r) => r.path === "/api/v2/space").length;

Deno.test("space timezone: unset BACKLOG_TIMEZONE uses the space's zone for output and 'today'", async () => {
  await withUnsetZone(async (session, sandbox) => {
    const list = await session.call("get_user_issue_list", {
      due_date_since: "today",
      assignee_ids: [],
      status_ids: [],
    });
    assert(!list.isError, textOf(list));
    const text = textOf(list);
    // Tokyo's Sunday, not UTC's Saturday.
    const search = sandbox.requests.filter((r) => r.path === "/api/v2/issues").at(-1)!;
    assertEquals(search.params.dueDateSince, ["2026-11-22"]);
    assertStringIncludes(text, "updated (Asia/Tokyo)");
    assertStringIncludes(
      text,
      "resolved in Asia/Tokyo (the space's timezone), where today is 2026-11-22 (Sunday)",
    );
    assertEquals((list.structuredContent as { timezone: string }).timezone, "Asia/Tokyo");

    const details = await session.call("get_issue_details", { issue_key: SEED.issues.rich });
    assertStringIncludes(textOf(details), "(times in Asia/Tokyo)");
    // Asked once; every later call uses the cached answer.
    assertEquals(spaceRequests(sandbox), 1);

    // A call's own timezone still wins, without asking the space again.
    const utc = await session.call("get_user_issue_list", { timezone: "UTC" });
    assertStringIncludes(textOf(utc), "updated (UTC)");
    assertEquals(spaceRequests(sandbox), 1);
  });
});

Deno.test("space timezone: the zone follows the space, and BACKLOG_TIMEZONE overrides it", async () => {
  const sandbox = await startTestSandbox();
  try {
    sandbox.state.space.timezone = "America/New_York";
    const unset = await connectInProcess(
      { ...sandboxEnv(sandbox), BACKLOG_TIMEZONE: undefined },
      { now: NOW },
    );
    const details = await unset.call("get_issue_details", { issue_key: SEED.issues.rich });
    assertStringIncludes(textOf(details), "(times in America/New_York)");
    await unset.close();

    sandbox.clearRequests();
    const set = await connectInProcess(sandboxEnv(sandbox, { BACKLOG_TIMEZONE: "Europe/Berlin" }));
    const again = await set.call("get_issue_details", { issue_key: SEED.issues.rich });
    assertStringIncludes(textOf(again), "(times in Europe/Berlin)");
    assertEquals(spaceRequests(sandbox), 0, "a configured zone needs no GET /space");
    await set.close();
  } finally {
    await sandbox.close();
  }
});

Deno.test("space timezone: a space without a usable zone falls back to UTC and says why", async () => {
  await withUnsetZone(async (session, sandbox) => {
    sandbox.state.space.timezone = "Mars/Olympus";
    const list = await session.call("get_user_issue_list", { updated_since: "today" });
    assert(!list.isError, textOf(list));
    assertStringIncludes(textOf(list), "updated (UTC)");
    assertStringIncludes(textOf(list), `the space's timezone "Mars/Olympus" is not an IANA name`);
    assertStringIncludes(textOf(list), "set BACKLOG_TIMEZONE");
  });
});

Deno.test("doctor: says which timezone is in use and where it comes from", async () => {
  const sandbox = await startTestSandbox();
  const run = async (env: Record<string, string>) => {
    const all: Record<string, string> = {
      BACKLOG_API_KEY: TEST_API_KEY,
      BACKLOG_BASE_URL: sandbox.url,
      ...env,
    };
    const results = await runDoctor({
      env: (name) => all[name],
      denoVersion: Deno.version.deno,
      miseToml: undefined,
      denoOnPath: { kind: "native", path: Deno.execPath() },
      dotenv: undefined,
    });
    return results.find((r) => r.id === "timezone")!;
  };
  try {
    const fromSpace = await run({});
    assertEquals(fromSpace.status, "pass");
    assertStringIncludes(fromSpace.message, "Asia/Tokyo (the space's timezone)");
    assertStringIncludes(fromSpace.message, "GET /api/v2/space");

    const configured = await run({ BACKLOG_TIMEZONE: "Europe/Berlin" });
    assertEquals(configured.status, "pass");
    assertStringIncludes(configured.message, "Europe/Berlin (BACKLOG_TIMEZONE");
    assertStringIncludes(configured.message, "the space's own is Asia/Tokyo");

    sandbox.state.space.timezone = "";
    const unknown = await run({});
    assertEquals(unknown.status, "fail");
    assertStringIncludes(unknown.message, "UTC");
    assertStringIncludes(unknown.fix ?? "", "BACKLOG_TIMEZONE");
  } finally {
    await sandbox.close();
  }
});
