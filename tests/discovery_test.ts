/**
 * The discovery tools: get_myself, get_project_list, get_project_metadata.
 * Expectations are computed from the stand-in's data, not copied from output.
 */

import { assert, assertEquals, assertStringIncludes } from "./assert.ts";
import { textOf, withSession } from "./harness.ts";
import { SEED } from "../src/tooling/sandbox/seed.ts";
import type { MyselfView } from "../src/render/user.ts";
import type { ProjectMetadata, ProjectView } from "../src/render/project.ts";

Deno.test("get_myself: the key's owner is the 'me' of the other tools", async () => {
  await withSession(async (session) => {
    const result = await session.call("get_myself", {});
    assert(!result.isError, textOf(result));
    const me = result.structuredContent as MyselfView;
    assertEquals(me, {
      id: SEED.me.id,
      user_id: SEED.me.userId,
      name: SEED.me.name,
      me_id: SEED.me.id,
      me_source: "api_key",
      read_only: false,
    });
    assertStringIncludes(textOf(result), "Taro Yamada (login taro, user id 5001)");
  });
});

Deno.test("get_myself: USER_ID overrides 'me', and the settings are reported", async () => {
  await withSession(async (session) => {
    const me = (await session.call("get_myself", {})).structuredContent as MyselfView;
    assertEquals([me.id, me.me_id, me.me_source], [SEED.me.id, SEED.users.hanako.id, "USER_ID"]);
    assertEquals(me.read_only, true);
    assertEquals(me.allowed_projects, ["DEMO", "PROJ"]);
  }, {
    env: {
      USER_ID: String(SEED.users.hanako.id),
      BACKLOG_READ_ONLY: "yes",
      BACKLOG_PROJECTS: "demo,proj",
    },
  });
});

Deno.test("get_project_list: joined projects with their archived flag", async () => {
  await withSession(async (session, sandbox) => {
    const result = await session.call("get_project_list", {});
    assert(!result.isError, textOf(result));
    const { projects } = result.structuredContent as { projects: ProjectView[] };
    const joined = sandbox.state.projects.filter((p) =>
      sandbox.state.projectMembers[p.id].includes(SEED.me.id)
    );
    assertEquals(
      projects,
      joined.map((p) => ({ id: p.id, key: p.projectKey, name: p.name, archived: p.archived })),
    );
    assert(!projects.some((p) => p.key === "OPS"), "OPS is not joined");
    assertStringIncludes(textOf(result), "OLD | Legacy Billing (archived) | id 104 | archived");

    const active = await session.call("get_project_list", { include_archived: false });
    const keys = (active.structuredContent as { projects: ProjectView[] }).projects.map((p) =>
      p.key
    );
    assertEquals(keys, ["DEMO", "PROJ", "JPN"]);
    assertStringIncludes(textOf(active), "1 archived project not shown");
  });
});

Deno.test("get_project_metadata: everything needed to fill the other tools, by key or id", async () => {
  await withSession(async (session, sandbox) => {
    const result = await session.call("get_project_metadata", { project: "demo" });
    assert(!result.isError, textOf(result));
    const m = result.structuredContent as ProjectMetadata;
    const s = sandbox.state;
    const demo = SEED.projects.DEMO.id;
    assertEquals(m.project, { id: demo, key: "DEMO", name: "Demo Web App", archived: false });
    assertEquals(
      m.statuses.map((x) => [x.id, x.name, x.closed]),
      s.statuses.filter((x) => x.projectId === demo).sort((a, b) => a.displayOrder - b.displayOrder)
        .map((x) => [x.id, x.name, x.id === 4]),
    );
    assertEquals(m.issue_types.map((t) => t.name), ["Bug", "Task", "Request", "Other"]);
    assertEquals(m.priorities, s.priorities);
    assertEquals(m.resolutions, s.resolutions);
    assertEquals(
      m.categories.map((c) => c.id),
      s.categories.filter((c) => c.projectId === demo).map((c) => c.id),
    );
    const v1 = m.milestones.find((v) => v.id === SEED.milestones.demoV1Archived)!;
    assertEquals(v1, {
      id: 4101,
      name: "v1.0.0",
      start_date: "2026-01-05",
      due_date: "2026-02-27",
      archived: true,
    });
    const backlog = m.milestones.find((v) => v.name === "Backlog")!;
    assertEquals([backlog.start_date, backlog.due_date, backlog.archived], [
      undefined,
      undefined,
      false,
    ]);
    assertEquals(
      m.members.map((u) => u.id).sort(),
      [...s.projectMembers[demo]].sort(),
    );
    const text = textOf(result);
    assertStringIncludes(text, "Closed (4, closed)");
    assertStringIncludes(text, "Waiting for review (101)");
    assertStringIncludes(text, "- v1.0.0 (4101): 2026-01-05 → 2026-02-27, archived");
    assertStringIncludes(text, "Hanako Suzuki (hanako, 5002)");

    const jpn = await session.call("get_project_metadata", { project: SEED.projects.JPN.id });
    const jm = jpn.structuredContent as ProjectMetadata;
    assertEquals(jm.statuses.find((x) => x.closed)?.name, "完了");
    assert(jm.statuses.some((x) => x.name === "レビュー待ち"));
  });
});

Deno.test("get_project_metadata: an unknown or unjoined project is refused with the usable ones", async () => {
  await withSession(async (session) => {
    for (const project of ["NOPE", "OPS", 999]) {
      const result = await session.call("get_project_metadata", { project });
      assertEquals(result.isError, true, String(project));
      assertStringIncludes(textOf(result), "Invalid project");
      assertStringIncludes(textOf(result), "Projects you can use: DEMO (Demo Web App, 101)");
    }
  });
});
