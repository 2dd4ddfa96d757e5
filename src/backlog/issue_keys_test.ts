import { assertEquals } from "../../tests/assert.ts";
import { commentUrl, issueKeyInUrl, issueUrl, projectKeyOf, projectUrl } from "./issue_keys.ts";

Deno.test("issue keys: the project of a key, and the key in a pasted address", () => {
  assertEquals(projectKeyOf("MY_APP2-15"), "MY_APP2");
  assertEquals(projectKeyOf("A-B-3"), "A-B");
  assertEquals(projectKeyOf("nohyphen"), "");
  assertEquals(issueKeyInUrl("https://s.backlog.com/view/PROJ-12#comment-5"), "PROJ-12");
  assertEquals(issueKeyInUrl("see https://s.backlog.jp/view/my_app-3?x=1"), "my_app-3");
  assertEquals(issueKeyInUrl("PROJ-12"), undefined);
  assertEquals(issueKeyInUrl("https://s.backlog.com/projects/PROJ"), undefined);
});

Deno.test("issue keys: the pages of an issue, a comment and a project", () => {
  const space = "https://s.backlog.com";
  assertEquals(issueUrl(space, "PROJ-12"), "https://s.backlog.com/view/PROJ-12");
  assertEquals(
    commentUrl(issueUrl(space, "PROJ-12"), 5),
    "https://s.backlog.com/view/PROJ-12#comment-5",
  );
  assertEquals(projectUrl(space, "PROJ"), "https://s.backlog.com/projects/PROJ");
});
