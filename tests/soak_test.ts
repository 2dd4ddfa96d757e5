/**
 * Soak: 500 warm-up and then 1,000 mixed tool calls answered by one server
 * process (spawned with the `mcp` task's flags) against the stand-in: no
 * failure, no key, stdout only JSON-RPC, and resident memory growing by at
 * most 10% after the warm-up. About 5 s, so it runs with every `deno task
 * test`; `deno task soak` runs it alone with a summary.
 */

import { assert, assertEquals } from "./assert.ts";
import { describeSoak, runSoak } from "../src/tooling/bench/soak.ts";

Deno.test("soak: 1,000 mixed tool calls in one server process, no failure, memory flat after warm-up", async () => {
  const started = performance.now();
  const report = await runSoak({ calls: 1000 });
  const summary = describeSoak(report);
  assertEquals(report.failures, [], summary);
  assertEquals(report.leaks, 0, summary);
  assertEquals(report.stdoutViolations, 0, summary);
  assert(!report.exited, `the server exited\n${summary}`);
  assert(
    report.tools.includes("get_issue_details") && report.tools.includes("get_user_issue_list"),
  );
  if (Number.isFinite(report.rssGrowth)) {
    assert(report.rssGrowth <= 0.1, `resident memory grew more than 10%\n${summary}`);
  } else {
    console.warn("soak: resident memory not measurable here (/proc missing)");
  }
  const seconds = (performance.now() - started) / 1000;
  assert(seconds < 60, `the soak took ${seconds.toFixed(0)} s: move it out of the test task`);
});
