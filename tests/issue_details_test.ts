/**
 * get_issue_details through the whole pipeline (in-process MCP client →
 * server → HTTP → stand-in): content, timezones, comments paging.
 */

import {
  assert,
  assertEquals,
  assertMatch,
  assertNotIncludes,
  assertStringIncludes,
} from "./assert.ts";
import { textOf, withSession } from "./harness.ts";
import { SEED } from "../src/tooling/sandbox/seed.ts";

type Structured = {
  issue: Record<string, unknown> & {
    created: { local: string };
    parent: { key: string | null } | null;
  };
  comments: { id: number; content: string; created_by: string; created: { local: string } }[];
  comments_total: number;
  comments_omitted: number;
};

Deno.test("details: the rich issue shows every field a person needs", async () => {
  await withSession(async (session, sandbox) => {
    const result = await session.call("get_issue_details", {
      issue_key: SEED.issues.rich,
      issue_title: "whatever the model thinks it is",
    });
    assert(!result.isError, textOf(result));
    const text = textOf(result);
    for (
      const part of [
        "DEMO-1: Login button does nothing on Safari",
        `${sandbox.url}/view/DEMO-1`,
        "Status: In Progress",
        "Priority: High",
        "Assignee: Taro Yamada",
        "Reporter: Hanako Suzuki",
        "Created: 2026-03-08 06:30 +00:00",
        "Start date: 2026-11-16 | Due date: 2026-11-24",
        "Hours: estimated 4, actual 1.5",
        "screenshot.png (47.1 KB)",
        "Steps to reproduce:",
        "Comments (5, oldest first):",
        "(status: Open → In Progress; assignee: — → Taro Yamada)",
        "Safari のキャッシュ設定が原因かもしれません。",
      ]
    ) assertStringIncludes(text, part);
    assertMatch(text, /Milestones: [^\n|]*Sprint/);
    assertMatch(text, /Categories: [^\n|]*Frontend/);

    const s = result.structuredContent as Structured;
    // Python parity: summary, description, comments' content and created_by.
    assertEquals(s.issue.summary, "Login button does nothing on Safari");
    assertStringIncludes(String(s.issue.description), "Steps to reproduce");
    assertEquals(s.comments.length, 5);
    assertEquals(s.comments[0].created_by, "Hanako Suzuki");
    assertStringIncludes(s.comments[0].content, "Reproduced on Safari");
    const ids = s.comments.map((c) => c.id);
    assertEquals(ids, [...ids].sort((a, b) => a - b), "comments oldest → newest");
    assertEquals(s.issue.start_date, "2026-11-16");
    assertEquals(s.issue.due_date, "2026-11-24");
  });
});

Deno.test("details: timestamps follow the zone (DST-correct), dates never shift", async () => {
  await withSession(async (session) => {
    const zones: [string, string, string][] = [
      // [zone, created 2026-03-08T06:30Z, first comment 2026-03-08T07:05Z]
      ["America/New_York", "2026-03-08 01:30 -05:00", "2026-03-08 03:05 -04:00"], // DST starts 07:00Z
      ["Asia/Tokyo", "2026-03-08 15:30 +09:00", "2026-03-08 16:05 +09:00"],
      ["Europe/Berlin", "2026-03-08 07:30 +01:00", "2026-03-08 08:05 +01:00"],
      ["Pacific/Honolulu", "2026-03-07 20:30 -10:00", "2026-03-07 21:05 -10:00"],
    ];
    for (const [zone, created, firstComment] of zones) {
      const result = await session.call("get_issue_details", {
        issue_key: SEED.issues.rich,
        timezone: zone,
      });
      const text = textOf(result);
      assertStringIncludes(text, `Created: ${created}`, zone);
      assertStringIncludes(text, `- ${firstComment} Hanako Suzuki:`, zone);
      assertStringIncludes(text, `(times in ${zone})`);
      // Calendar dates are the same in every zone, west of UTC included.
      assertStringIncludes(text, "Start date: 2026-11-16 | Due date: 2026-11-24", zone);
      const s = result.structuredContent as Structured;
      assertEquals(s.issue.due_date, "2026-11-24");
    }
    // A comment 15 minutes before the EU DST change, and one after it, in Berlin.
    const berlin = textOf(
      await session.call("get_issue_details", {
        issue_key: SEED.issues.rich,
        timezone: "Europe/Berlin",
      }),
    );
    assertStringIncludes(berlin, "2026-03-29 01:45 +01:00");
    assertStringIncludes(berlin, "2026-11-20 10:30 +01:00");
  });
});

Deno.test("details: 50 comments — newest 20 by default, what was cut is said, more on request", async () => {
  await withSession(async (session, sandbox) => {
    const key = SEED.issues.manyComments;
    const dflt = await session.call("get_issue_details", { issue_key: key });
    const s = dflt.structuredContent as Structured;
    assertEquals(s.comments.length, 20);
    assertEquals(s.comments_total, 50);
    assertEquals(s.comments_omitted, 30);
    assertStringIncludes(textOf(dflt), "showing the newest 20 of 50");
    assertStringIncludes(textOf(dflt), "[30 earlier comments not shown");
    const ids = s.comments.map((c) => c.id);
    assertEquals(ids, [...ids].sort((a, b) => a - b));

    // All of them, oldest first, the first one being the very first comment.
    sandbox.clearRequests();
    const all = await session.call("get_issue_details", { issue_key: key, comment_limit: 50 });
    const sa = all.structuredContent as Structured;
    assertEquals(sa.comments.length, 50);
    assertEquals(sa.comments_omitted, 0);
    assertEquals(sa.comments[0].content, "Looking into it.");
    assertEquals(sa.comments.slice(-20).map((c) => c.id), ids, "the default shows the newest");

    // A page smaller than the whole thread, then the next one via maxId.
    const pages = sandbox.requests.filter((r) => r.path.endsWith("/comments"));
    assert(pages.length >= 1);
    for (const page of pages) {
      assert(Number(page.params.count?.[0]) <= 100, "count within Backlog's 1–100");
      assertEquals(page.params.order, ["desc"]);
    }

    const none = await session.call("get_issue_details", { issue_key: key, comment_limit: 0 });
    const sn = none.structuredContent as Structured;
    assertEquals([sn.comments.length, sn.comments_total, sn.comments_omitted], [0, 50, 50]);
  });
});

Deno.test("details: paging past 100 comments walks maxId without gaps or repeats", async () => {
  await withSession(async (session, sandbox) => {
    // Grow DEMO-2's thread to 150 comments through the stand-in's own API.
    for (let i = 0; i < 100; i++) {
      const response = await fetch(`${sandbox.url}/api/v2/issues/DEMO-2/comments`, {
        method: "POST",
        headers: {
          "Backlog-API-Key": "TESTKEY-zq81Xv7mLp02-d1st1nct1ve",
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ content: `extra ${i}` }),
      });
      await response.body?.cancel();
      assertEquals(response.status, 201);
    }
    sandbox.clearRequests();
    const result = await session.call("get_issue_details", {
      issue_key: "DEMO-2",
      comment_limit: 140,
    });
    const s = result.structuredContent as Structured;
    assertEquals(s.comments.length, 140);
    assertEquals(s.comments_total, 150);
    assertEquals(new Set(s.comments.map((c) => c.id)).size, 140, "no repeats");
    assertEquals(s.comments.at(-1)!.content, "extra 99");
    const pages = sandbox.requests.filter((r) => r.path.endsWith("/comments"));
    assertEquals(pages.length, 2, "two pages: 100 + 41");
    assert(pages[1].params.maxId !== undefined, "second page continues below the first");
  });
});

Deno.test("details: no comments, child issue, include_comments=false, pasted URL", async () => {
  await withSession(async (session, sandbox) => {
    const none = textOf(
      await session.call("get_issue_details", { issue_key: SEED.issues.noComments }),
    );
    assertStringIncludes(none, "Comments: none.");
    assertStringIncludes(none, "(no description)");

    const child = await session.call("get_issue_details", { issue_key: SEED.issues.child });
    assertStringIncludes(textOf(child), "Parent: DEMO-1 Login button does nothing on Safari");
    assertEquals((child.structuredContent as Structured).issue.parent?.key, "DEMO-1");

    sandbox.clearRequests();
    const bare = await session.call("get_issue_details", {
      issue_key: ` ${sandbox.url}/view/demo-1#comment-3 `,
      include_comments: false,
    });
    assert(!bare.isError, textOf(bare));
    assertStringIncludes(textOf(bare), "DEMO-1: Login button");
    assertStringIncludes(textOf(bare), "not requested");
    assertEquals(sandbox.requests.filter((r) => r.path.includes("comments")).length, 0);
    assertEquals(sandbox.requests[0].path, "/api/v2/issues/DEMO-1");
    assertEquals(sandbox.requests[0].auth, "header");
  });
});

Deno.test("details: Japanese issue in a custom status renders as sent", async () => {
  await withSession(async (session) => {
    const result = await session.call("get_issue_details", {
      issue_key: SEED.issues.jpnCustomStatus,
      timezone: "Asia/Tokyo",
    });
    assert(!result.isError, textOf(result));
    const s = result.structuredContent as Structured;
    assertMatch(String(s.issue.status), /[\u3040-\u30ff\u4e00-\u9fff]/, "a Japanese status name");
    assertNotIncludes(textOf(result), "undefined");
    assertNotIncludes(textOf(result), "[object Object]");
  });
});
