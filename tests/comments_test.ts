/**
 * get_issue_comments paging and add_issue_comment, checked against the
 * stand-in's stored comments.
 */

import { assert, assertEquals, assertStringIncludes } from "./assert.ts";
import { type Session, textOf, withSession } from "./harness.ts";
import { SEED } from "../src/tooling/sandbox/seed.ts";
import type { Sandbox } from "../src/tooling/sandbox/server.ts";
import type { CommentPage } from "../src/render/comments.ts";
import type { CommentAdded } from "../src/render/write.ts";

const issueId = (sandbox: Sandbox, key: string) =>
  sandbox.state.issues.find((i) => i.issueKey === key)!.id;
const storedIds = (sandbox: Sandbox, key: string) =>
  sandbox.state.comments.filter((c) => c.issueId === issueId(sandbox, key)).map((c) => c.id);

/** Follows `next` until the end, returning every comment id seen in order. */
async function pageAll(session: Session, args: Record<string, unknown>): Promise<number[]> {
  const seen: number[] = [];
  let next: Record<string, unknown> | undefined = {};
  for (let guard = 0; next && guard < 50; guard++) {
    const result = await session.call("get_issue_comments", { ...args, ...next });
    assert(!result.isError, textOf(result));
    const page = result.structuredContent as CommentPage;
    seen.push(...page.comments.map((c) => c.id));
    next = page.next;
  }
  return seen;
}

for (const inclusive of [true, false]) {
  Deno.test(`comments: paging reaches every comment exactly once (bounds ${inclusive ? "inclusive" : "exclusive"})`, async () => {
    await withSession(async (session, sandbox) => {
      const all = storedIds(sandbox, SEED.issues.manyComments).sort((a, b) => a - b);
      assertEquals(all.length, SEED.counts.manyComments);
      const desc = await pageAll(session, { issue_key: SEED.issues.manyComments, count: 7 });
      assertEquals(desc, [...all].reverse());
      const asc = await pageAll(session, {
        issue_key: SEED.issues.manyComments,
        count: 9,
        order: "asc",
      });
      assertEquals(asc, all);
    }, { sandbox: { commentIdBoundsInclusive: inclusive } });
  });
}

Deno.test("comments: a page states its place, times in the zone, change logs summarised", async () => {
  await withSession(async (session, sandbox) => {
    const all = storedIds(sandbox, SEED.issues.manyComments).sort((a, b) => a - b);
    const result = await session.call("get_issue_comments", {
      issue_key: SEED.issues.manyComments,
      order: "asc",
      count: 2,
      timezone: "Asia/Tokyo",
    });
    const page = result.structuredContent as CommentPage;
    assertEquals(page.total, all.length);
    assertEquals(page.has_more, true);
    assertEquals(page.next, { after_id: all[1] });
    assertEquals(page.comments[0].changes, [["status", "Open", "In Progress"]]);
    assertEquals(page.comments[0].created, "2026-03-10T18:37+09:00");
    const text = textOf(result);
    assertStringIncludes(text, `2 comments of ${all.length}, oldest first (times in Asia/Tokyo)`);
    assertStringIncludes(
      text,
      `- #${all[0]} 2026-03-10 18:37 +09:00 John Smith: (status: Open → In Progress)`,
    );
    assertStringIncludes(text, `call again with after_id=${all[1]}`);

    // A window between two ids.
    const window = await session.call("get_issue_comments", {
      issue_key: SEED.issues.manyComments,
      after_id: all[9],
      before_id: all[13],
    });
    const ids = (window.structuredContent as CommentPage).comments.map((c) => c.id);
    assertEquals(ids, [all[12], all[11], all[10]]);
    assertEquals((window.structuredContent as CommentPage).next, undefined);
  });
});

Deno.test("comments: no comments, and bad paging arguments", async () => {
  await withSession(async (session, sandbox) => {
    const none = await session.call("get_issue_comments", { issue_key: SEED.issues.noComments });
    assertStringIncludes(textOf(none), "No comments.");
    assertEquals((none.structuredContent as CommentPage).total, 0);
    sandbox.clearRequests();
    const bad: [Record<string, unknown>, string][] = [
      [{ count: 0 }, "count"],
      [{ count: 101 }, "count"],
      [{ order: "newest" }, "order"],
      [{ before_id: -1 }, "before_id"],
      [{ after_id: 5, before_id: 6 }, "after_id"],
    ];
    for (const [args, parameter] of bad) {
      const result = await session.call("get_issue_comments", { issue_key: "DEMO-2", ...args });
      assertEquals(result.isError, true, JSON.stringify(args));
      assertStringIncludes(textOf(result), parameter);
    }
    assertEquals(sandbox.requests.length, 0);
    const missing = await session.call("get_issue_comments", { issue_key: "DEMO-99999" });
    assertEquals(missing.isError, true);
    assertStringIncludes(textOf(missing), "DEMO-99999 was not found");
  });
});

Deno.test("add_issue_comment: the comment is stored, members notified by name", async () => {
  await withSession(async (session, sandbox) => {
    const before = sandbox.state.comments.length;
    const result = await session.call("add_issue_comment", {
      issue_key: "demo-3",
      content: "Started on this; PR coming today.\n2行目もあります。",
      notify_user_ids: ["hanako", "佐藤 健二"],
      timezone: "Asia/Tokyo",
    });
    assert(!result.isError, textOf(result));
    const added = result.structuredContent as CommentAdded;
    assertEquals(sandbox.state.comments.length, before + 1);
    const stored = sandbox.state.comments.at(-1)!;
    assertEquals(stored.id, added.comment_id);
    assertEquals(stored.issueId, issueId(sandbox, "DEMO-3"));
    assertEquals(stored.content, "Started on this; PR coming today.\n2行目もあります。");
    assertEquals(stored.createdUserId, SEED.me.id);
    assertEquals(added.url, `${sandbox.url}/view/DEMO-3#comment-${stored.id}`);
    assertEquals(added.notified, ["Hanako Suzuki", "佐藤 健二"]);
    const post = sandbox.requests.find((r) => r.method === "POST")!;
    assertEquals(post.params.notifiedUserId, [
      String(SEED.users.hanako.id),
      String(SEED.users.kenji.id),
    ]);
    assert(added.created?.endsWith("+09:00"), added.created ?? "");
    assertStringIncludes(textOf(result), `Added comment ${stored.id} to DEMO-3`);

    // It shows up first in the thread.
    const page = await session.call("get_issue_comments", { issue_key: "DEMO-3", count: 1 });
    assertEquals((page.structuredContent as CommentPage).comments[0].id, stored.id);
  });
});

Deno.test("add_issue_comment: empty text or a non-member to notify is refused before posting", async () => {
  await withSession(async (session, sandbox) => {
    const cases: [Record<string, unknown>, string][] = [
      [{ content: "   " }, "content"],
      [{}, "content"],
      [{ content: "hi", notify_user_ids: ["maria"] }, "notify_user_ids"],
      [{ content: "hi", notify_user_ids: [SEED.users.maria.id] }, "not a member of DEMO"],
    ];
    for (const [args, part] of cases) {
      const result = await session.call("add_issue_comment", { issue_key: "DEMO-3", ...args });
      assertEquals(result.isError, true, JSON.stringify(args));
      assertStringIncludes(textOf(result), part);
    }
    assertEquals(sandbox.requests.filter((r) => r.method !== "GET").length, 0);
  });
});
