/**
 * What `bin/mcp` chooses to run: the fast-start build only while its stamp
 * matches the sources (else the source), and the Deno pinned in mise.toml
 * from mise's installs when none is on PATH (desktop apps start servers with
 * a bare PATH). The build itself: `fast_start_test.ts`.
 */

import { assert, assertEquals, assertStringIncludes } from "./assert.ts";
import { LAUNCHER, ROOT } from "../src/tooling/support/launcher.ts";

/** bin/mcp, copied into `dir`, with `files` written there: the script it would run. */
async function chosenScript(dir: string, files: Record<string, string>): Promise<string[]> {
  await Deno.mkdir(`${dir}/bin`, { recursive: true });
  await Deno.copyFile(LAUNCHER, `${dir}/bin/mcp`);
  for (const [path, text] of Object.entries(files)) {
    if (path.includes("/")) {
      await Deno.mkdir(`${dir}/${path.replace(/\/[^/]*$/, "")}`, { recursive: true });
    }
    await Deno.writeTextFile(`${dir}/${path}`, text);
  }
  const out = await new Deno.Command("sh", {
    args: [`${dir}/bin/mcp`, "--print-args"],
    clearEnv: true,
    env: { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin" },
    stdout: "piped",
  }).output();
  return new TextDecoder().decode(out.stdout).trim().split("\n");
}

async function cksum(dir: string, files: string[]): Promise<string> {
  const out = await new Deno.Command("cksum", { args: files, cwd: dir, stdout: "piped" }).output();
  return new TextDecoder().decode(out.stdout);
}

Deno.test("bin/mcp runs the build only while its stamp matches the sources", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "backlog-mcp-stamp-" });
  const build = ".cache/build/dist/entry.js";
  try {
    const sources = { "src/main.ts": "// main\n", "src/a.ts": "// a\n", "deno.json": "{}\n" };
    await t.step("no build: the source", async () => {
      assertEquals((await chosenScript(dir, sources)).at(-1), "src/main.ts");
    });
    const stamp = await cksum(dir, Object.keys(sources));
    await t.step("a build without a stamp: the source", async () => {
      assertEquals((await chosenScript(dir, { [build]: "" })).at(-1), "src/main.ts");
    });
    await t.step("stamp matches: the build, with --no-config", async () => {
      const args = await chosenScript(dir, { ".cache/build/stamp": stamp });
      assertEquals(args.at(-1), build);
      assert(args.includes("--no-config"));
      // The same least-privilege flags as from source, nothing more.
      const fromSource = await chosenScript(`${dir}-src`, {});
      assertEquals(args.filter((a) => a !== "--no-config").slice(0, -1), fromSource.slice(0, -1));
    });
    await t.step("a source changed: the source", async () => {
      assertEquals(
        (await chosenScript(dir, { "src/a.ts": "// a, edited\n" })).at(-1),
        "src/main.ts",
      );
      assertEquals((await chosenScript(dir, { "src/a.ts": "// a\n" })).at(-1), build, "restored");
    });
    await t.step("a source removed: the source", async () => {
      await Deno.remove(`${dir}/src/a.ts`);
      assertEquals((await chosenScript(dir, {})).at(-1), "src/main.ts");
    });
    await t.step("an empty or garbled stamp: the source", async () => {
      assertEquals((await chosenScript(dir, { ".cache/build/stamp": "" })).at(-1), "src/main.ts");
      const garbled = { ".cache/build/stamp": "1 2 *\n", "src/a.ts": "// a\n" };
      assertEquals((await chosenScript(dir, garbled)).at(-1), "src/main.ts");
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
    await Deno.remove(`${dir}-src`, { recursive: true }).catch(() => {});
  }
});

Deno.test("bin/mcp finds the pinned Deno in mise's installs when it is not on PATH (desktop apps)", async () => {
  const data = await Deno.makeTempDir({ prefix: "backlog-mcp-mise-data-" });
  try {
    const mise = await Deno.readTextFile(`${ROOT}mise.toml`);
    const pinned = /^"npm:deno" = \{ version = "([^"]+)"/m.exec(mise)?.[1];
    const script = await Deno.readTextFile(LAUNCHER);
    assertEquals(/^DENO_VERSION=(\S+)$/m.exec(script)?.[1], pinned, "bin/mcp's DENO_VERSION");
    const bin = `${data}/installs/npm-deno/${pinned}/bin`;
    await Deno.mkdir(bin, { recursive: true });
    await Deno.writeTextFile(`${bin}/deno`, '#!/bin/sh\necho "pinned deno $*" >&2\n');
    await Deno.chmod(`${bin}/deno`, 0o755);
    const run = (env: Record<string, string>) =>
      new Deno.Command("sh", { args: [LAUNCHER], clearEnv: true, env, stderr: "piped" }).output();
    // PATH without deno: the pinned one runs, with the same arguments.
    const found = await run({ PATH: "/usr/bin:/bin", MISE_DATA_DIR: data });
    assertStringIncludes(new TextDecoder().decode(found.stderr), "pinned deno run --no-prompt");
    // Nowhere: a sentence on stderr that says how to install it, and nothing on stdout.
    const missing = await run({ PATH: "/usr/bin:/bin", MISE_DATA_DIR: `${data}/none` });
    assertEquals(missing.code, 127);
    assertStringIncludes(new TextDecoder().decode(missing.stderr), "run install");
    assertEquals(missing.stdout.length, 0);
  } finally {
    await Deno.remove(data, { recursive: true });
  }
});
