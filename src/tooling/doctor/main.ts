/**
 * `mise run doctor` / `deno task doctor`: checks the set-up and prints one
 * line per check. Exit code 0 only when every check passed.
 *
 *     deno run --allow-net --allow-env --allow-read --env-file=.env src/tooling/doctor/main.ts
 *
 * A CLI that owns its stdout (unlike the MCP server). `.env` is merged into the
 * environment by Deno's `--env-file`, exactly as for the server.
 *
 * @module
 */

import { redactSecrets } from "../../shared/redact.ts";
import { exitCode, runDoctor } from "./doctor.ts";
import { formatReport } from "./report.ts";
import { locateDeno } from "./toolchain.ts";

const ROOT = decodeURIComponent(new URL("../../../", import.meta.url).pathname);

function readText(path: string): string | undefined {
  try {
    return Deno.readTextFileSync(path);
  } catch {
    return undefined;
  }
}

function env(name: string): string | undefined {
  try {
    return Deno.env.get(name);
  } catch {
    return undefined; // no permission for this one
  }
}

if (import.meta.main) {
  const write = (text: string) => Deno.stdout.writeSync(new TextEncoder().encode(text + "\n"));
  try {
    write(`backlog-mcp doctor (${ROOT.replace(/\/$/, "")})`);
    const results = await runDoctor({
      env,
      denoVersion: Deno.version.deno,
      miseToml: readText(`${ROOT}mise.toml`),
      denoOnPath: locateDeno(env("PATH") ?? ""),
      dotenv: readText(`${ROOT}.env`),
      dotenvPath: `${ROOT}.env`,
    });
    write(formatReport(results));
    Deno.exit(exitCode(results));
  } catch (error) {
    // A bug in the doctor: say so in one line, no stack trace.
    const message = error instanceof Error ? error.message : String(error);
    const key = env("BACKLOG_API_KEY")?.trim();
    write(`✘ The doctor itself failed: ${redactSecrets(message, key ? [key] : [])}`);
    Deno.exit(2);
  }
}
