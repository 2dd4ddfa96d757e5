import { assertRejects } from "../../../tests/assert.ts";
import { initialize, spawnStdio } from "./stdio_driver.ts";

Deno.test("stdio driver: a server that dies before initialize is reported with its stderr", async () => {
  const server = spawnStdio({
    command: Deno.execPath(),
    args: ["eval", "console.error('config exploded: BACKLOG_DOMAIN'); Deno.exit(3)"],
    env: { NO_COLOR: "1" },
  });
  try {
    await assertRejects(() => initialize(server), Error, "config exploded: BACKLOG_DOMAIN");
  } finally {
    await server.kill();
  }
});
