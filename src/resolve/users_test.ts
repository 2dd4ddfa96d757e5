import { assertEquals, assertStringIncludes, assertThrows } from "../../tests/assert.ts";
import type { User } from "../backlog/types.ts";
import { ToolInputError } from "../shared/input_error.ts";
import { resolveMember, resolveUsers } from "./users.ts";

const USERS: User[] = [
  { id: 5001, userId: "taro", name: "Taro Yamada" },
  { id: 5002, userId: "hanako", name: "Hanako Suzuki" },
  { id: 5003, userId: "kenji", name: "佐藤 健二" },
  { id: 5005, userId: "*RaTnwT3lk0", name: "Maria Garcia" },
  { id: 5007, userId: null, name: "No Login" },
];
const ME = { id: 5001, name: "Taro Yamada" };

Deno.test("users: me, login ids and display names, any case; ids kept", () => {
  const r = resolveUsers(
    ["me", "HANAKO", "taro yamada", "佐藤健二", "*ratnwt3lk0", "no login", 9999],
    { users: USERS, me: ME, parameter: "assignee_ids" },
  );
  assertEquals(r.ids, [5001, 5002, 5003, 5005, 5007, 9999]);
  assertEquals(r.labels[0], "me (Taro Yamada, user id 5001)");
  assertEquals(r.labels[1], "Hanako Suzuki (hanako, 5002)");
});

Deno.test("users: me with USER_ID and no member list needs no lookup", () => {
  const r = resolveUsers(["Me"], { users: [], me: { id: 77 }, parameter: "assignee_ids" });
  assertEquals(r.ids, [77]);
  assertEquals(r.labels, ["me (user id 77)"]);
});

Deno.test("users: a name that is one user's login and another's display name is refused", () => {
  const users = [...USERS, { id: 5008, userId: "hs", name: "hanako" }];
  const error = assertThrows(
    () =>
      resolveUsers(["hanako"], {
        users,
        me: ME,
        parameter: "assignee_ids",
        where: " among the members of DEMO",
      }),
    ToolInputError,
  );
  assertStringIncludes(error.message, "matches more than one user among the members of DEMO");
  assertStringIncludes(error.message, "Hanako Suzuki (hanako, 5002)");
  assertStringIncludes(error.message, "hanako (hs, 5008)");
});

Deno.test("users: an unknown name lists the members and what is accepted", () => {
  const error = assertThrows(
    () => resolveUsers(["Jiro"], { users: USERS, me: ME, parameter: "assignee_ids" }),
    ToolInputError,
  );
  assertStringIncludes(error.message, 'no user named "Jiro"');
  assertStringIncludes(error.message, "Hanako Suzuki (hanako)");
  assertStringIncludes(error.message, '"me"');
});

Deno.test("resolveMember: must be a project member, ids included", () => {
  assertEquals(
    resolveMember("kenji", { users: USERS, me: ME, parameter: "assignee", projectKey: "DEMO" }).id,
    5003,
  );
  assertEquals(
    resolveMember(5002, { users: USERS, me: ME, parameter: "assignee", projectKey: "DEMO" }).name,
    "Hanako Suzuki",
  );
  const stranger = assertThrows(
    () => resolveMember(6000, { users: USERS, me: ME, parameter: "assignee", projectKey: "DEMO" }),
    ToolInputError,
  );
  assertStringIncludes(stranger.message, "user 6000 is not a member of DEMO");
  const notMe = assertThrows(
    () =>
      resolveMember("me", {
        users: USERS.slice(1),
        me: ME,
        parameter: "assignee",
        projectKey: "OPS",
      }),
    ToolInputError,
  );
  assertStringIncludes(notMe.message, "you (user 5001) is not a member of OPS");
});
