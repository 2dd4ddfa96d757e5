import { assert, assertEquals, assertStringIncludes, assertThrows } from "../../tests/assert.ts";
import type { Issue, Project } from "../backlog/types.ts";
import { ToolInputError } from "../shared/input_error.ts";
import { resolveProject, resolveProjects } from "./projects.ts";
import { ProjectScope } from "./scope.ts";

const p = (id: number, key: string, name: string): Project => ({
  id,
  projectKey: key,
  name,
  archived: false,
});
const VISIBLE = [
  p(101, "DEMO", "Demo Web App"),
  p(102, "PROJ", "Customer Portal"),
  p(103, "JPN", "社内業務システム"),
  { ...p(104, "OLD", "Legacy"), archived: true },
];
const OPEN = new ProjectScope();
const LIMITED = new ProjectScope(["PROJ", "DEMO"]);
const IN_OPEN = { visible: VISIBLE, scope: OPEN, parameter: "project" };

Deno.test("projects: by id, key in any case, digit string or exact name", () => {
  assertEquals(resolveProject(102, IN_OPEN).projectKey, "PROJ");
  assertEquals(resolveProject("proj", IN_OPEN).projectKey, "PROJ");
  assertEquals(resolveProject("103", IN_OPEN).projectKey, "JPN");
  assertEquals(resolveProject("社内業務システム", IN_OPEN).projectKey, "JPN");
  assertEquals(resolveProject("customer portal", IN_OPEN).id, 102);
  const both = resolveProjects(["DEMO", 101, "PROJ"], {
    visible: VISIBLE,
    scope: OPEN,
    parameter: "project_ids",
  });
  assertEquals(both.map((x) => x.projectKey), ["DEMO", "PROJ"]);
});

Deno.test("projects: an unknown one lists only the usable projects", () => {
  const error = assertThrows(
    () => resolveProject("NOPE", { visible: VISIBLE, scope: OPEN, parameter: "p" }),
    ToolInputError,
  );
  assertStringIncludes(error.message, '"NOPE" is not a project this API key can see');
  const limited = [VISIBLE[0], VISIBLE[1]];
  const narrow = assertThrows(
    () => resolveProject("NOPE", { visible: limited, scope: OPEN, parameter: "p" }),
    ToolInputError,
  );
  assertStringIncludes(narrow.message, "DEMO (Demo Web App, 101), PROJ (Customer Portal, 102)");
});

Deno.test("projects: outside the allowlist and unknown get one refusal, naming the allowed ones", () => {
  const refusal = (ref: string | number) => {
    const error = assertThrows(
      () => resolveProject(ref, { visible: VISIBLE, scope: LIMITED, parameter: "project_ids" }),
      ToolInputError,
    );
    assertEquals(error.parameter, "project_ids");
    assertStringIncludes(error.message, "is not among the projects this server may use");
    assertStringIncludes(error.message, "(BACKLOG_PROJECTS: PROJ, DEMO)");
    assertEquals(error.message.includes("Customer Portal"), false, "no project is listed");
    return error.message.replace(`"${ref}"`, "<ref>");
  };
  for (const [outside, unknown] of [["JPN", "NOPE"], [103, 999], ["社内業務システム", "No name"]]) {
    assertEquals(refusal(outside), refusal(unknown));
  }
});

Deno.test("scope: keys and lists", () => {
  assert(!OPEN.restricted && LIMITED.restricted);
  assert(LIMITED.allowsKey("demo"));
  assert(!LIMITED.allowsKey("JPN"));
  assertEquals(LIMITED.filter(VISIBLE).map((x) => x.projectKey), ["DEMO", "PROJ"]);
  assertEquals(OPEN.filter(VISIBLE).length, 4);
  LIMITED.checkIssueKey("PROJ-12", "issue_key");
  OPEN.checkIssueKey("JPN-1", "issue_key");
  const error = assertThrows(() => LIMITED.checkIssueKey("JPN-1", "issue_key"), ToolInputError);
  assertStringIncludes(error.message, '"JPN-1" is not among the issues this server may use');
  // PROJ_2 is another project than PROJ.
  assertThrows(() => LIMITED.checkIssueKey("PROJ_2-5", "issue_key"), ToolInputError);
});

Deno.test("scope: a fetched issue is judged by its project id, not only its key", () => {
  const issue = (projectId: number, issueKey: string) =>
    ({ id: 1, projectId, issueKey, summary: "secret", created: "" }) as Issue;
  LIMITED.checkIssue(issue(101, "DEMO-1"), VISIBLE, { parameter: "issue_key", ref: "DEMO-1" });
  // Key prefix allowed, project not (a renamed key, or a stale one): refused.
  const error = assertThrows(
    () =>
      LIMITED.checkIssue(issue(103, "DEMO-900"), VISIBLE, {
        parameter: "issue_key",
        ref: "DEMO-900",
      }),
    ToolInputError,
  );
  assertStringIncludes(error.message, 'issue "DEMO-900" is not among the issues');
  assertEquals(error.message.includes("secret"), false);
  assertEquals(error.message.includes("JPN"), false, "the real project is not named");
  // A project the key cannot list at all is refused too.
  assertThrows(
    () =>
      LIMITED.checkIssue(issue(999, "PROJ-3"), VISIBLE, { parameter: "parent_issue", ref: "55" }),
    ToolInputError,
  );
  OPEN.checkIssue(issue(999, "X-1"), VISIBLE, { parameter: "issue_key", ref: "X-1" });
});
