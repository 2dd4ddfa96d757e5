/**
 * get_notifications and mark_notifications_read through the whole pipeline
 * (MCP client → server → stand-in): unread first, grouped, reasons in words,
 * the unread count, and marking read limited to what this session showed.
 */

import { assert, assertEquals, assertMatch, assertStringIncludes } from "./assert.ts";
import { textOf, withSession } from "./harness.ts";
import { SEED } from "../src/tooling/sandbox/seed.ts";

const NOW = () => new Date(SEED.attention.now);
const A = SEED.attention;

interface Group {
  about: string;
  title: string;
  notifications: { id: number; unread: boolean; reason: string; mentions_you?: true }[];
}
interface Page {
  unread_total: number | null;
  shown: number;
  groups: Group[];
  next_before_id: number | null;
}
const flat = (p: Page) => p.groups.flatMap((g) => g.notifications);

Deno.test("notifications: unread first, grouped by issue, reasons in words, times in the zone", async () => {
  await withSession(async (session, sandbox) => {
    const result = await session.call("get_notifications", { limit: 40, timezone: "Asia/Tokyo" });
    assert(!result.isError, textOf(result));
    const page = result.structuredContent as unknown as Page;
    const all = sandbox.state.attention.notifications;
    assertEquals(page.unread_total, all.filter((n) => !n.alreadyRead).length);
    const list = flat(page);
    assertEquals(list.length, Math.min(40, all.length));
    // Unread first: in each group, and groups with unread ones before those without.
    for (const g of page.groups) {
      const firstRead = g.notifications.findIndex((n) => !n.unread);
      assert(firstRead < 0 || g.notifications.slice(firstRead).every((n) => !n.unread), g.about);
    }
    const hasUnread = page.groups.map((g) => g.notifications.some((n) => n.unread));
    assertEquals(hasUnread, [...hasUnread].sort((x, y) => Number(y) - Number(x)), "unread first");
    // Groups: one per issue (or pull request, document, project), each once.
    const abouts = page.groups.map((g) => g.about);
    assertEquals(abouts.length, new Set(abouts).size);
    for (const key of [A.mentioned, A.dueMoved, A.reassigned, A.attachments]) {
      assert(abouts.includes(key), key);
    }
    assert(abouts.includes("PROJ pull request #41") && abouts.includes("DEMO document"));
    const reasons = new Set(list.map((n) => n.reason));
    for (
      const r of [
        "assigned you",
        "commented",
        "updated",
        "added a file",
        "added you to the project",
        "assigned you the pull request",
        "commented on the pull request",
        "added the pull request",
        "updated the pull request",
        "commented on the document",
        "replied to a document comment",
        "mentioned you in the document",
        "added issues at once",
      ]
    ) assert(reasons.has(r), r);
    const mention = page.groups.find((g) => g.about === A.mentioned)!.notifications[0];
    assertEquals([mention.reason, mention.mentions_you], ["commented", true]);

    const text = textOf(result);
    assertStringIncludes(text, "times in Asia/Tokyo");
    assertMatch(
      text,
      /#\d+ unread 2026-11-21 14:10 \+09:00 Hanako Suzuki commented \(mentions you\): "@taro/,
    );
    assertMatch(text, /John Smith updated: "due date: \S+ → 2026-11-27 — The customer asked/);
    assertMatch(text, /佐藤 健二 assigned you: "assignee: 佐藤 健二 → Taro Yamada/);
    // Reading changes nothing.
    assertEquals(sandbox.requests.filter((r) => r.method !== "GET"), []);
  }, { now: NOW });
});

Deno.test("notifications: unread_only, a small limit, and paging with before_id", async () => {
  await withSession(async (session, sandbox) => {
    const unread = await session.call("get_notifications", { unread_only: true, limit: 5 });
    const page = unread.structuredContent as unknown as Page;
    assertEquals(flat(page).length, 5);
    assert(flat(page).every((n) => n.unread));
    assertStringIncludes(textOf(unread), "more unread notifications than shown");

    const first = (await session.call("get_notifications", { limit: 20 }))
      .structuredContent as unknown as Page;
    assert(first.next_before_id !== null);
    const next = (await session.call("get_notifications", { before_id: first.next_before_id }))
      .structuredContent as unknown as Page;
    const ids = flat(next).map((n) => n.id);
    assert(ids.every((id) => id < first.next_before_id!), "older page");
    for (const g of next.groups) {
      const own = g.notifications.map((n) => n.id);
      assertEquals(own, [...own].sort((a, b) => b - a), "a later page is newest first");
    }
    const shownIds = new Set([...flat(first), ...flat(next)].map((n) => n.id));
    assertEquals(shownIds.size, sandbox.state.attention.notifications.length, "nothing skipped");
  }, { now: NOW });
});

Deno.test("mark read: refused before anything was shown and for ids not shown; nothing is sent", async () => {
  await withSession(async (session, sandbox) => {
    const ids = sandbox.state.attention.notifications.map((n) => n.id);
    const early = await session.call("mark_notifications_read", { ids: [ids[0]] });
    assertEquals(early.isError, true);
    assertStringIncludes(textOf(early), "call get_notifications first");

    await session.call("get_notifications", { limit: 3, unread_only: true });
    const hidden = Math.min(...ids);
    for (const args of [{ ids: [hidden] }, { up_to_id: hidden }, {}, { ids: [1], up_to_id: 2 }]) {
      const refused = await session.call("mark_notifications_read", args);
      assertEquals(refused.isError, true, JSON.stringify(args));
    }
    const unseen = await session.call("mark_notifications_read", { ids: [hidden] });
    assertStringIncludes(textOf(unseen), `#${hidden} was not shown by get_notifications`);
    assertEquals(sandbox.requests.filter((r) => r.method !== "GET"), [], "no write sent");
  }, { now: NOW });
});

Deno.test("mark read: by ids and up to a shown id, only what was shown; the unread count drops", async () => {
  await withSession(async (session, sandbox) => {
    const state = sandbox.state.attention.notifications;
    const before = state.filter((n) => !n.alreadyRead).length;
    const shown = flat(
      (await session.call("get_notifications", { limit: 4, unread_only: true }))
        .structuredContent as unknown as Page,
    );
    const [a, b, c, d] = shown.map((n) => n.id);
    const one = await session.call("mark_notifications_read", { ids: [a] });
    assert(!one.isError, textOf(one));
    assertStringIncludes(textOf(one), `Marked 1 notification read: #${a}.`);
    assertStringIncludes(textOf(one), `Unread now: ${before - 1}.`);

    sandbox.clearRequests();
    const upTo = await session.call("mark_notifications_read", { up_to_id: b });
    assert(!upTo.isError, textOf(upTo));
    const posted = sandbox.requests.filter((r) => r.method === "POST").map((r) => r.path).sort();
    assertEquals(
      posted,
      [b, c, d].map((id) => `/api/v2/notifications/${id}/markAsRead`).sort(),
      "only the shown ones up to b; a is already read",
    );
    assertEquals(state.filter((n) => !n.alreadyRead).length, before - 4);
    // Unread notifications older than d were never shown: still unread.
    const older = state.filter((n) => n.id < d && !shown.some((s) => s.id === n.id));
    assert(older.some((n) => !n.alreadyRead), "unshown unread ones stay unread");

    const again = await session.call("mark_notifications_read", { ids: [a, b] });
    assertStringIncludes(textOf(again), "Nothing needed marking.");
  }, { now: NOW });
});

Deno.test("notifications: BACKLOG_PROJECTS hides other projects' notifications and their count", async () => {
  await withSession(async (session, sandbox) => {
    const result = await session.call("get_notifications", { limit: 100 });
    const page = result.structuredContent as unknown as Page;
    assert(page.groups.every((g) => /^(DEMO|PROJ)\b/.test(g.about)), "DEMO and PROJ only");
    const text = textOf(result);
    assert(!text.includes(A.watchedJpn) && !text.includes("社外秘"), "nothing of JPN");
    const allowed = sandbox.state.attention.notifications.filter((n) =>
      !n.alreadyRead && n.projectId !== SEED.projects.JPN.id
    );
    assertEquals(page.unread_total, allowed.length);
    const jpn = sandbox.state.attention.notifications.find((n) =>
      n.projectId === SEED.projects.JPN.id
    )!;
    const refused = await session.call("mark_notifications_read", { ids: [jpn.id] });
    assertEquals(refused.isError, true);
  }, { now: NOW, env: { BACKLOG_PROJECTS: "DEMO,PROJ" } });
});
