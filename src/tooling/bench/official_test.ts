import { assert, assertEquals } from "../../../tests/assert.ts";
import { startSandbox } from "../sandbox/server.ts";
import { findOnPath } from "./cold_start.ts";
import { findOfficialServer, OFFICIAL_DIR } from "./official.ts";

const KEY = "OFFICIAL-SHIM-KEY-0123456789";
const node = findOnPath("node");

Deno.test({
  name: "official server shim: backlog-js's https:// requests reach the stand-in on 127.0.0.1",
  ignore: !node,
  async fn() {
    const sandbox = await startSandbox({ apiKey: KEY });
    try {
      // What backlog-js does: fetch(`https://${host}/api/v2/...`) with the key in a header.
      const script = `const r = await fetch("https://bench.backlog.com/api/v2/users/myself?x=1",
        { headers: { "Backlog-API-Key": ${JSON.stringify(KEY)} } });
        console.log(r.status, (await r.json()).userId);`;
      const shim = new URL("./official_fetch_shim.mjs", import.meta.url).pathname;
      const out = await new Deno.Command(node!, {
        args: ["--import", shim, "--input-type=module", "-e", script],
        clearEnv: true,
        env: { PATH: Deno.env.get("PATH") ?? "", BACKLOG_MCP_BENCH_ORIGIN: sandbox.url },
        stdout: "piped",
        stderr: "piped",
      }).output();
      assertEquals(new TextDecoder().decode(out.stdout).trim(), "200 taro");
      const request = sandbox.requests.at(-1)!;
      assertEquals(request.path, "/api/v2/users/myself");
      assertEquals(request.params.x, ["1"]);
      assertEquals(request.auth, "header");
    } finally {
      await sandbox.close();
    }
  },
});

Deno.test("findOfficialServer without installing: undefined and a reason, or a way to start it", async () => {
  let reason = "";
  const found = await findOfficialServer({ install: false, onMissing: (r) => reason = r });
  if (found) {
    assert(found.args.at(-1)!.startsWith(OFFICIAL_DIR), found.args.join(" "));
    const env = found.env("http://127.0.0.1:1234", "k");
    assertEquals(env.BACKLOG_MCP_BENCH_ORIGIN, "http://127.0.0.1:1234");
    assertEquals(env.BACKLOG_API_KEY, "k");
    assertEquals(found.cwd, OFFICIAL_DIR);
  } else {
    assert(reason.length > 0, "says why it is missing");
  }
});
