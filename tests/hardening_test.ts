/**
 * The smaller findings of issue 10 (point 9) at tool level: the true total
 * past the end of a list, list rows checked again against BACKLOG_PROJECTS,
 * one and the same refusal for "outside the allowlist" and "not found", and a
 * notification-only update refused with a sentence instead of dropped.
 */

import { assert, assertEquals, assertNotIncludes, assertStringIncludes } from "./assert.ts";
import { listOf, type Session, textOf, withSession } from "./harness.ts";
import { SEED } from "../src/tooling/sandbox/seed.ts";

const ALLOW = { BACKLOG_PROJECTS: "DEMO,PROJ" };

Deno.test("list: an offset past the end reports the true total, not the offset", async () => {
  await withSession(async (session) => {
    // limit 0 only counts: the total of a list is known without listing it.
    const all = await session.call("get_user_issue_list", { limit: 0 });
    const total = listOf(all).total ?? 0;
    assert(total > 1 && total < 1000, `seeded total ${total}`);
    for (const offset of [total, total + 34, 100_000]) {
      const past = await session.call("get_user_issue_list", { offset });
      assert(!past.isError, textOf(past));
      const s = listOf(past);
      assertEquals([s.total, s.count, s.next_offset], [total, 0, undefined], `offset ${offset}`);
      assertStringIncludes(textOf(past), `No issues at offset ${offset}: ${total} match in all`);
    }
  });
});

/** A fetch that drops the project filter from issue searches, as a misbehaving Backlog might. */
const projectFilterIgnored: typeof fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.pathname.startsWith("/api/v2/issues") && !/\/issues\/[^/]/.test(url.pathname)) {
    for (const key of [...url.searchParams.keys()]) {
      if (key.startsWith("projectId")) url.searchParams.delete(key);
    }
  }
  return fetch(url, init);
};

Deno.test("allowlist: list rows are checked again, even when Backlog answers outside the filter", async () => {
  await withSession(async (session, sandbox) => {
    const result = await session.call("get_user_issue_list", {
      assignee_ids: [],
      status_ids: [],
      limit: 1000,
    });
    assert(!result.isError, textOf(result));
    const search = sandbox.requests.find((r) => r.path === "/api/v2/issues")!;
    assertEquals(search.params.projectId, undefined, "the stand-in really saw no project filter");
    const rows = listOf(result).issues;
    assert(rows.length > 0);
    const outside = rows.filter((r) => !/^(DEMO|PROJ)-/.test(r.key)).map((r) => r.key);
    assertEquals(outside, [], "no row of another project");
    const jpn = sandbox.state.issues.find((i) => i.issueKey === SEED.issues.jpnCustomStatus)!;
    assertNotIncludes(textOf(result), jpn.summary);
    assertStringIncludes(textOf(result), "Backlog answered with issues outside BACKLOG_PROJECTS");
  }, { env: ALLOW, fetch: projectFilterIgnored });
});

/** The refusal `tool` gives for `args`, with the reference itself replaced by `<ref>`. */
async function refusal(
  session: Session,
  { tool, args }: { tool: string; args: Record<string, unknown> },
  ref: string | number,
): Promise<string> {
  const result = await session.call(tool, args);
  assertEquals(result.isError, true, `${tool} ${JSON.stringify(args)}: ${textOf(result)}`);
  return textOf(result).replaceAll(`"${ref}"`, "<ref>");
}

Deno.test("allowlist: a project or issue outside the list and one that does not exist get the same refusal", async () => {
  await withSession(async (session, sandbox) => {
    const jpnIssue = sandbox.state.issues.find((i) => i.issueKey === SEED.issues.jpnCustomStatus)!;
    // A JPN issue under a DEMO-looking key exists; DEMO-99999 does not.
    const renamed = sandbox.state.issues.find((i) =>
      i.projectId === SEED.projects.JPN.id && i !== jpnIssue
    )!;
    renamed.issueKey = "DEMO-900";
    type Case = [
      string,
      (ref: string | number) => Record<string, unknown>,
      string | number,
      string | number,
    ];
    const cases: Case[] = [
      ["get_project_metadata", (ref) => ({ project: ref }), "JPN", "NOPE"],
      ["get_project_metadata", (ref) => ({ project: ref }), SEED.projects.JPN.id, 99_999],
      ["get_project_metadata", (ref) => ({ project: ref }), "社内業務システム", "No such name"],
      ["get_user_issue_list", (ref) => ({ project_ids: [ref] }), "OPS", "ZZZ"],
      [
        "create_issue",
        (ref) => ({ project: ref, summary: "x", issue_type: "Task" }),
        "JPN",
        "NOPE",
      ],
      ["get_issue_details", (ref) => ({ issue_key: ref }), "JPN-1", "ZZZ-1"],
      ["get_issue_details", (ref) => ({ issue_key: ref }), "DEMO-900", "DEMO-99999"],
      ["get_issue_comments", (ref) => ({ issue_key: ref }), "DEMO-900", "DEMO-99999"],
      ["add_issue_comment", (ref) => ({ issue_key: ref, content: "hi" }), "DEMO-900", "DEMO-99999"],
      ["update_issue", (ref) => ({ issue_key: ref, priority: "Low" }), "DEMO-900", "DEMO-99999"],
      [
        "create_issue",
        (ref) => ({ project: "DEMO", summary: "x", issue_type: "Task", parent_issue: ref }),
        jpnIssue.id,
        99_999_999,
      ],
    ];
    for (const [tool, args, exists, missing] of cases) {
      const outside = await refusal(session, { tool, args: args(exists) }, exists);
      const absent = await refusal(session, { tool, args: args(missing) }, missing);
      assertEquals(outside, absent, `${tool}: ${exists} vs ${missing}`);
      assertStringIncludes(outside, "(BACKLOG_PROJECTS: DEMO, PROJ)");
    }
    assertEquals(sandbox.requests.filter((r) => r.method !== "GET"), [], "nothing was written");
  }, { env: ALLOW });
});

Deno.test("update_issue: notify_user_ids alone is refused with a sentence, nothing is sent", async () => {
  await withSession(async (session, sandbox) => {
    const key = SEED.issues.noComments;
    const priority = sandbox.state.issues.find((i) => i.issueKey === key)!.priorityId;
    for (
      const args of [
        { issue_key: key, notify_user_ids: ["hanako"] },
        { issue_key: key, notify_user_ids: ["hanako"], priority }, // already as asked
      ]
    ) {
      const result = await session.call("update_issue", args);
      assertEquals(result.isError, true, textOf(result));
      assertStringIncludes(textOf(result), "Invalid notify_user_ids");
      assertStringIncludes(textOf(result), "add a comment");
      assertStringIncludes(textOf(result), "Nothing was sent.");
    }
    assertEquals(sandbox.requests.filter((r) => r.method !== "GET"), []);
    // With a comment the notification goes out.
    const sent = await session.call("update_issue", {
      issue_key: key,
      notify_user_ids: ["hanako"],
      comment: "FYI",
    });
    assert(!sent.isError, textOf(sent));
    const patch = sandbox.requests.find((r) => r.method === "PATCH")!;
    assertEquals(patch.params.notifiedUserId, [String(SEED.users.hanako.id)]);
  });
});
