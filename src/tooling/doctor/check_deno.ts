/**
 * The Deno check: the running Deno against mise.toml's pin, and the `deno` on
 * PATH (as `locateDeno` found it) against npm's Node wrapper.
 *
 * @module
 */

import { pinnedDenoVersion } from "./toolchain.ts";
import type { CheckResult, DoctorInput } from "./types.ts";

/** Passes when Deno runs at mise.toml's pin and `deno` on PATH is not npm's Node wrapper. */
export function checkDeno(input: DoctorInput): CheckResult {
  const pinned = input.miseToml === undefined ? undefined : pinnedDenoVersion(input.miseToml);
  const running = input.denoVersion;
  const onPath = input.denoOnPath;
  if (onPath.kind === "node-wrapper") {
    return {
      id: "deno",
      status: "fail",
      message:
        `Deno ${running} runs, but \`deno\` on PATH (${onPath.path}) is npm's Node wrapper ${onPath.target}, not the native binary: slower on every launch, and under Node 20 it fails on --env-file when .env is missing.`,
      fix: `run \`mise install -f npm:deno@${
        pinned ?? running
      }\` (mise.toml allows deno's postinstall).`,
    };
  }
  if (!pinned) {
    return {
      id: "deno",
      status: "fail",
      message: `Deno ${running} runs, but no Deno pin was found in mise.toml.`,
      fix: 'restore the `"npm:deno" = { version = … }` line in mise.toml (see git).',
    };
  }
  if (pinned !== running) {
    return {
      id: "deno",
      status: "fail",
      message: `Deno ${running} runs, but mise.toml pins ${pinned}.`,
      fix:
        `run it through mise (\`mise run doctor\`, \`mise run mcp\`), which installs and uses Deno ${pinned}.`,
    };
  }
  const where = onPath.kind === "native" ? `; \`deno\` on PATH is the native binary` : "";
  return {
    id: "deno",
    status: "pass",
    message: `Deno ${running}, the version pinned in mise.toml${where}.`,
  };
}
