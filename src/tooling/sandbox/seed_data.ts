/**
 * Static seed tables: space, users, projects and memberships. Per-project lookup lists are in
 * `seed_lookups.ts`; issues and comments come from `seed_fixtures.ts` and `seed_issues.ts`.
 *
 * @module
 */
import type { Project, Space, User } from "./types.ts";

/** User ids. */
export const U = { taro: 5001, hanako: 5002, kenji: 5003, john: 5004, maria: 5005, guest: 5006 };
/** Project ids. */
export const P = { DEMO: 101, PROJ: 102, JPN: 103, OLD: 104, OPS: 105 };

/** Builds the user list. `keyword` mirrors what third-party captures show (backlog-api.md §3.1). */
export function seedUsers(): User[] {
  const mk = ({ id, userId, name, roleType, lang, nulabId, mail, lastLogin }: {
    id: number;
    userId: string | null;
    name: string;
    roleType: number;
    lang: "ja" | "en" | null;
    nulabId: string | null;
    mail: string;
    lastLogin: string | null;
  }): User => ({
    id,
    userId,
    name,
    roleType,
    lang,
    nulabAccount: nulabId ? { nulabId, name, uniqueId: userId ?? nulabId.slice(0, 8) } : null,
    mailAddress: mail,
    lastLoginTime: lastLogin,
    keyword: `${name} ${name}`,
  });
  return [
    mk({
      id: U.taro,
      userId: "taro",
      name: "Taro Yamada",
      roleType: 1,
      lang: "ja",
      nulabId: "Prm9ZD9DQD5snNWcSYSwZiQoA9WFBUEa2ySznrSnSQRhdC2X8G",
      mail: "taro@example.com",
      lastLogin: "2026-11-21T08:12:44Z",
    }),
    mk({
      id: U.hanako,
      userId: "hanako",
      name: "Hanako Suzuki",
      roleType: 2,
      lang: "en",
      nulabId: "Zk3pQ8nR1sT5vW7xY9aB2cD4eF6gH8iJ0kL2mN4oP6qR8sT0uV",
      mail: "hanako@example.com",
      lastLogin: "2026-11-20T07:58:02Z",
    }),
    mk({
      id: U.kenji,
      userId: "kenji",
      name: "佐藤 健二",
      roleType: 2,
      lang: "ja",
      nulabId: null,
      mail: "kenji.sato@example.jp",
      lastLogin: "2026-11-19T23:41:10Z",
    }),
    mk({
      id: U.john,
      userId: "jsmith",
      name: "John Smith",
      roleType: 2,
      lang: "en",
      nulabId: "Jq7Wm2Xc9Vb4Nn6Ll8Kk0Hh1Gg3Ff5Dd7Ss9Aa2Zz4Yy6Tt8R",
      mail: "john.smith@example.com",
      lastLogin: "2026-11-18T16:05:37Z",
    }),
    // Logs in only with a Nulab account: userId looks like "*RaTnwT3lk0" (backlog-api.md §3.1).
    mk({
      id: U.maria,
      userId: "*RaTnwT3lk0",
      name: "Maria Garcia",
      roleType: 2,
      lang: null,
      nulabId: "RaTnwT3lk0Qe8Uy1Io4Pa7Sd0Fg3Hj6Kl9Zx2Cv5Bn8Mq1We",
      mail: "maria.garcia@example.com",
      lastLogin: "2026-10-02T10:15:00Z",
    }),
    mk({
      id: U.guest,
      userId: "acme-guest",
      name: "Guest Partner (Acme)",
      roleType: 5,
      lang: "en",
      nulabId: null,
      mail: "partner@acme.example",
      lastLogin: null,
    }),
  ];
}

/** The sandbox space. */
export function seedSpace(): Space {
  return {
    spaceKey: "sandbox",
    name: "Sandbox Inc.",
    ownerId: U.taro,
    lang: "en",
    timezone: "Asia/Tokyo",
    reportSendTime: "08:00:00",
    textFormattingRule: "markdown",
    created: "2025-04-01T00:00:00Z",
    updated: "2026-06-01T03:00:00Z",
  };
}

function project(id: number, key: string, name: string, extra: Partial<Project> = {}): Project {
  return {
    id,
    projectKey: key,
    name,
    chartEnabled: true,
    useResolvedForChart: true,
    subtaskingEnabled: true,
    projectLeaderCanEditProjectLeader: false,
    useWiki: true,
    useDocument: false,
    useFileSharing: false,
    useWikiTreeView: true,
    useSubversion: false,
    useGit: true,
    useOriginalImageSizeAtWiki: false,
    textFormattingRule: "markdown",
    archived: false,
    displayOrder: 2147483646,
    useDevAttributes: true,
    grandchildIssueEnabled: false,
    ...extra,
  };
}

/** Projects: DEMO, PROJ, JPN, archived OLD, and OPS (which "me" has not joined). */
export function seedProjects(): Project[] {
  return [
    project(P.DEMO, "DEMO", "Demo Web App", { useFileSharing: true }),
    project(P.PROJ, "PROJ", "Customer Portal", { grandchildIssueEnabled: true, displayOrder: 0 }),
    project(P.JPN, "JPN", "社内業務システム", { textFormattingRule: "backlog", useGit: false }),
    project(P.OLD, "OLD", "Legacy Billing (archived)", { archived: true, chartEnabled: false }),
    project(P.OPS, "OPS", "Operations", { subtaskingEnabled: false }),
  ];
}

/** Project members. "me" (taro) is not a member of OPS. */
export function seedMembers(): Record<number, number[]> {
  return {
    [P.DEMO]: [U.taro, U.hanako, U.kenji, U.john],
    [P.PROJ]: [U.taro, U.hanako, U.kenji, U.john, U.maria, U.guest],
    [P.JPN]: [U.taro, U.hanako, U.kenji],
    [P.OLD]: [U.taro, U.hanako, U.john],
    [P.OPS]: [U.hanako, U.john, U.maria],
  };
}
