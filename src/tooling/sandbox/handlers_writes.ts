/**
 * Write handlers: add issue, update issue (with change-log comment), add comment
 * (backlog-api.md §4.18–§4.20, §10 item 7).
 *
 * @module
 */
import { type Ctx, resolveIssue } from "./context.ts";
import { applyCustomFieldChanges, requiredProblems } from "./custom_field_writes.ts";
import { commentJson, issueJson } from "./format.ts";
import { ApiError, jsonResponse } from "./http.ts";
import { change } from "./seed_draft.ts";
import type { ChangeLogEntry, CommentRecord, IssueRecord } from "./types.ts";
import {
  ADD_PARAMS,
  display,
  type FieldValues,
  readFields,
  unknownParams,
  UPDATE_PARAMS,
} from "./write_fields.ts";

function rejectUnknown(ctx: Ctx, known: string[]) {
  if (ctx.opts.rejectUnknownWriteParams) ctx.params.problems.push(...unknownParams(ctx, known));
}

function emptyChangeLog(ctx: Ctx): ChangeLogEntry[] | null {
  return ctx.opts.emptyChangeLog === "empty-array" ? [] : null;
}

/** `POST /issues` (backlog-api.md §4.18): 201 + `Location: {url}/view/KEY-n`; a new issue starts Open (1). */
export function addIssue(ctx: Ctx): Response {
  const p = ctx.params;
  rejectUnknown(ctx, ADD_PARAMS);
  const missing = ["projectId", "summary", "issueTypeId", "priorityId"]
    .filter((k) => (p.str(k) ?? "") === "");
  if (missing.length) throw ApiError.invalid(...missing.map((k) => `${k} is required.`));
  const projectId = p.int("projectId");
  const project = ctx.state.projects.find((x) => x.id === projectId);
  if (!project) {
    p.throwIfInvalid();
    throw ApiError.invalid(`Invalid projectId: ${p.str("projectId")}.`);
  }
  const f = readFields(ctx, project);
  p.throwIfInvalid();
  p.problems.push(...requiredProblems(ctx, {
    project,
    issueTypeId: f.issueTypeId!,
    changes: f.customFields,
  }));
  p.throwIfInvalid();
  const now = ctx.opts.now();
  const keyId = 1 + Math.max(
    0,
    ...ctx.state.issues.filter((i) => i.projectId === project.id).map((i) => i.keyId),
  );
  const issue: IssueRecord = {
    id: ctx.state.nextIds.issue++,
    projectId: project.id,
    keyId,
    issueKey: `${project.projectKey}-${keyId}`,
    issueTypeId: f.issueTypeId!,
    summary: f.summary!,
    description: f.description ?? "",
    resolutionId: null,
    priorityId: f.priorityId!,
    statusId: 1,
    assigneeId: f.assigneeId ?? null,
    categoryIds: f.categoryIds ?? [],
    versionIds: f.versionIds ?? [],
    milestoneIds: f.milestoneIds ?? [],
    startDate: f.startDate ?? null,
    dueDate: f.dueDate ?? null,
    estimatedHours: f.estimatedHours ?? null,
    actualHours: f.actualHours ?? null,
    parentIssueId: f.parentIssueId ?? null,
    createdUserId: ctx.state.myselfId,
    created: now,
    updatedUserId: ctx.state.myselfId,
    updated: now,
    customFieldValues: {},
    attachments: [],
  };
  applyCustomFieldChanges(ctx, issue, f.customFields);
  ctx.state.issues.push(issue);
  return jsonResponse(issueJson(ctx.state, issue, { customFields: ctx.opts.customFields }), 201, {
    Location: `${ctx.baseUrl}/view/${issue.issueKey}`,
  });
}

const sameList = (a: number[], b: number[]) =>
  a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

/** Applies `f` to `issue`, returning change-log entries for what actually changed. */
function applyChanges(ctx: Ctx, issue: IssueRecord, f: FieldValues): ChangeLogEntry[] {
  const d = display(ctx.state, issue);
  const out: ChangeLogEntry[] = [];
  // `key`'s new value (f[key]) against the issue's, logged as Backlog's `field`.
  const scalar = <K extends keyof IssueRecord & keyof FieldValues>(
    key: K,
    field: string,
    show: (v: IssueRecord[K]) => string | null,
  ) => {
    const next = f[key] as IssueRecord[K] | undefined;
    if (next === undefined || next === issue[key]) return;
    out.push(change(field, show(issue[key]), show(next)));
    issue[key] = next;
  };
  const list = (
    key: "categoryIds" | "versionIds" | "milestoneIds",
    field: string,
    show: (ids: number[]) => string | null,
  ) => {
    const next = f[key];
    if (next === undefined || sameList(next, issue[key])) return;
    out.push(change(field, show(issue[key]), show(next)));
    issue[key] = next;
  };
  const str = (v: string | null) => v;
  scalar("summary", "summary", str);
  scalar("description", "description", (v) => v || null);
  scalar("issueTypeId", "issueType", d.issueType);
  scalar("statusId", "status", d.status);
  scalar("resolutionId", "resolution", d.resolution);
  scalar("priorityId", "priority", d.priority);
  scalar("assigneeId", "assigner", d.user);
  scalar("parentIssueId", "parentIssue", d.issueKey);
  scalar("startDate", "startDate", str);
  scalar("dueDate", "limitDate", str);
  scalar("estimatedHours", "estimatedHours", d.hours);
  scalar("actualHours", "actualHours", d.hours);
  list("categoryIds", "component", d.categories);
  list("versionIds", "version", d.versions);
  list("milestoneIds", "milestone", d.versions);
  out.push(...applyCustomFieldChanges(ctx, issue, f.customFields));
  return out;
}

/**
 * `PATCH /issues/:issueIdOrKey` (backlog-api.md §4.19). Validates everything before changing anything, then
 * writes one comment holding `comment` and the change log. A request that changes nothing and
 * has no comment → 400 "No comment content." (code 7).
 */
export function updateIssue(ctx: Ctx): unknown {
  const issue = resolveIssue(ctx, ctx.pathParams.issue);
  const p = ctx.params;
  rejectUnknown(ctx, UPDATE_PARAMS);
  const project = ctx.state.projects.find((x) => x.id === issue.projectId)!;
  const f = readFields(ctx, project, issue);
  p.throwIfInvalid();
  const type = f.issueTypeId ?? issue.issueTypeId;
  p.problems.push(...requiredProblems(ctx, {
    project,
    issueTypeId: type,
    changes: f.customFields,
    current: issue,
  }));
  p.throwIfInvalid();
  const text = p.str("comment");
  const hasText = text !== undefined && text.trim() !== "";
  // Dry run on a copy so a no-op can be refused without touching state.
  const probe = structuredClone(issue);
  if (!applyChanges(ctx, probe, f).length && !hasText) {
    throw ApiError.invalid(ctx.opts.messages.noCommentContent);
  }
  const log = applyChanges(ctx, issue, f);
  const now = ctx.opts.now();
  ctx.state.comments.push({
    id: ctx.state.nextIds.comment++,
    projectId: issue.projectId,
    issueId: issue.id,
    content: hasText ? text! : null,
    changeLog: log.length ? log : emptyChangeLog(ctx),
    createdUserId: ctx.state.myselfId,
    created: now,
    updated: now,
  });
  issue.updated = now;
  issue.updatedUserId = ctx.state.myselfId;
  return issueJson(ctx.state, issue, { customFields: ctx.opts.customFields });
}

/** `POST /issues/:issueIdOrKey/comments` (backlog-api.md §4.20): 201 + `Location: …/view/KEY-n#comment-ID`. */
export function addComment(ctx: Ctx): Response {
  const issue = resolveIssue(ctx, ctx.pathParams.issue);
  const p = ctx.params;
  rejectUnknown(ctx, ["content", "notifiedUserId", "attachmentId"]);
  p.intList("notifiedUserId")?.forEach((id) => {
    if (!ctx.state.users.some((u) => u.id === id)) {
      p.problems.push(`Invalid notifiedUserId: ${id}.`);
    }
  });
  p.intList("attachmentId")?.forEach((id) => p.problems.push(`Invalid attachmentId: ${id}.`));
  const content = p.str("content") ?? "";
  if (content.trim() === "") p.problems.push(ctx.opts.messages.noCommentContent);
  p.throwIfInvalid();
  const now = ctx.opts.now();
  const comment: CommentRecord = {
    id: ctx.state.nextIds.comment++,
    projectId: issue.projectId,
    issueId: issue.id,
    content,
    changeLog: emptyChangeLog(ctx),
    createdUserId: ctx.state.myselfId,
    created: now,
    updated: now,
  };
  ctx.state.comments.push(comment);
  issue.updated = now;
  issue.updatedUserId = ctx.state.myselfId;
  return jsonResponse(commentJson(ctx.state, comment), 201, {
    Location: `${ctx.baseUrl}/view/${issue.issueKey}#comment-${comment.id}`,
  });
}
