/**
 * People by the names a person uses: `"me"`, a login id (`hanako`) or a
 * display name (`Hanako Suzuki`, `佐藤 健二`), matched without regard to case
 * against the members of the projects in question. A name that fits two
 * people (one's login is the other's display name, or two share a name) is
 * refused with both shown.
 *
 * @module
 */

import type { User } from "../backlog/types.ts";
import { ToolInputError } from "../shared/input_error.ts";
import { listNames } from "../render/text.ts";
import { ambiguousName, asId, type Candidate, matchName, unknownName } from "./match.ts";
import type { Resolved } from "./per_project.ts";

/** The word for the API key's user. */
export const ME = "me";

/** "me": the configured USER_ID or the key's owner, with a name when known. */
export interface Me {
  id: number;
  name?: string;
}

/** `Hanako Suzuki (hanako, 5002)`. */
export function describeUser(user: User): string {
  return user.userId ? `${user.name} (${user.userId}, ${user.id})` : `${user.name} (${user.id})`;
}

function candidates(users: readonly User[]): Candidate<User>[] {
  return users.map((u) => ({ item: u, names: u.userId ? [u.userId, u.name] : [u.name] }));
}

/** Where user references are looked up. */
export interface UserLookup {
  /** The members in question. */
  users: readonly User[];
  me: Me;
  /** The parameter a refusal names. */
  parameter: string;
  /** ` among the members of DEMO`: where the name was looked up. */
  where?: string;
}

const USER_HINT = ' Use "me", a login id, a display name or a numeric user id.';

/** Resolves one reference to a user id; numeric ids are kept as given. */
function resolveOne(
  ref: number | string,
  lookup: UserLookup,
): { id: number; label: string; user?: User } {
  const { users, me, parameter, where = "" } = lookup;
  const id = asId(ref);
  if (id !== undefined) return { id, label: String(id), user: users.find((u) => u.id === id) };
  const text = String(ref).trim();
  if (text.toLowerCase() === ME) {
    const user = users.find((u) => u.id === me.id);
    const name = user?.name ?? me.name;
    return { id: me.id, label: `me (${name ? `${name}, ` : ""}user id ${me.id})`, user };
  }
  const matches = matchName(text, candidates(users));
  if (matches.length > 1) {
    throw ambiguousName({ parameter, what: "user", where }, text, matches.map(describeUser));
  }
  if (matches.length === 0) {
    throw unknownName(
      { parameter, what: "user", where, hint: USER_HINT },
      text,
      users.map((u) => u.userId ? `${u.name} (${u.userId})` : u.name),
    );
  }
  return { id: matches[0].id, label: describeUser(matches[0]), user: matches[0] };
}

/** User ids or names (among `users`, the members in question) → ids. */
export function resolveUsers(refs: readonly (number | string)[], lookup: UserLookup): Resolved {
  const ids = new Set<number>();
  const labels: string[] = [];
  for (const ref of refs) {
    const one = resolveOne(ref, lookup);
    ids.add(one.id);
    labels.push(one.label);
  }
  return { ids: [...ids], labels };
}

/**
 * One user for a write (assignee, notified user): must be one of `users` (the
 * project's members), ids included, because Backlog refuses anyone else.
 */
export function resolveMember(
  ref: number | string,
  lookup: UserLookup & { projectKey: string },
): User {
  const { users, parameter, projectKey } = lookup;
  const one = resolveOne(ref, { ...lookup, where: ` among the members of ${projectKey}` });
  if (one.user) return one.user;
  const who = String(ref).trim().toLowerCase() === ME ? `you (user ${one.id})` : `user ${one.id}`;
  throw new ToolInputError(
    parameter,
    `${who} is not a member of ${projectKey}. Members: ${listNames(users.map(describeUser))}.`,
  );
}
