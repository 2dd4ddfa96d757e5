import { dateOf } from "./format.ts";
import { parseArgs } from "./main.ts";
import { createSeedState, SEED } from "./seed.ts";
import { assert, assertEquals } from "./test_util.ts";

Deno.test("seed: deterministic and independent copies", () => {
  const a = createSeedState();
  const b = createSeedState();
  assertEquals(JSON.stringify(a), JSON.stringify(b));
  a.issues[0].summary = "changed";
  assert(b.issues[0].summary !== "changed");
});

Deno.test("seed: counts and fixtures", () => {
  const s = createSeedState();
  const mine = s.issues.filter((i) => i.assigneeId === SEED.me.id);
  assertEquals(mine.length, SEED.counts.assignedToMe);
  assert(SEED.counts.assignedToMe > 250);
  assert(SEED.counts.unassigned > 0);
  assert(s.issues.some((i) => i.assigneeId !== null && i.assigneeId !== SEED.me.id));
  assertEquals(SEED.counts.manyComments, 50);
  assertEquals(SEED.counts.noComments, 0);
  assertEquals(SEED.counts.richComments, 5);
  const jpn = s.issues.find((i) => i.issueKey === SEED.issues.jpnCustomStatus)!;
  assertEquals(jpn.statusId, SEED.statuses.jpnReviewWaiting);
  assert(mine.some((i) => i.projectId === SEED.projects.OLD.id));
  // Every status of every project is used by some issue.
  for (const st of s.statuses.filter((x) => x.projectId !== SEED.projects.OPS.id)) {
    if (st.projectId === SEED.projects.OLD.id) continue;
    assert(s.issues.some((i) => i.projectId === st.projectId && i.statusId === st.id), st.name);
  }
  assert(SEED.counts.mineDueSoonNotClosed > 0);
  assert(s.issues.some((i) => i.startDate === null) && s.issues.some((i) => i.dueDate === null));
});

Deno.test("seed: ids grow with creation time; keys are per project", () => {
  const s = createSeedState();
  const byId = [...s.issues].sort((a, b) => a.id - b.id);
  for (let k = 1; k < byId.length; k++) assert(byId[k].created >= byId[k - 1].created);
  const cs = [...s.comments].sort((a, b) => a.id - b.id);
  for (let k = 1; k < cs.length; k++) assert(cs[k].created >= cs[k - 1].created);
  for (const c of s.comments) {
    const issue = s.issues.find((i) => i.id === c.issueId)!;
    assert(c.created >= issue.created && c.created <= issue.updated);
  }
  assert(s.issues.some((i) => i.id > 2 ** 31), "some ids exceed 2^31");
  const keys = new Set(s.issues.map((i) => i.issueKey));
  assertEquals(keys.size, s.issues.length);
});

Deno.test("seed: timestamps near the 2026 DST changes", () => {
  const s = createSeedState();
  const near = (iso: string) => {
    const t = Date.parse(iso);
    return s.issues.filter((i) =>
      Math.abs(i.created - t) <= 3 * 3600_000 || Math.abs(i.updated - t) <= 3 * 3600_000
    ).length;
  };
  for (
    const iso of [
      "2026-03-08T07:00:00Z",
      "2026-03-29T01:00:00Z",
      "2026-10-25T01:00:00Z",
      "2026-11-01T06:00:00Z",
    ]
  ) {
    assert(near(iso) >= 2, iso);
  }
  assertEquals(
    dateOf(s.issues.find((i) => i.issueKey === SEED.issues.rich)!.created),
    "2026-03-08",
  );
});

Deno.test("main: argument parsing", () => {
  assertEquals(parseArgs([]), { port: 8787 });
  assertEquals(parseArgs(["--port", "0", "--api-key", "k"]), { port: 0, apiKey: "k" });
  assertEquals(parseArgs(["--port=9000"]), { port: 9000 });
  let threw = false;
  try {
    parseArgs(["--port", "x"]);
  } catch {
    threw = true;
  }
  assert(threw);
});
