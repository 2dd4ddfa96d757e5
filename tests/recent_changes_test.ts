/**
 * get_recent_changes and get_activity_report through the whole pipeline,
 * with the server's clock pinned to the seeded morning (Saturday
 * 2026-11-21 15:00 in Tokyo).
 */

import { assert, assertEquals, assertMatch, assertStringIncludes } from "./assert.ts";
import { textOf, withSession } from "./harness.ts";
import { SEED } from "../src/tooling/sandbox/seed.ts";
import { allActivities } from "../src/tooling/sandbox/handlers_activity.ts";
import type { SandboxState } from "../src/tooling/sandbox/server.ts";

function allActivitiesOf(state: SandboxState, userId: number, since: string): number {
  const from = Date.parse(since), to = Date.parse(SEED.attention.now);
  return allActivities(state).filter((a) =>
    a.createdUserId === userId && a.created >= from && a.created < to
  ).length;
}

const NOW = () => new Date(SEED.attention.now);
const A = SEED.attention;

interface Changes {
  since: string;
  total: number;
  issues: {
    key: string;
    why: string[];
    entries: { time: string; who: string; kind: string; changes: string; text: string }[];
  }[];
  next_offset: number | null;
  sources: string[];
  left_out: string[];
}

Deno.test("recent changes: since yesterday in Tokyo, others' comments and field changes per issue", async () => {
  await withSession(async (session) => {
    const result = await session.call("get_recent_changes", { timezone: "Asia/Tokyo" });
    assert(!result.isError, textOf(result));
    const c = result.structuredContent as unknown as Changes;
    assertEquals(c.since, "2026-11-20 00:00 +09:00 (yesterday)");
    const keys = c.issues.map((i) => i.key);
    for (
      const key of [A.mentioned, A.dueMoved, A.reassigned, A.reportedResolved, A.watchedCommented]
    ) assert(keys.includes(key), key);
    const by = (key: string) => c.issues.find((i) => i.key === key)!;
    assertEquals(by(A.watchedCommented).why, ["watched"]);
    assert(by(A.reportedResolved).why.includes("reported"));
    assertMatch(by(A.dueMoved).entries[0].changes, /^due date: \S+ → 2026-11-27$/);
    assertEquals(
      by(A.reportedResolved).entries[0].changes,
      "status: In Progress → Resolved; resolution: — → Fixed",
    );
    // Newest first: issues by their latest change, entries within each issue.
    const latest = c.issues.map((i) => i.entries[0]?.time ?? "");
    assertEquals(latest, [...latest].sort().reverse());
    for (const i of c.issues) {
      const times = i.entries.map((e) => e.time);
      assertEquals(times, [...times].sort().reverse(), i.key);
      assert(i.entries.every((e) => e.who !== SEED.me.name), `${i.key}: own changes left out`);
    }
    const text = textOf(result);
    assertStringIncludes(text, "2026-11-21 14:10 +09:00 Hanako Suzuki commented");
    assertMatch(text, /Sources: GET \/issues assigned to you, updated since 2026-11-18/);
    assertStringIncludes(text, "/watchings");
    assertMatch(text, /Left out: .*changed only by you.*change\(s\) of your own/);
  }, { now: NOW });
});

Deno.test("recent changes: an ISO instant, on: watched only, include_own, paging", async () => {
  await withSession(async (session) => {
    const since = "2026-11-21T14:20+09:00";
    const watched = (await session.call("get_recent_changes", { since, on: ["watched"] }))
      .structuredContent as unknown as Changes;
    assert(watched.issues.length > 0 && watched.issues.every((i) => i.why.includes("watched")));
    assert(watched.issues.every((i) => i.entries.every((e) => e.time >= "2026-11-21T05:20")));
    assertEquals(watched.sources.filter((s) => s.startsWith("GET /issues ")), []);

    const own = (await session.call("get_recent_changes", {
      since: "yesterday",
      include_own: true,
      limit: 50,
    })).structuredContent as unknown as Changes;
    assert(own.issues.some((i) => i.entries.some((e) => e.who === SEED.me.name)), "mine too");
    assertEquals(own.left_out.filter((l) => l.includes("your own")), []);

    const first = (await session.call("get_recent_changes", { since: "this_week", limit: 2 }))
      .structuredContent as unknown as Changes;
    assertEquals(first.issues.length, 2);
    assert(first.next_offset !== null && first.left_out.some((l) => l.includes("offset=")));
    const second = (await session.call("get_recent_changes", {
      since: "this_week",
      limit: 2,
      offset: first.next_offset,
    })).structuredContent as unknown as Changes;
    assertEquals(second.issues.filter((i) => first.issues.some((f) => f.key === i.key)), []);

    const bad = await session.call("get_recent_changes", { since: "the day before" });
    assertEquals(bad.isError, true);
    assertStringIncludes(textOf(bad), "since must be one of: now, today, yesterday");
  }, { now: NOW });
});

Deno.test("recent changes: BACKLOG_PROJECTS leaves other projects out and says so", async () => {
  await withSession(async (session) => {
    const result = await session.call("get_recent_changes", { limit: 50 });
    const c = result.structuredContent as unknown as Changes;
    assert(c.issues.every((i) => /^(DEMO|PROJ)-/.test(i.key)));
    assert(!textOf(result).includes("社外秘"));
    assert(c.left_out.includes("issues outside BACKLOG_PROJECTS"));
  }, { now: NOW, env: { BACKLOG_PROJECTS: "DEMO,PROJ" } });
});

interface Report {
  who: string;
  actions: number;
  projects: { project: string; issues: { key: string; did: string }[]; other: string[] }[];
  sources: string[];
}

Deno.test("activity report: my week by project and issue, every kind of work, pasteable", async () => {
  await withSession(async (session, sandbox) => {
    const result = await session.call("get_activity_report", {
      since: "this_week",
      timezone: "Asia/Tokyo",
    });
    assert(!result.isError, textOf(result));
    const r = result.structuredContent as unknown as Report;
    assertEquals(r.who, "Taro Yamada (you)");
    assertEquals(r.projects.map((p) => p.project).sort(), ["DEMO", "JPN", "PROJ"]);
    const demo = r.projects.find((p) => p.project === "DEMO")!;
    const rich = demo.issues.find((i) => i.key === SEED.issues.rich)!;
    assertEquals(rich.did, "commented; changed due date, milestone; notified people");
    const jpn = r.projects.find((p) => p.project === "JPN")!;
    assertEquals(
      jpn.issues.find((i) => i.key === SEED.issues.jpnCustomStatus)!.did,
      "commented ×2; status 未対応 → レビュー待ち",
      "status ids resolved to the project's names; first from, last to",
    );
    const other = r.projects.flatMap((p) => p.other).join("\n");
    for (
      const line of [
        'wiki: updated "Setup guide" ×2',
        "git: pushed 3 commit(s) to portal-web",
        'pull request #40 "Faster order search": merged',
        "file: added /design/checkout-v3.png",
        "members: removed Maria Garcia",
        "svn: committed r1234",
      ]
    ) assertStringIncludes(other, line);
    const mine = sandbox.requests.filter((q) =>
      q.path === `/api/v2/users/${SEED.me.id}/activities`
    );
    assert(mine.length >= 1 && r.sources[0].startsWith(`GET /users/${SEED.me.id}/activities`));
    // Only this week's (from Monday 00:00 in Tokyo) activities of mine, up to now.
    const week = allActivitiesOf(sandbox.state, SEED.me.id, "2026-11-15T15:00:00Z");
    assertEquals(r.actions, week);
    const text = textOf(result);
    assertMatch(text, /^Activity of Taro Yamada \(you\), 2026-11-16 00:00 \+09:00 \(this_week\)/);
    assertMatch(text, /\n- DEMO-1 Login button does nothing on Safari: commented; /);
  }, { now: NOW });
});

Deno.test("activity report: a named user, a range, BACKLOG_PROJECTS, bad ranges", async () => {
  await withSession(async (session) => {
    const hanako = (await session.call("get_activity_report", {
      user: "hanako",
      since: "2026-11-21",
      until: "now",
      timezone: "UTC",
    })).structuredContent as unknown as Report;
    assertEquals(hanako.who, "Hanako Suzuki (hanako, 5002)");
    assert(hanako.projects.every((p) => p.project === "DEMO" || p.project === "PROJ"));
    const keys = hanako.projects.flatMap((p) => p.issues.map((i) => i.key));
    assert(keys.includes(A.attachments) && keys.includes(A.mentioned), keys.join(" "));
    assert(
      hanako.projects.flatMap((p) => p.issues).some((i) => i.did.includes("attached 8 file(s)")),
    );

    const mine = await session.call("get_activity_report", { since: "this_week" });
    assert(!textOf(mine).includes("業務マニュアル"), "JPN's wiki is left out");
    assertStringIncludes(textOf(mine), "projects outside BACKLOG_PROJECTS");

    const backwards = await session.call("get_activity_report", {
      since: "today",
      until: "yesterday",
    });
    assertEquals(backwards.isError, true);
    assertStringIncludes(textOf(backwards), "Invalid since");
  }, { now: NOW, env: { BACKLOG_PROJECTS: "DEMO,PROJ" } });
});
