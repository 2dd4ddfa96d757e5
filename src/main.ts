/**
 * Entry point from source: `deno run src/main.ts` (what `bin/mcp` runs when
 * there is no up-to-date fast-start build). Serves MCP over stdio; stdout is
 * the JSON-RPC channel, everything else goes to stderr.
 *
 * @module
 */

import { serveStdio } from "./serve_stdio.ts";

await serveStdio();
