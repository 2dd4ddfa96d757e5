/**
 * The seed's shared files and non-issue activities (part of
 * `seed_attention.ts`): files linked to issues, and a week of wiki, file,
 * Git, pull-request, member, milestone and team activities.
 *
 * @module
 */
import { at } from "./seed_draft.ts";
import { P, U } from "./seed_data.ts";
import { png } from "./file_bytes.ts";
import type { IssueRecord, SandboxState } from "./types.ts";
import type { ActivityRecord, AttentionState, SharedFileRecord } from "./types_attention.ts";

const enc = new TextEncoder();

/** Shared files, some linked to DEMO-1 and one (of JPN) to a JPN issue. */
export function seedFiles(
  attention: AttentionState,
  rich: IssueRecord,
  jpnIssue: IssueRecord,
): void {
  /** A file in `dir` added (and last changed) by `userId` at `iso`. */
  const file = (f: {
    id: number;
    projectId: number;
    dir: string;
    name: string;
    size: number;
    userId: number;
    iso: string;
  }): SharedFileRecord => ({
    id: f.id,
    projectId: f.projectId,
    type: "file",
    dir: f.dir,
    name: f.name,
    size: f.size,
    createdUserId: f.userId,
    created: at(f.iso),
    updatedUserId: f.userId,
    updated: at(f.iso),
  });
  const wireframe = png(48, 32);
  attention.contents["file:9301"] = wireframe;
  const notes = enc.encode("# Safari login\n\n- CSP blocks the inline handler\n- fix: nonce\n");
  attention.contents["file:9302"] = notes;
  attention.sharedFiles = [
    file({
      id: 9301,
      projectId: P.DEMO,
      dir: "/design/",
      name: "login-wireframe.png",
      size: wireframe.length,
      userId: U.hanako,
      iso: "2026-03-01T02:00:00Z",
    }),
    file({
      id: 9302,
      projectId: P.DEMO,
      dir: "/notes/",
      name: "safari-login.md",
      size: notes.length,
      userId: U.taro,
      iso: "2026-03-09T03:00:00Z",
    }),
    file({
      id: 9303,
      projectId: P.DEMO,
      dir: "/specs/",
      name: "auth-flow.pdf",
      size: 182_044,
      userId: U.john,
      iso: "2026-02-20T05:00:00Z",
    }),
    {
      ...file({
        id: 9304,
        projectId: P.DEMO,
        dir: "/",
        name: "design",
        size: 0,
        userId: U.hanako,
        iso: "2026-01-10T00:00:00Z",
      }),
      type: "directory",
    },
    file({
      id: 9305,
      projectId: P.JPN,
      dir: "/予算/",
      name: "来期予算案.xlsx",
      size: 48_000,
      userId: U.kenji,
      iso: "2026-11-21T05:35:00Z",
    }),
  ];
  attention.issueSharedFiles = { [rich.id]: [9301, 9302, 9303], [jpnIssue.id]: [9305] };
}

/** One of every non-issue activity type, mostly by "me" this week (Mon 2026-11-16 on). */
export function seedActivities(state: SandboxState): ActivityRecord[] {
  const mineOpen = state.issues
    .filter((i) => i.projectId === P.PROJ && i.assigneeId === U.taro && i.statusId === 1)
    .slice(0, 3);
  const a = (
    type: number,
    projectId: number,
    userId: number,
    iso: string,
    content: Record<string, unknown>,
  ): ActivityRecord => ({ type, projectId, createdUserId: userId, created: at(iso), content });
  const users = (id: number) => state.users.find((u) => u.id === id)!;
  const repo = { id: 801, name: "portal-web", description: "Customer portal front end" };
  const pr = (number: number, summary: string, extra: Record<string, unknown> = {}) => ({
    id: 600 + number,
    number,
    summary,
    description: "",
    comment: null,
    changes: [],
    issue: null,
    repository: repo,
    ...extra,
  });
  const wiki = (id: number, name: string) => ({
    id,
    name,
    content: "",
    diff: "",
    version: 2,
    attachments: [],
    shared_files: [],
  });
  return [
    a(5, P.DEMO, U.taro, "2026-11-16T01:00:00Z", wiki(51, "Release notes 1.4")),
    a(6, P.DEMO, U.taro, "2026-11-17T02:00:00Z", wiki(52, "Setup guide")),
    a(6, P.DEMO, U.taro, "2026-11-19T02:30:00Z", wiki(52, "Setup guide")),
    a(7, P.PROJ, U.taro, "2026-11-18T03:00:00Z", wiki(53, "Old FAQ")),
    a(6, P.JPN, U.taro, "2026-11-18T04:00:00Z", wiki(54, "業務マニュアル（社外秘）")),
    a(8, P.PROJ, U.taro, "2026-11-17T05:00:00Z", {
      id: 9401,
      dir: "/design/",
      name: "checkout-v3.png",
      size: 120_400,
    }),
    a(9, P.PROJ, U.taro, "2026-11-18T05:00:00Z", {
      id: 9401,
      dir: "/design/",
      name: "checkout-v3.png",
      size: 121_020,
    }),
    a(10, P.PROJ, U.taro, "2026-11-19T05:00:00Z", {
      id: 9402,
      dir: "/design/",
      name: "checkout-v2.png",
      size: 98_000,
    }),
    a(11, P.PROJ, U.taro, "2026-11-17T06:00:00Z", { rev: 1234, comment: "Import legacy CSS" }),
    a(12, P.PROJ, U.taro, "2026-11-18T07:00:00Z", {
      repository: repo,
      change_type: "update",
      revision_type: "commit",
      ref: "refs/heads/feature/export-retry",
      revision_count: 3,
      revisions: [{ rev: "9f2c1e0", comment: "Retry exports on 504" }],
    }),
    a(13, P.DEMO, U.taro, "2026-11-16T08:00:00Z", {
      repository: { id: 802, name: "demo-infra", description: "" },
    }),
    a(14, P.PROJ, U.taro, "2026-11-19T08:00:00Z", {
      tx_id: 77,
      comment: { content: "Planning: next sprint" },
      link: mineOpen.map((i) => ({ id: i.id, key_id: i.keyId, title: i.summary, comment: "" })),
      changes: [{ field: "priority", new_value: "High", type: "standard" }],
    }),
    a(15, P.PROJ, U.hanako, "2026-11-16T00:10:00Z", {
      users: [users(U.taro)],
      group_project_activities: [],
      comment: "",
    }),
    a(16, P.DEMO, U.taro, "2026-11-17T09:00:00Z", {
      users: [users(U.maria)],
      group_project_activities: [],
      comment: "",
    }),
    a(17, P.DEMO, U.taro, "2026-11-20T09:35:00Z", {
      id: state.issues.find((i) => i.issueKey === "DEMO-1")!.id,
      key_id: 1,
      summary: "Login button does nothing on Safari",
      description: "",
    }),
    a(18, P.PROJ, U.taro, "2026-11-18T07:30:00Z", pr(42, "Export retry on 504")),
    a(
      19,
      P.PROJ,
      U.taro,
      "2026-11-19T07:30:00Z",
      pr(42, "Export retry on 504", {
        changes: [{ field: "status", new_value: "2", old_value: "1" }],
      }),
    ),
    a(
      20,
      P.PROJ,
      U.taro,
      "2026-11-20T07:30:00Z",
      pr(41, "Retry exports", {
        comment: { id: 9901, content: "Made the timeout configurable." },
      }),
    ),
    a(21, P.PROJ, U.taro, "2026-11-20T08:30:00Z", pr(40, "Faster order search")),
    a(22, P.DEMO, U.hanako, "2026-10-20T00:00:00Z", {
      id: 4103,
      name: "Sprint 24",
      start_date: "2026-11-16",
      reference_date: "2026-11-27",
      description: "",
    }),
    a(23, P.DEMO, U.taro, "2026-11-16T00:30:00Z", {
      id: 4103,
      name: "Sprint 24",
      changes: [{ field: "description", new_value: "Safari fixes", old_value: "" }],
    }),
    a(24, P.PROJ, U.hanako, "2026-10-21T00:00:00Z", {
      id: 4299,
      name: "Backlog grooming",
      start_date: null,
      reference_date: null,
      description: "",
    }),
    a(25, P.PROJ, U.hanako, "2026-10-22T00:00:00Z", { parties: [{ id: 31, name: "QA team" }] }),
    a(26, P.PROJ, U.hanako, "2026-10-23T00:00:00Z", { parties: [{ id: 32, name: "Vendors" }] }),
    a(47, P.PROJ, U.taro, "2026-11-20T01:00:00Z", {
      link: mineOpen.slice(0, 2).map((i) => ({ id: i.id, key_id: i.keyId, title: i.summary })),
    }),
  ];
}
