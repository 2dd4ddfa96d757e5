/**
 * CLI for the Backlog API v2 sandbox:
 *
 *     deno run --allow-net src/tooling/sandbox/main.ts [--port 8787] [--api-key KEY]
 *
 * Prints `sandbox listening on http://127.0.0.1:PORT` to stderr and serves until SIGINT/SIGTERM.
 *
 * @module
 */
import { startSandbox } from "./server.ts";

/** Parsed command line. */
export interface CliArgs {
  port: number;
  apiKey?: string;
}

/** Parses `--port N` / `--port=N` and `--api-key K` / `--api-key=K`. Throws on anything else. */
export function parseArgs(args: string[]): CliArgs {
  const out: CliArgs = { port: 8787 };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2);
    const value = () => {
      const v = inline ?? args[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === "--port") {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error("--port must be 0-65535");
      out.port = n;
    } else if (flag === "--api-key") {
      out.apiKey = value();
    } else {
      throw new Error(`unknown argument ${args[i]}`);
    }
  }
  return out;
}

if (import.meta.main) {
  let args: CliArgs;
  try {
    args = parseArgs(Deno.args);
  } catch (e) {
    console.error(`sandbox: ${e instanceof Error ? e.message : e}`);
    console.error("usage: main.ts [--port 8787] [--api-key KEY]");
    Deno.exit(2);
  }
  const sandbox = await startSandbox({ port: args.port, apiKey: args.apiKey });
  console.error(`sandbox listening on ${sandbox.url}`);
  const stop = async () => {
    await sandbox.close();
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGINT", stop);
  Deno.addSignalListener("SIGTERM", stop);
}
