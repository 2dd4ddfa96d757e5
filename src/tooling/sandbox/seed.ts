/**
 * The seeded Backlog space and the constants tests use to refer to it.
 *
 * Everything is deterministic: `createSeedState()` returns equal data on every call (a fixed-seed
 * PRNG, no clock, no Math.random).
 *
 * @module
 */
import { FIXTURE_KEYS, fixtureDrafts, RICH_ATTACHMENTS } from "./seed_fixtures.ts";
import { DUE_SOON, finalise, Prng, REFERENCE_DATE } from "./seed_draft.ts";
import { generateDrafts } from "./seed_issues.ts";
import { P, seedMembers, seedProjects, seedSpace, seedUsers, U } from "./seed_data.ts";
import {
  CS,
  RENAMED_STATUS,
  seedCategories,
  seedIssueTypes,
  seedPriorities,
  seedResolutions,
  seedStatuses,
  seedVersions,
} from "./seed_lookups.ts";
import { CF, seedCustomFields, seedCustomFieldValues } from "./seed_custom_fields.ts";
import type { SandboxState } from "./types.ts";
import { emptyAttention } from "./types_attention.ts";
import { ATTENTION_NOW, type AttentionKeys, seedAttention } from "./seed_attention.ts";

const PRNG_SEED = 20261121;

/** Builds a fresh copy of the seeded space. Each sandbox gets its own copy. */
export function createSeedState(): SandboxState {
  return build().state;
}

function build(): { state: SandboxState; attention: AttentionKeys } {
  const state: SandboxState = {
    space: seedSpace(),
    myselfId: U.taro,
    users: seedUsers(),
    projects: seedProjects(),
    projectMembers: seedMembers(),
    statuses: seedStatuses(),
    issueTypes: seedIssueTypes(),
    categories: seedCategories(),
    versions: seedVersions(),
    customFields: seedCustomFields(),
    priorities: seedPriorities(),
    resolutions: seedResolutions(),
    issues: [],
    comments: [],
    nextIds: { issue: 0, comment: 0 },
    attention: emptyAttention(),
  };
  const rng = new Prng(PRNG_SEED);
  const drafts = [...fixtureDrafts(), ...generateDrafts(state, rng)];
  const keys = Object.fromEntries(state.projects.map((p) => [p.id, p.projectKey]));
  const done = finalise(drafts, keys, rng);
  state.issues = done.issues;
  seedCustomFieldValues(state.issues);
  state.comments = done.comments;
  state.nextIds = { issue: done.nextIssueId, comment: done.nextCommentId };
  const attention = seedAttention(state);
  return { state, attention };
}

function computeCounts() {
  const s = createSeedState();
  const mine = s.issues.filter((i) => i.assigneeId === U.taro);
  const byKey = (k: string) => s.issues.find((i) => i.issueKey === k)!;
  const commentsOf = (k: string) => s.comments.filter((c) => c.issueId === byKey(k).id).length;
  const perProject = Object.fromEntries(
    s.projects.map((p) => [p.projectKey, s.issues.filter((i) => i.projectId === p.id).length]),
  );
  return {
    users: s.users.length,
    projects: s.projects.length,
    /** Projects "me" has joined (all but OPS). */
    myProjects: s.projects.filter((p) => s.projectMembers[p.id].includes(U.taro)).length,
    issues: s.issues.length,
    comments: s.comments.length,
    issuesPerProject: perProject as Record<"DEMO" | "PROJ" | "JPN" | "OLD" | "OPS", number>,
    assignedToMe: mine.length,
    assignedToMeNotClosed: mine.filter((i) => i.statusId !== 4).length,
    assignedToMeInArchived: mine.filter((i) => i.projectId === P.OLD).length,
    unassigned: s.issues.filter((i) => i.assigneeId === null).length,
    /** Issues assigned to me, not closed, due within ±7 days of the reference date. */
    mineDueSoonNotClosed:
      mine.filter((i) =>
        i.statusId !== 4 && i.dueDate !== null && i.dueDate >= DUE_SOON.from &&
        i.dueDate <= DUE_SOON.to
      ).length,
    richComments: commentsOf(FIXTURE_KEYS.rich),
    manyComments: commentsOf(FIXTURE_KEYS.manyComments),
    noComments: commentsOf(FIXTURE_KEYS.noComments),
  };
}

/** Names and numbers of the seeded fixtures. */
export const SEED = {
  /** The one API key the sandbox accepts by default; it belongs to `me`. */
  apiKey: "sandbox-api-key-7f3c9a1e5b2d4f60",
  spaceKey: "sandbox",
  /** "Today" in the seeded world; due dates cluster around it. */
  referenceDate: REFERENCE_DATE,
  /** Inclusive `yyyy-MM-dd` range of ±7 days around `referenceDate`. */
  dueSoon: DUE_SOON,
  me: { id: U.taro, userId: "taro", name: "Taro Yamada" },
  users: {
    taro: { id: U.taro, userId: "taro", name: "Taro Yamada" },
    hanako: { id: U.hanako, userId: "hanako", name: "Hanako Suzuki" },
    kenji: { id: U.kenji, userId: "kenji", name: "佐藤 健二" },
    john: { id: U.john, userId: "jsmith", name: "John Smith" },
    maria: { id: U.maria, userId: "*RaTnwT3lk0", name: "Maria Garcia" },
    guest: { id: U.guest, userId: "acme-guest", name: "Guest Partner (Acme)" },
  },
  projects: {
    DEMO: { id: P.DEMO, key: "DEMO" },
    PROJ: { id: P.PROJ, key: "PROJ" },
    JPN: { id: P.JPN, key: "JPN" },
    /** Archived, still has issues assigned to me. */
    OLD: { id: P.OLD, key: "OLD" },
    /** "me" is not a member: listed only with `all=true`. */
    OPS: { id: P.OPS, key: "OPS" },
  },
  statuses: {
    open: 1,
    inProgress: 2,
    resolved: 3,
    closed: 4,
    demoWaitingForReview: CS.demoReview,
    projWaitingForQa: CS.projQa,
    projBlocked: CS.projBlocked,
    /** Renamed on 2026-07-01; older change logs use `renamedStatus.oldName`. */
    projReadyToDeploy: CS.projDeploy,
    jpnReviewWaiting: CS.jpnReview,
  },
  renamedStatus: {
    id: RENAMED_STATUS.id,
    oldName: RENAMED_STATUS.oldName,
    newName: RENAMED_STATUS.newName,
  },
  priorities: { high: 2, normal: 3, low: 4 },
  issueTypes: { demoBug: 1101, demoTask: 1102, projBug: 1201, projTask: 1202, projEpic: 1205 },
  categories: { demoFrontend: 3101, demoBackend: 3102, projApi: 3201 },
  milestones: { demoSprint23: 4102, demoSprint24: 4103, demoV1Archived: 4101 },
  customFields: {
    demoBrowser: CF.browser,
    demoTicketRef: CF.ticketRef,
    demoReleaseNotes: CF.releaseNotes,
    demoStoryPoints: CF.storyPoints,
    demoTargetDate: CF.targetDate,
    demoPlatforms: CF.platforms,
    demoChecks: CF.checks,
    demoImpact: CF.impact,
    projCustomer: CF.projCustomer,
    projSeverity: CF.projSeverity,
    projStoryPoints: CF.projStoryPoints,
    jpnCustomer: CF.jpnCustomer,
  },
  issues: FIXTURE_KEYS,
  richAttachments: RICH_ATTACHMENTS,
  counts: computeCounts(),
  /** Notifications, watchings, files and recent changes (`seed_attention.ts`). */
  attention: { ...build().attention, now: ATTENTION_NOW },
} as const;
