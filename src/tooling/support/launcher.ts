/**
 * The server as `mise run mcp` / `deno task mcp` start it: `bin/mcp` computes
 * the least-privilege Deno flags from the configuration and execs Deno. These
 * helpers ask it for those flags (`bin/mcp --print-args`) so the benchmark,
 * the soak and the tests run the server exactly as a client would.
 *
 * @module
 */

/** Root of the repository (with a trailing slash). */
export const ROOT = new URL("../../../", import.meta.url).pathname;

/** The launcher script. */
export const LAUNCHER = `${ROOT}bin/mcp`;

/**
 * The arguments `bin/mcp` passes to `deno` for `env` (`run`, flags, script),
 * as it computes them in `dir` (default: the repository; a copy of the script
 * is run from `dir/bin/` so a test can give it its own `.env`).
 */
export async function launcherArgs(
  env: Record<string, string>,
  dir?: string,
): Promise<string[]> {
  let script = LAUNCHER;
  if (dir) {
    await Deno.mkdir(`${dir}/bin`, { recursive: true });
    script = `${dir}/bin/mcp`;
    await Deno.copyFile(LAUNCHER, script);
  }
  const { code, stdout, stderr } = await new Deno.Command("sh", {
    args: [script, "--print-args"],
    clearEnv: true,
    env: { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin", ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const err = new TextDecoder().decode(stderr);
  if (code !== 0 || err) throw new Error(`bin/mcp --print-args failed (${code}): ${err}`);
  return new TextDecoder().decode(stdout).split("\n").filter(Boolean);
}

/** What `bin/mcp` runs from source. */
export const SOURCE_ENTRY = "src/main.ts";

/** What `bin/mcp` runs when the install step's fast-start build is up to date. */
export const BUILD_ENTRY = ".cache/build/dist/entry.js";

/**
 * The Deno flags of the `mcp` task for `env` (between `run` and the script),
 * without `--env-file` and the `--allow-read=.env` that goes with it: callers
 * pass the whole environment, and a developer's `.env` must not leak into a
 * measurement or a test. Also without `--no-config`, which goes with the
 * build: the flags are those of either script.
 */
export async function mcpFlags(env: Record<string, string>, dir?: string): Promise<string[]> {
  const args = await launcherArgs(env, dir);
  const script = args.at(-1);
  if (args[0] !== "run" || (script !== SOURCE_ENTRY && script !== BUILD_ENTRY)) {
    throw new Error(`unexpected launcher arguments: ${args.join(" ")}`);
  }
  return args.slice(1, -1).filter((a) =>
    !a.startsWith("--env-file") && a !== "--allow-read=.env" && a !== "--no-config"
  );
}
