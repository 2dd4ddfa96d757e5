/**
 * Deterministic generator for the bulk of the seeded issues and comments.
 *
 * @module
 */
import { addDays, dateOf } from "./format.ts";
import {
  at,
  change,
  createdDate,
  draft,
  type DraftComment,
  type DraftIssue,
  Prng,
  REFERENCE_DATE,
} from "./seed_draft.ts";
import { P, U } from "./seed_data.ts";
import { RENAMED_STATUS } from "./seed_lookups.ts";
import {
  DST_CREATED,
  DST_UPDATED,
  EN_COMMENTS,
  EN_OBJECTS,
  EN_VERBS,
  JA_COMMENTS,
  JA_SUMMARIES,
  PLANS,
  type ProjectPlan,
} from "./seed_plans.ts";
import type { SandboxState } from "./types.ts";

const JA_STATUS: Record<number, string> = { 1: "未対応", 2: "処理中", 3: "処理済み", 4: "完了" };

/** A status's name in a project at `time` (one status was renamed during the seed's span). */
function statusName(
  state: SandboxState,
  statusId: number,
  { projectId, time }: { projectId: number; time: number },
): string {
  if (statusId === RENAMED_STATUS.id && time < RENAMED_STATUS.renamedAt) {
    return RENAMED_STATUS.oldName;
  }
  const s = state.statuses.find((x) => x.projectId === projectId && x.id === statusId);
  return s?.name ?? JA_STATUS[statusId];
}

/** Status transitions from Open to `target`, as [from, to] pairs. */
function path(target: number): [number, number][] {
  if (target === 1) return [];
  if (target === 2) return [[1, 2]];
  if (target === 3) return [[1, 2], [2, 3]];
  if (target === 4) return [[1, 2], [2, 3], [3, 4]];
  return [[1, 2], [2, target]];
}

/** What generating one project's issues draws on: the state so far, the seeded generator, the plan. */
interface Generation {
  state: SandboxState;
  rng: Prng;
  plan: ProjectPlan;
}

/** The project's `i`-th generated issue, created at `created`. */
function genIssue(gen: Generation, created: number, i: number) {
  const { state, rng, plan } = gen;
  const pid = plan.projectId;
  const members = state.projectMembers[pid];
  const statusId = rng.weighted(plan.statusWeights);
  const assigneeId = plan.mine(i) ? U.taro : rng.pick(plan.others);
  const closedLike = statusId === 3 || statusId === 4;
  const d = draft({
    projectId: pid,
    created,
    issueTypeId: rng.weighted(plan.typeWeights),
    summary: plan.japanese
      ? `${rng.pick(JA_SUMMARIES)}（${i + 1}）`
      : `${rng.pick(EN_VERBS)} ${rng.pick(EN_OBJECTS)} (#${i + 1})`,
    description: rng.chance(0.3)
      ? ""
      : plan.japanese
      ? "詳細は添付の資料を参照してください。\n対応期限に注意してください。"
      : "Context: reported by support.\n\nAcceptance criteria:\n- works on all supported browsers",
    priorityId: rng.weighted([[2, 15], [3, 70], [4, 15]] as const),
    statusId,
    resolutionId: closedLike
      ? rng.weighted([[0, 80], [1, 8], [3, 6], [2, 3], [4, 3]] as const)
      : null,
    assigneeId,
    createdUserId: rng.pick(members),
  });
  const cats = state.categories.filter((c) => c.projectId === pid).map((c) => c.id);
  if (rng.chance(0.6)) d.categoryIds = [rng.pick(cats)];
  if (rng.chance(0.15)) d.categoryIds = [...new Set([...d.categoryIds, rng.pick(cats)])];
  const day = createdDate(d);
  const versions = state.versions.filter((v) => v.projectId === pid);
  const current = versions.find((v) =>
    v.startDate && v.releaseDueDate && v.startDate.slice(0, 10) <= day &&
    day <= v.releaseDueDate.slice(0, 10)
  );
  if (current && rng.chance(0.55)) d.milestoneIds = [current.id];
  else if (versions.length && rng.chance(0.2)) d.milestoneIds = [versions[versions.length - 1].id];
  const older = versions.filter((v) => v.archived && v.releaseDueDate && v.releaseDueDate < day);
  if (older.length && rng.chance(0.2)) d.versionIds = [rng.pick(older).id];
  if (rng.chance(0.65)) d.dueDate = addDays(day, rng.int(2, 75));
  if (!closedLike && pid !== P.OLD && rng.chance(0.15)) {
    d.dueDate = addDays(REFERENCE_DATE, rng.int(-4, 6));
  }
  if (d.dueDate && d.dueDate < day) d.dueDate = day;
  if (rng.chance(0.55)) {
    const s = d.dueDate ? addDays(d.dueDate, -rng.int(1, 14)) : addDays(day, rng.int(0, 5));
    d.startDate = s < day ? day : s;
  }
  if (rng.chance(0.4)) {
    d.estimatedHours = rng.pick([0.5, 1, 2, 3, 4, 6, 8, 16]);
    if (closedLike && rng.chance(0.7)) {
      d.actualHours = Math.round(d.estimatedHours * (0.5 + rng.next()) * 4) / 4;
    }
  }
  if (rng.chance(0.08)) {
    d.attachments = [{
      id: 0,
      name: rng.pick(["error.png", "spec.pdf", "server.log", "mockup.fig"]),
      size: rng.int(2_000, 2_000_000),
      createdUserId: d.createdUserId,
      created,
    }];
  }
  d.comments = genComments(gen, d);
  return d;
}

function genComments(gen: Generation, d: DraftIssue) {
  const { state, rng, plan } = gen;
  const steps = path(d.statusId);
  const n = steps.length + rng.int(0, 3);
  const end = at(plan.end);
  const times = Array.from(
    { length: n },
    () => d.created + rng.int(60, (end - d.created) / 1000) * 1000,
  )
    .sort((a, b) => a - b);
  const texts = plan.japanese ? JA_COMMENTS : EN_COMMENTS;
  const members = state.projectMembers[d.projectId];
  const out: DraftComment[] = times.map((created) => ({
    userId: rng.pick(members),
    created,
    content: rng.pick(texts),
    changeLog: null,
  }));
  // The status changes are the last comments, in order, so the history ends at the current status.
  steps.forEach(([from, to], k) => {
    const c = out[n - steps.length + k];
    c.userId = d.assigneeId ?? c.userId;
    const log = [change(
      "status",
      statusName(state, from, { projectId: d.projectId, time: c.created }),
      statusName(state, to, { projectId: d.projectId, time: c.created }),
    )];
    if (to === 3 || (to === 4 && from !== 3)) {
      const res = state.resolutions.find((r) => r.id === d.resolutionId);
      log.push(change("resolution", null, res?.name ?? null));
    }
    c.changeLog = log;
    if (rng.chance(0.4)) c.content = null;
  });
  if (out.length && d.assigneeId !== null && rng.chance(0.4)) {
    const who = state.users.find((u) => u.id === d.assigneeId)!.name;
    out[0].changeLog = [change("assigner", null, who), ...(out[0].changeLog ?? [])];
  }
  return out;
}

/** Generates all non-fixture drafts. */
export function generateDrafts(state: SandboxState, rng: Prng): DraftIssue[] {
  const all: DraftIssue[] = [];
  for (const plan of PLANS) {
    const from = at(plan.from);
    const span = (at(plan.to) - from) / 1000;
    const times = Array.from({ length: plan.count }, () => from + rng.int(0, span) * 1000);
    if (plan.projectId === P.PROJ) DST_CREATED.forEach((t, k) => (times[k * 7] = at(t)));
    times.sort((a, b) => a - b);
    const drafts = times.map((t, i) => genIssue({ state, rng, plan }, t, i));
    if (plan.projectId === P.PROJ) linkHierarchy(drafts);
    all.push(...drafts);
  }
  pinDstUpdates(all.filter((d) => d.projectId === P.PROJ), rng);
  let attachmentId = 88100;
  for (const d of all) for (const a of d.attachments) a.id = attachmentId++;
  return all;
}

/** Epics with children, and one grandchild (PROJ has grandchild issues enabled). */
function linkHierarchy(drafts: DraftIssue[]) {
  for (const e of [20, 60, 100, 140, 180, 220]) {
    const epic = drafts[e];
    epic.issueTypeId = 1205;
    epic.summary = `Epic: ${epic.summary}`;
    for (const k of [1, 3, 5]) drafts[e + k].parent = epic;
  }
  drafts[22].parent = drafts[21];
}

function pinDstUpdates(drafts: DraftIssue[], rng: Prng) {
  const used = new Set<DraftIssue>();
  for (const iso of DST_UPDATED) {
    const t = at(iso);
    const d = drafts.find((x) =>
      !used.has(x) && x.created < t - 7_200_000 && x.comments.every((c) => c.created < t) &&
      dateOf(x.created) >= "2026-01-10"
    );
    if (!d) throw new Error(`seed: no issue to update at ${iso}`);
    used.add(d);
    d.comments.push({
      userId: d.assigneeId ?? d.createdUserId,
      created: t,
      content: rng.pick([
        "Deployed the hotfix; monitoring.",
        "Checked again after the nightly batch.",
      ]),
      changeLog: null,
    });
  }
}
