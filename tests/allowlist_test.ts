/**
 * BACKLOG_PROJECTS=DEMO,PROJ: every tool is tried against JPN (outside the
 * list). Each attempt is refused, names the allowed projects, and leaks none
 * of JPN's content, neither in the text nor in structured content; no write
 * reaches Backlog.
 */

import { assert, assertEquals, assertNotIncludes, assertStringIncludes } from "./assert.ts";
import { listOf, type Session, textOf, withSession } from "./harness.ts";
import { SEED } from "../src/tooling/sandbox/seed.ts";
import type { Sandbox } from "../src/tooling/sandbox/server.ts";

const ENV = { BACKLOG_PROJECTS: "DEMO, proj" };
const JPN_1 = SEED.issues.jpnCustomStatus;

/** Text that exists only in JPN: its name, JPN-1's summary, description and comments. */
function jpnSecrets(sandbox: Sandbox): string[] {
  const s = sandbox.state;
  const jpn = s.issues.find((i) => i.issueKey === JPN_1)!;
  const comments = s.comments.filter((c) => c.issueId === jpn.id).map((c) => c.content!);
  return [
    "社内業務システム",
    jpn.summary,
    jpn.description.slice(0, 20),
    ...comments,
    "レビュー待ち",
    // The attention seed's JPN traces: a watched issue's comment, a shared file, a wiki page.
    SEED.attention.watchedJpn,
    "社外秘",
    "来期予算案",
    "業務マニュアル",
  ];
}

/**
 * Calls `tool` and expects a refusal naming `parameter` and the allowed
 * projects, without structured content and without any of `secrets` (other
 * than what the caller itself sent).
 */
async function expectRefused(
  session: Session,
  { tool, args, parameter }: { tool: string; args: Record<string, unknown>; parameter: string },
  secrets: string[],
): Promise<void> {
  const label = `${tool} ${JSON.stringify(args)}`;
  const result = await session.call(tool, args);
  assertEquals(result.isError, true, label);
  assertEquals(result.structuredContent, undefined, `${label}: no structured content`);
  const text = textOf(result);
  assertStringIncludes(text, `Invalid ${parameter}`, label);
  assertStringIncludes(text, "(BACKLOG_PROJECTS: DEMO, PROJ)", label);
  const sent = JSON.stringify(args);
  for (const secret of secrets.filter((s) => !sent.includes(s))) {
    assertNotIncludes(text, secret, label);
  }
}

Deno.test("allowlist: every tool refuses JPN and shows nothing of it", async () => {
  await withSession(async (session, sandbox) => {
    const jpnId = SEED.projects.JPN.id;
    const jpnIssueId = sandbox.state.issues.find((i) => i.issueKey === JPN_1)!.id;
    const attempts: [string, Record<string, unknown>, string][] = [
      ["get_user_issue_list", { project_ids: ["JPN"] }, "project_ids"],
      ["get_user_issue_list", { project_ids: [jpnId] }, "project_ids"],
      ["get_user_issue_list", { project_ids: ["DEMO", "社内業務システム"] }, "project_ids"],
      ["get_issue_details", { issue_key: JPN_1 }, "issue_key"],
      ["get_issue_comments", { issue_key: JPN_1 }, "issue_key"],
      ["get_project_metadata", { project: "JPN" }, "project"],
      ["get_project_metadata", { project: jpnId }, "project"],
      ["add_issue_comment", { issue_key: JPN_1, content: "hi" }, "issue_key"],
      ["update_issue", { issue_key: JPN_1, status: "Closed" }, "issue_key"],
      ["create_issue", { project: "JPN", summary: "x", issue_type: "タスク" }, "project"],
      ["create_issue", {
        project: "DEMO",
        summary: "x",
        issue_type: "Task",
        parent_issue: jpnIssueId,
      }, "parent_issue"],
      ["get_attachment", { issue_key: JPN_1, file: "x.png" }, "issue_key"],
      ["set_watching", { issue_key: JPN_1, watch: true }, "issue_key"],
      ["count_issues", { group_by: "status", filters: { project_ids: ["JPN"] } }, "project_ids"],
    ];
    const secrets = jpnSecrets(sandbox);
    for (const [tool, args, parameter] of attempts) {
      await expectRefused(session, { tool, args, parameter }, secrets);
    }
    // Keys are refused by their prefix before any request about them is made.
    const touched = sandbox.requests.filter((r) => r.path.includes(JPN_1));
    assertEquals(touched, [], "no request names JPN-1");
    assertEquals(sandbox.requests.filter((r) => r.method !== "GET"), [], "no write was sent");
  }, { env: ENV });
});

Deno.test("allowlist: an issue whose key looks allowed but whose project is not is refused after fetching", async () => {
  await withSession(async (session, sandbox) => {
    // A JPN issue reachable under a DEMO-looking key (as after a project key rename).
    const secrets = jpnSecrets(sandbox);
    const jpn = sandbox.state.issues.find((i) => i.issueKey === JPN_1)!;
    jpn.issueKey = "DEMO-900";
    for (
      const [tool, args] of [
        ["get_issue_details", { issue_key: "DEMO-900" }],
        ["get_issue_comments", { issue_key: "DEMO-900" }],
        ["add_issue_comment", { issue_key: "DEMO-900", content: "hi" }],
        ["update_issue", { issue_key: "DEMO-900", status: "Closed" }],
        ["get_attachment", { issue_key: "DEMO-900", file: 1 }],
        ["set_watching", { issue_key: "DEMO-900", watch: true }],
      ] as const
    ) {
      await expectRefused(session, { tool, args, parameter: "issue_key" }, secrets);
    }
    assertEquals(sandbox.requests.filter((r) => r.method !== "GET"), []);
    assertEquals(jpn.statusId, SEED.statuses.jpnReviewWaiting, "not changed");
  }, { env: ENV });
});

Deno.test("allowlist: lists and discovery narrow to the allowed projects", async () => {
  await withSession(async (session, sandbox) => {
    const list = await session.call("get_user_issue_list", {
      assignee_ids: [],
      status_ids: [],
      limit: 1000,
    });
    assert(!list.isError, textOf(list));
    const search = sandbox.requests.find((r) => r.path === "/api/v2/issues")!;
    assertEquals(search.params.projectId.map(Number).sort(), [
      SEED.projects.DEMO.id,
      SEED.projects.PROJ.id,
    ]);
    const rows = listOf(list).issues;
    assert(rows.length > 0 && rows.every((r) => /^(DEMO|PROJ)-/.test(r.key)));
    assertStringIncludes(
      textOf(list),
      "only the projects allowed by BACKLOG_PROJECTS are searched",
    );

    const projects = await session.call("get_project_list", {});
    const keys = (projects.structuredContent as { projects: { key: string }[] }).projects.map((p) =>
      p.key
    );
    assertEquals(keys, ["DEMO", "PROJ"]);
    for (const secret of jpnSecrets(sandbox)) assertNotIncludes(textOf(projects), secret);

    // A JPN-only status name is unknown here; the valid names offered are DEMO's and PROJ's.
    const status = await session.call("get_user_issue_list", { status_ids: ["レビュー待ち"] });
    assertEquals(status.isError, true);
    assertStringIncludes(textOf(status), "in DEMO, PROJ");
    assertNotIncludes(textOf(status).split("Valid")[1], "レビュー待ち");

    // Allowed projects work as usual.
    const ok = await session.call("get_issue_details", { issue_key: "PROJ-1" });
    assert(!ok.isError, textOf(ok));
  }, { env: ENV });
});

Deno.test("allowlist: the attention tools narrow to the allowed projects and show nothing of JPN", async () => {
  await withSession(async (session, sandbox) => {
    const calls: [string, Record<string, unknown>][] = [
      ["get_notifications", { limit: 100 }],
      ["get_recent_changes", { since: "this_month", limit: 50 }],
      ["get_recent_changes", { since: "this_month", on: ["watched"], include_own: true }],
      ["get_activity_report", { since: "this_month" }],
      ["get_watched_issues", { limit: 100 }],
      ["count_issues", { group_by: "project", filters: { assignee_ids: [], status_ids: [] } }],
      ["count_issues", { group_by: "status" }],
    ];
    const secrets = jpnSecrets(sandbox);
    for (const [tool, args] of calls) {
      const result = await session.call(tool, args);
      assert(!result.isError, `${tool}: ${textOf(result)}`);
      const shown = textOf(result) + JSON.stringify(result.structuredContent);
      for (const secret of secrets) {
        assertNotIncludes(shown, secret, `${tool} ${JSON.stringify(args)}`);
      }
    }
    // A shared file of JPN linked to an allowed issue is refused too.
    const rich = sandbox.state.issues.find((i) => i.issueKey === SEED.issues.rich)!;
    sandbox.state.attention.issueSharedFiles[rich.id].push(9305);
    for (const file of [9305, "来期予算案.xlsx"]) {
      const args = { issue_key: SEED.issues.rich, file };
      await expectRefused(session, { tool: "get_attachment", args, parameter: "file" }, secrets);
    }
    const unknown = await session.call("get_attachment", {
      issue_key: SEED.issues.rich,
      file: "x",
    });
    assertStringIncludes(textOf(unknown), "Valid file names: screenshot.png");
    assertNotIncludes(textOf(unknown), "来期予算案");
    assertEquals(sandbox.requests.filter((r) => r.path.includes("/files/9305")), []);
  }, { env: ENV, now: () => new Date(SEED.attention.now) });
});

Deno.test("allowlist: keys the user cannot see are pointed out", async () => {
  await withSession(async (session) => {
    const result = await session.call("get_project_list", {});
    const s = result.structuredContent as { projects: { key: string }[]; notes: string[] };
    assertEquals(s.projects.map((p) => p.key), ["DEMO"]);
    assertStringIncludes(s.notes.join(" "), "BACKLOG_PROJECTS names OPS, NOPE");
  }, { env: { BACKLOG_PROJECTS: "DEMO,OPS,NOPE" } });
});

Deno.test("allowlist: outside the list and not found get one refusal, tool by tool", async () => {
  await withSession(async (session, sandbox) => {
    const jpn = sandbox.state.issues.filter((i) => i.projectId === SEED.projects.JPN.id);
    // JPN-1 reachable under a DEMO-looking key, as after a project key rename.
    const renamed = jpn.find((i) => i.issueKey === JPN_1)!;
    renamed.issueKey = "DEMO-900";
    const outside = jpn.find((i) => i !== renamed)!;
    const missingId = Math.max(...sandbox.state.issues.map((i) => i.id)) + 1000;
    /** The refusal `tool` gives `args(ref)`, with `ref` itself blanked out. */
    const refusal = async (
      tool: string,
      args: (ref: string | number) => object,
      ref: string | number,
    ) => {
      const result = await session.call(tool, args(ref) as Record<string, unknown>);
      const label = `${tool} ${JSON.stringify(args(ref))}`;
      assertEquals(result.isError, true, label);
      assertEquals(result.structuredContent, undefined, label);
      return textOf(result).replaceAll(String(ref), "<ref>");
    };
    const issueKey = (key: string | number) => ({ issue_key: key });
    // Every tool that takes an issue or a project: an allowed-looking issue of another project,
    // one of a project outside the list, one that does not exist and one of no project at all
    // are refused alike, so the refusal cannot tell them apart.
    const cases: [string, (ref: string | number) => object, (string | number)[]][] = [
      ["get_issue_details", issueKey, [outside.issueKey, "DEMO-900", "DEMO-99999", "NOPE-1"]],
      ["get_issue_comments", issueKey, [outside.issueKey, "DEMO-900", "DEMO-99999", "NOPE-1"]],
      ["get_attachment", (k) => ({ issue_key: k, file: 1 }), [
        outside.issueKey,
        "DEMO-900",
        "DEMO-99999",
        "NOPE-1",
      ]],
      ["set_watching", (k) => ({ issue_key: k, watch: true }), [
        outside.issueKey,
        "DEMO-900",
        "DEMO-99999",
        "NOPE-1",
      ]],
      ["add_issue_comment", (k) => ({ issue_key: k, content: "hi" }), [
        outside.issueKey,
        "DEMO-900",
        "DEMO-99999",
        "NOPE-1",
      ]],
      ["update_issue", (k) => ({ issue_key: k, status: "Closed" }), [
        outside.issueKey,
        "DEMO-900",
        "DEMO-99999",
        "NOPE-1",
      ]],
      ["create_issue", (p) => ({ project: p, summary: "x", issue_type: "Task" }), [
        "JPN",
        SEED.projects.JPN.id,
        "NOPE",
        999_999,
      ]],
      ["create_issue", (id) => ({
        project: "DEMO",
        summary: "x",
        issue_type: "Task",
        parent_issue: id,
      }), [outside.id, renamed.id, missingId]],
      ["get_project_metadata", (p) => ({ project: p }), ["JPN", SEED.projects.JPN.id, "NOPE"]],
      ["get_user_issue_list", (p) => ({ project_ids: [p] }), ["JPN", "社内業務システム", "NOPE"]],
      ["count_issues", (p) => ({ group_by: "status", filters: { project_ids: [p] } }), [
        "JPN",
        "NOPE",
      ]],
    ];
    for (const [tool, args, refs] of cases) {
      const texts = await Promise.all(refs.map((ref) => refusal(tool, args, ref)));
      assertStringIncludes(texts[0], "(BACKLOG_PROJECTS: DEMO, PROJ)", tool);
      for (const [i, text] of texts.entries()) {
        assertEquals(text, texts[0], `${tool}: ${refs[i]} is refused as ${refs[0]} is`);
      }
    }
    assertEquals(sandbox.requests.filter((r) => r.method !== "GET"), [], "no write was sent");
  }, { env: ENV });
});
