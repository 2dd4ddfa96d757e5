/**
 * Shared files (backlog-api.md §12.8) on issues and the in-flight request count the
 * one-request-at-a-time tests read.
 */
import { SEED } from "./seed.ts";
import { assert, assertEquals, get, withSandbox } from "./test_util.ts";

Deno.test("shared files: the issue embeds the same list /issues/:key/sharedFiles sends", async () => {
  await withSandbox({}, async (sb) => {
    const issue = await get(sb, `issues/${SEED.issues.rich}`);
    const listed = await get(sb, `issues/${SEED.issues.rich}/sharedFiles`);
    assertEquals(listed.status, 200);
    assertEquals(listed.body, issue.body.sharedFiles);
    const ids = listed.body.map((f: { id: number }) => f.id);
    assertEquals(ids, [9301, 9302, 9303]);
    const first = listed.body[0];
    assertEquals(first.type, "file");
    assertEquals(first.projectId, SEED.projects.DEMO.id);
    assertEquals(first.updatedUser.id, first.createdUser.id);
    assert(first.dir.startsWith("/") && first.dir.endsWith("/"));
    const none = await get(sb, `issues/${SEED.issues.noComments}/sharedFiles`);
    assertEquals(none.body, []);
    const missing = await get(sb, "issues/DEMO-99999/sharedFiles");
    assertEquals(missing.status, 404);
  });
});

Deno.test("in flight: the stand-in counts requests being answered and their peak", async () => {
  await withSandbox({}, async (sb) => {
    assertEquals(sb.inFlight(), { now: 0, peak: 0 });
    await get(sb, "users/myself");
    await get(sb, "users/myself");
    assertEquals(sb.inFlight(), { now: 0, peak: 1 }, "one at a time");
    // Three at once, each held for a while so they overlap.
    sb.faults.inject({ kind: "slow", delayMs: 150, times: 3, path: "/api/v2/users/myself" });
    await Promise.all([1, 2, 3].map(() => get(sb, "users/myself")));
    assertEquals(sb.inFlight(), { now: 0, peak: 3 });
    sb.clearRequests();
    assertEquals(sb.inFlight().peak, 0);
    const control = await fetch(`${sb.url}/_sandbox/inflight`);
    assertEquals(await control.json(), { now: 0, peak: 0 });
  });
});
