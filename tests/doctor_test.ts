/**
 * `mise run doctor` against the Backlog stand-in: every check passing, a
 * rejected key, a wrong USER_ID, allowlisted projects missing or not joined,
 * Backlog unreachable or answering HTML, bad variables, and the CLI's exit
 * code. The API key must never appear in anything the doctor prints.
 */

import { assert, assertEquals, assertNotIncludes, assertStringIncludes } from "./assert.ts";
import { ROOT, startTestSandbox, TEST_API_KEY } from "./harness.ts";
import {
  type CheckResult,
  type DoctorInput,
  exitCode,
  runDoctor,
} from "../src/tooling/doctor/doctor.ts";
import { formatReport } from "../src/tooling/doctor/report.ts";
import { pinnedDenoVersion } from "../src/tooling/doctor/toolchain.ts";
import type { Sandbox } from "../src/tooling/sandbox/server.ts";
import { SEED } from "../src/tooling/sandbox/seed.ts";

const MISE_TOML = Deno.readTextFileSync(`${ROOT}mise.toml`);
const PINNED = pinnedDenoVersion(MISE_TOML)!;

/** A healthy machine pointed at `sandbox`, with `env` on top. */
function input(sandbox: Sandbox | undefined, env: Record<string, string> = {}): DoctorInput {
  const all: Record<string, string> = {
    BACKLOG_API_KEY: TEST_API_KEY,
    ...(sandbox ? { BACKLOG_BASE_URL: sandbox.url } : {}),
    ...env,
  };
  return {
    env: (name) => all[name],
    denoVersion: PINNED,
    miseToml: MISE_TOML,
    denoOnPath: { kind: "native", path: "/usr/local/bin/deno" },
    dotenv: undefined,
  };
}

const byId = (results: CheckResult[], id: string) => {
  const found = results.find((r) => r.id === id);
  assert(found, `no result "${id}" in:\n${formatReport(results)}`);
  return found;
};

/** Runs the doctor and checks what every run must satisfy. */
async function doctor(doctorInput: DoctorInput, secret = TEST_API_KEY): Promise<CheckResult[]> {
  const results = await runDoctor(doctorInput);
  const report = formatReport(results);
  assertNotIncludes(report, secret, "the API key was printed");
  for (const r of results) {
    if (r.status === "fail") assert(r.fix, `failure without a fix: ${r.message}`);
  }
  return results;
}

Deno.test("doctor: a good set-up passes every check and names the key's user", async () => {
  const sandbox = await startTestSandbox();
  try {
    const results = await doctor(input(sandbox, {
      USER_ID: String(SEED.me.id),
      BACKLOG_TIMEZONE: "Asia/Tokyo",
      BACKLOG_PROJECTS: "DEMO,PROJ",
    }));
    const report = formatReport(results);
    assertEquals(results.filter((r) => r.status !== "pass"), [], report);
    assertEquals(exitCode(results), 0);
    // The order the issue asks for.
    const ids = results.map((r) => r.id);
    const order = ["deno", "dotenv", "BACKLOG_API_KEY", "reachable", "key", "user_id"];
    const at = order.map((id) => ids.indexOf(id));
    assertEquals(at, [...at].sort((a, b) => a - b));
    assertStringIncludes(byId(results, "key").message, SEED.me.name);
    assertStringIncludes(byId(results, "key").message, `id ${SEED.me.id}`);
    assertStringIncludes(byId(results, "user_id").message, "matches");
    assertEquals(byId(results, "project:DEMO").status, "pass");
    assertEquals(byId(results, "project:PROJ").status, "pass");
    assertStringIncludes(report, `All ${results.length} checks passed.`);
  } finally {
    await sandbox.close();
  }
});

Deno.test("doctor: a rejected key fails (exit 1) with a fix, and the key is never printed", async () => {
  const sandbox = await startTestSandbox();
  const wrongKey = "WRONGKEY-q93Lm20-zz7distinctive";
  try {
    const results = await doctor(input(sandbox, { BACKLOG_API_KEY: wrongKey }), wrongKey);
    assertEquals(byId(results, "reachable").status, "pass");
    const key = byId(results, "key");
    assertEquals(key.status, "fail");
    assertStringIncludes(key.message, "rejected");
    assertStringIncludes(key.fix!, "BACKLOG_API_KEY");
    assertEquals(byId(results, "user_id").status, "skip");
    assertEquals(exitCode(results), 1);
    // Both transports were tried (header, then ?apiKey=), neither printed.
    assert(sandbox.requests.length >= 1);
  } finally {
    await sandbox.close();
  }
});

Deno.test("doctor: a USER_ID that is not the key's user is flagged with the right id", async () => {
  const sandbox = await startTestSandbox();
  try {
    const results = await doctor(input(sandbox, { USER_ID: String(SEED.users.hanako.id) }));
    const check = byId(results, "user_id");
    assertEquals(check.status, "fail");
    assertStringIncludes(check.message, String(SEED.users.hanako.id));
    assertStringIncludes(check.message, SEED.users.hanako.name);
    assertStringIncludes(check.message, `${SEED.me.name} (id ${SEED.me.id})`);
    assertStringIncludes(check.fix!, `USER_ID=${SEED.me.id}`);
    assertEquals(exitCode(results), 1);
  } finally {
    await sandbox.close();
  }
});

Deno.test("doctor: each allowlisted project is looked up: joined, not joined, absent", async () => {
  const sandbox = await startTestSandbox();
  try {
    const results = await doctor(input(sandbox, { BACKLOG_PROJECTS: "DEMO, OPS, NOPE" }));
    assertEquals(byId(results, "project:DEMO").status, "pass");
    const ops = byId(results, "project:OPS");
    assertEquals(ops.status, "fail");
    assertStringIncludes(ops.message, "has not joined");
    const nope = byId(results, "project:NOPE");
    assertEquals(nope.status, "fail");
    assertStringIncludes(nope.message, "No project");
    assertStringIncludes(nope.fix!, "DEMO, PROJ, JPN, OLD");
    assertEquals(exitCode(results), 1);
  } finally {
    await sandbox.close();
  }
});

Deno.test("doctor: Backlog unreachable, or answering HTML, fails the reachability check", async () => {
  // A port nothing listens on.
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const down = await doctor(input(undefined, { BACKLOG_BASE_URL: `http://127.0.0.1:${port}` }));
  assertEquals(byId(down, "reachable").status, "fail");
  assertStringIncludes(byId(down, "reachable").fix!, "BACKLOG_DOMAIN");
  assertEquals(byId(down, "key").status, "skip");
  assertEquals(exitCode(down), 1);

  const sandbox = await startTestSandbox();
  try {
    sandbox.faults.inject({ kind: "html", times: 5 });
    const html = await doctor(input(sandbox));
    assertEquals(byId(html, "reachable").status, "fail");
    assertStringIncludes(byId(html, "reachable").message, "HTML");
  } finally {
    await sandbox.close();
  }
});

Deno.test("doctor: invalid variables fail one line each, and Backlog is not contacted", async () => {
  const sandbox = await startTestSandbox();
  try {
    const results = await doctor(input(undefined, {
      BACKLOG_DOMAIN: "https://example.com/",
      USER_ID: "taro",
      BACKLOG_TIMEZONE: "Mars/Olympus",
      BACKLOG_TIMEOUT_MS: "soon",
    }));
    assertEquals(byId(results, "space").status, "fail");
    assertStringIncludes(byId(results, "space").message, "not a Backlog host");
    assertEquals(byId(results, "USER_ID").status, "fail");
    assertStringIncludes(byId(results, "USER_ID").message, "numeric");
    assertEquals(byId(results, "BACKLOG_TIMEZONE").status, "fail");
    assertEquals(byId(results, "BACKLOG_TIMEOUT_MS").status, "fail");
    assertEquals(byId(results, "reachable").status, "skip");
    assertEquals(sandbox.requests.length, 0);
    assertEquals(exitCode(results), 1);
  } finally {
    await sandbox.close();
  }
});

Deno.test("doctor: a key pasted into another variable is not echoed", async () => {
  const results = await doctor(input(undefined, {
    BACKLOG_DOMAIN: "your-space.backlog.com",
    BACKLOG_TIMEZONE: TEST_API_KEY,
  }));
  assertEquals(byId(results, "BACKLOG_TIMEZONE").status, "fail");
});

Deno.test("doctor: a malformed project key in BACKLOG_PROJECTS fails", async () => {
  const sandbox = await startTestSandbox();
  try {
    const results = await doctor(input(sandbox, { BACKLOG_PROJECTS: "DEMO;PROJ" }));
    // Named by its length and first four characters only (it could be a pasted secret).
    assert(
      results.some((r) => r.status === "fail" && r.message.includes('"DEMO…" (9 characters)')),
    );
    assertEquals(exitCode(results), 1);
  } finally {
    await sandbox.close();
  }
});

/** Runs the CLI with exactly `env` (no .env loading), returning exit code and output. */
async function runCli(env: Record<string, string>) {
  const denoDir = Deno.execPath().replace(/[\\/][^\\/]+$/, "");
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-net",
      "--allow-env",
      "--allow-read",
      `${ROOT}src/tooling/doctor/main.ts`,
    ],
    cwd: ROOT,
    clearEnv: true,
    // The running Deno's directory first, so `deno` on PATH is a native binary.
    env: { PATH: denoDir, HOME: Deno.env.get("HOME") ?? "", NO_COLOR: "1", ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}

Deno.test("doctor CLI: exit code 1 for a rejected key, which is in neither stdout nor stderr", async () => {
  const sandbox = await startTestSandbox();
  const wrongKey = "WRONGKEY-cli-8Hq2Lw-distinctive";
  try {
    const run = await runCli({ BACKLOG_API_KEY: wrongKey, BACKLOG_BASE_URL: sandbox.url });
    assertEquals(run.code, 1, run.stdout + run.stderr);
    assertStringIncludes(run.stdout, "✘ Backlog rejected the API key");
    assertNotIncludes(run.stdout + run.stderr, wrongKey);
    assertNotIncludes(run.stdout + run.stderr, "    at "); // no stack trace
  } finally {
    await sandbox.close();
  }
});

Deno.test({
  name: "doctor CLI: exit code 0 when every check passes",
  // A developer's own .env would be read too (its notes or errors are theirs, not this test's).
  ignore: (() => {
    try {
      Deno.statSync(`${ROOT}.env`);
      return true;
    } catch {
      return false;
    }
  })(),
  async fn() {
    const sandbox = await startTestSandbox();
    try {
      const run = await runCli({ BACKLOG_API_KEY: TEST_API_KEY, BACKLOG_BASE_URL: sandbox.url });
      assertEquals(run.code, 0, run.stdout + run.stderr);
      assertStringIncludes(run.stdout, "checks passed.");
      assertNotIncludes(run.stdout + run.stderr, TEST_API_KEY);
    } finally {
      await sandbox.close();
    }
  },
});
