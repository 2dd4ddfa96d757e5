import { assert, assertEquals, assertStringIncludes } from "../../../tests/assert.ts";
import { type CheckResult, type DoctorInput, exitCode, runDoctor } from "./doctor.ts";
import { summarizeDotenv } from "./dotenv.ts";
import { formatReport, formatResult, formatSummary } from "./report.ts";
import { locateDeno, type PathFs, pinnedDenoVersion } from "./toolchain.ts";

const MISE_TOML = Deno.readTextFileSync(new URL("../../../mise.toml", import.meta.url));

Deno.test("pinnedDenoVersion reads the pin from mise.toml in both spellings", () => {
  assert(/^\d+\.\d+\.\d+$/.test(pinnedDenoVersion(MISE_TOML) ?? ""), "the real mise.toml");
  assertEquals(pinnedDenoVersion('[tools]\n"npm:deno" = "2.1.0"\n'), "2.1.0");
  assertEquals(
    pinnedDenoVersion('[tools]\n"npm:deno" = { version = "2.9.6", npm_args = "--x" }\n'),
    "2.9.6",
  );
  assertEquals(pinnedDenoVersion('[tools]\nnode = "22"\n'), undefined);
});

/** A fake file system: path → [first bytes, real path]. */
function fakeFs(files: Record<string, [string, string?]>): PathFs {
  return {
    head: (path) => files[path] ? new TextEncoder().encode(files[path][0]) : undefined,
    realPath: (path) => files[path]?.[1] ?? path,
  };
}

Deno.test("locateDeno tells the native binary from npm's Node wrapper", () => {
  const elf = "\x7fELF";
  assertEquals(
    locateDeno("/empty:/bin", { fs: fakeFs({ "/bin/deno": [elf] }), windows: false }),
    { kind: "native", path: "/bin/deno" },
  );
  const wrapper = locateDeno("/a:/mise/bin", {
    fs: fakeFs({ "/mise/bin/deno": ["#!/u", "/mise/lib/node_modules/deno/bin.cjs"] }),
    windows: false,
  });
  assertEquals(wrapper.kind, "node-wrapper");
  assert(wrapper.kind === "node-wrapper" && wrapper.target.endsWith("bin.cjs"));
  // The first deno on PATH wins.
  assertEquals(
    locateDeno("/x:/y", {
      fs: fakeFs({ "/x/deno": ["#!/u", "/x/bin.cjs"], "/y/deno": [elf] }),
      windows: false,
    }).kind,
    "node-wrapper",
  );
  assertEquals(locateDeno("/nothing", { fs: fakeFs({}), windows: false }), { kind: "missing" });
  assertEquals(
    locateDeno("C:\\npm", { fs: fakeFs({ "C:\\npm\\deno.cmd": ["@ECH"] }), windows: true }).kind,
    "node-wrapper",
  );
});

Deno.test("summarizeDotenv lists names and the lines Deno would skip, never values", () => {
  const summary = summarizeDotenv(
    [
      "# comment",
      "BACKLOG_API_KEY=secret-value",
      "export BACKLOG_DOMAIN=space.backlog.com",
      "this line is junk",
      'BACKLOG_TIMEZONE="Asia/Tokyo" # note',
      'MULTI="first',
      "second line of the value",
      'end"',
      "USER_ID",
      "",
      "  BACKLOG_LOG_LEVEL = warn",
    ].join("\n"),
  );
  assertEquals(summary.names, [
    "BACKLOG_API_KEY",
    "BACKLOG_DOMAIN",
    "BACKLOG_TIMEZONE",
    "MULTI",
    "BACKLOG_LOG_LEVEL",
  ]);
  assertEquals(summary.malformedLines, [4, 9]);
  assertEquals(summary.duplicates, []);
  assertEquals(summarizeDotenv("A=1\nB=2\nA=3\n").duplicates, ["A"]);
  assert(!JSON.stringify(summary).includes("secret-value"));
});

/** Input whose configuration is incomplete, so no request is ever made. */
function offline(overrides: Partial<DoctorInput> = {}, env: Record<string, string> = {}) {
  return {
    env: (name: string) => env[name],
    denoVersion: pinnedDenoVersion(MISE_TOML)!,
    miseToml: MISE_TOML,
    denoOnPath: { kind: "native", path: "/bin/deno" },
    dotenv: undefined,
    fetch: () => Promise.reject(new Error("no request expected")),
    ...overrides,
  } satisfies DoctorInput;
}

const find = (results: CheckResult[], id: string) => results.find((r) => r.id === id)!;

Deno.test("the Deno check: pinned version, a different one, npm's wrapper", async () => {
  const pinned = pinnedDenoVersion(MISE_TOML)!;
  assertEquals(find(await runDoctor(offline()), "deno").status, "pass");

  const other = find(await runDoctor(offline({ denoVersion: "1.46.3" })), "deno");
  assertEquals(other.status, "fail");
  assertStringIncludes(other.message, `pins ${pinned}`);
  assertStringIncludes(other.fix!, "mise run");

  const wrapper = find(
    await runDoctor(offline({
      denoOnPath: {
        kind: "node-wrapper",
        path: "/m/bin/deno",
        target: "/m/lib/node_modules/deno/bin.cjs",
      },
    })),
    "deno",
  );
  assertEquals(wrapper.status, "fail");
  assertStringIncludes(wrapper.message, "bin.cjs");
  assertStringIncludes(wrapper.fix!, `mise install -f npm:deno@${pinned}`);

  assertEquals(find(await runDoctor(offline({ miseToml: undefined })), "deno").status, "fail");
});

Deno.test("the .env check: missing, malformed, typos and values the environment overrides", async () => {
  const missing = find(await runDoctor(offline()), "dotenv");
  assertEquals(missing.status, "fail");
  assertStringIncludes(missing.fix!, "cp .env.example .env");

  const fromEnv = find(await runDoctor(offline({}, { BACKLOG_API_KEY: "k-123456" })), "dotenv");
  assertEquals(fromEnv.status, "pass");
  assertStringIncludes(fromEnv.message, "from the environment");

  const junk = find(await runDoctor(offline({ dotenv: "A=1\nnonsense\n" })), "dotenv");
  assertEquals(junk.status, "fail");
  assertStringIncludes(junk.message, "line 2");

  const notes = find(
    await runDoctor(offline(
      { dotenv: "BACKLOG_APIKEY=x\nBACKLOG_TIMEZONE=UTC\nBACKLOG_TIMEZONE=Asia/Tokyo\n" },
      { BACKLOG_TIMEZONE: "Asia/Tokyo" },
    )),
    "dotenv",
  );
  assertEquals(notes.status, "pass");
  assertStringIncludes(notes.message, "BACKLOG_APIKEY (a typo?)");
  assertStringIncludes(notes.message, "overrides BACKLOG_TIMEZONE");
  assertStringIncludes(
    notes.message,
    "BACKLOG_TIMEZONE assigned more than once (the first one counts)",
  );
});

Deno.test("variables: the fix says where the bad value comes from", async () => {
  const results = await runDoctor(offline(
    { dotenv: "USER_ID=taro\n" },
    { USER_ID: "taro", BACKLOG_API_KEY: "k-123456", BACKLOG_DOMAIN: "space.backlog.com" },
  ));
  const userId = find(results, "USER_ID");
  assertEquals(userId.status, "fail");
  assertStringIncludes(userId.fix!, "edit USER_ID in .env");

  const fromEnvironment = find(
    await runDoctor(offline(
      { dotenv: "BACKLOG_TIMEZONE=UTC\n" },
      { BACKLOG_TIMEZONE: "Nowhere/Land" },
    )),
    "BACKLOG_TIMEZONE",
  );
  assertStringIncludes(fromEnvironment.fix!, "comes from the environment");
  const unset = find(await runDoctor(offline()), "BACKLOG_API_KEY");
  assertStringIncludes(unset.fix!, "add BACKLOG_API_KEY=… to .env");
  assertEquals(find(results, "reachable").status, "skip");
  assertEquals(exitCode(results), 1);
});

Deno.test("report: one line per check, the fix on the failing line, a summary", () => {
  const results: CheckResult[] = [
    { id: "a", status: "pass", message: "Fine." },
    { id: "b", status: "fail", message: "Broken.", fix: "mend it." },
    { id: "c", status: "skip", message: "Not run." },
  ];
  assertEquals(formatResult(results[1]), "✘ Broken. Fix: mend it.");
  assertEquals(formatSummary(results.slice(0, 1)), "All 1 checks passed.");
  assertStringIncludes(formatSummary(results), "1 of 3 checks failed, 1 skipped");
  assertEquals(formatReport(results).split("\n").length, 5);
  assertEquals(exitCode(results.slice(0, 1)), 0);
  assertEquals(exitCode([results[0], results[2]]), 1);
});

Deno.test("the key check: refusals Backlog explains by its error code get their own fix", async (t) => {
  const cases = [
    { code: 4, status: 403, says: "allowed IP addresses", fix: "IP address restriction" },
    { code: 12, status: 403, says: "2-step verification", fix: "turn it on in Backlog" },
    { code: 12, status: 401, says: "2-step verification", fix: "turn it on in Backlog" },
    { code: 2, status: 403, says: "does not include API access", fix: "about the plan" },
  ];
  for (const c of cases) {
    await t.step(`HTTP ${c.status} code ${c.code}`, async () => {
      const results = await runDoctor(offline({
        fetch: () =>
          Promise.resolve(
            Response.json({ errors: [{ message: "Refused.", code: c.code, moreInfo: "" }] }, {
              status: c.status,
            }),
          ),
      }, { BACKLOG_API_KEY: "k-123456789", BACKLOG_DOMAIN: "space.backlog.com" }));
      assertEquals(find(results, "reachable").status, "pass");
      const key = find(results, "key");
      assertEquals(key.status, "fail");
      assertStringIncludes(key.message, c.says);
      assertStringIncludes(key.fix!, c.fix);
      assert(!key.message.includes("rejected the API key"), "the key itself is fine");
    });
  }
});
