/**
 * Activities (backlog-api.md §12.4), attachment downloads (§12.7) and shared files (§12.8).
 *
 * Issue activities are derived from the stored issues and comments on every
 * request — type 1 for each issue, 2 for each comment with a change log, 3 for
 * each plain comment — so writes appear in them; the other types are seeded
 * records. Content keys are snake_case and a status change carries status
 * ids, as in Backlog's examples. Ids grow with time: the second of `created`
 * times 100 plus the event's place within that second.
 *
 * @module
 */
import { type Ctx, resolveIssue, resolveProject, resolveUser } from "./context.ts";
import { formatTimestamp, linkedSharedFiles, sharedFileJson, userById } from "./format.ts";
import { fileResponse, generatedBytes } from "./file_bytes.ts";
import { idPage } from "./handlers_attention.ts";
import { ApiError } from "./http.ts";
import { RENAMED_STATUS } from "./seed_lookups.ts";
import type { ChangeLogEntry, SandboxState } from "./types.ts";
import type { ActivityRecord } from "./types_attention.ts";

interface Activity extends ActivityRecord {
  id: number;
}

/** A change-log status name back to its id (activities carry ids). */
function statusId(state: SandboxState, projectId: number, name: string | null): string | null {
  if (name === null) return null;
  if (name === RENAMED_STATUS.oldName) return String(RENAMED_STATUS.id);
  const s = state.statuses.find((x) => x.projectId === projectId && x.name === name);
  return s ? String(s.id) : name;
}

function changes(state: SandboxState, projectId: number, log: ChangeLogEntry[]) {
  return log.map((e) => {
    const status = e.field === "status";
    return {
      field: e.field,
      new_value: status ? statusId(state, projectId, e.newValue) : e.newValue,
      old_value: status ? statusId(state, projectId, e.originalValue) : e.originalValue,
      type: "standard",
    };
  });
}

/** Every activity of the space, oldest first, with ids. */
export function allActivities(state: SandboxState): Activity[] {
  const issues = new Map(state.issues.map((i) => [i.id, i]));
  const events: ActivityRecord[] = state.issues.map((i) => ({
    projectId: i.projectId,
    type: 1,
    content: { id: i.id, key_id: i.keyId, summary: i.summary, description: i.description },
    createdUserId: i.createdUserId,
    created: i.created,
  }));
  for (const c of state.comments) {
    const i = issues.get(c.issueId)!;
    const log = c.changeLog ?? [];
    const files = log.filter((e) => e.field === "attachment" && e.attachmentInfo);
    events.push({
      projectId: i.projectId,
      type: log.length ? 2 : 3,
      content: {
        id: i.id,
        key_id: i.keyId,
        summary: i.summary,
        description: i.description,
        comment: { id: c.id, content: c.content ?? "" },
        changes: changes(state, i.projectId, log),
        attachments: files.map((e) => {
          const a = i.attachments.find((x) => x.id === e.attachmentInfo!.id);
          return { id: e.attachmentInfo!.id, name: e.attachmentInfo!.name, size: a?.size ?? 0 };
        }),
        shared_files: [],
      },
      createdUserId: c.createdUserId,
      created: c.created,
    });
  }
  events.push(...state.attention.activities);
  events.sort((a, b) => a.created - b.created || a.type - b.type);
  let second = -1;
  let place = 0;
  return events.map((e) => {
    const s = Math.floor(e.created / 1000);
    place = s === second ? place + 1 : 0;
    second = s;
    return { ...e, id: s * 100 + place };
  });
}

function activityJson(ctx: Ctx, a: Activity): Record<string, unknown> {
  return {
    id: a.id,
    project: ctx.state.projects.find((p) => p.id === a.projectId) ?? null,
    type: a.type,
    content: a.content,
    notifications: [],
    createdUser: userById(ctx.state, a.createdUserId),
    created: formatTimestamp(a.created),
  };
}

function listActivities(ctx: Ctx, keep: (a: Activity) => boolean): unknown {
  const page = idPage(ctx);
  const types = ctx.params.intList("activityTypeId");
  ctx.params.throwIfInvalid();
  const list = allActivities(ctx.state).filter((a) =>
    keep(a) && page.keep(a.id) && (!types?.length || types.includes(a.type))
  );
  if (page.order === "desc") list.reverse();
  return list.slice(0, page.count).map((a) => activityJson(ctx, a));
}

/** `GET /space/activities`. */
export function getSpaceActivities(ctx: Ctx): unknown {
  return listActivities(ctx, () => true);
}

/** `GET /projects/:project/activities`. */
export function getProjectActivities(ctx: Ctx): unknown {
  const project = resolveProject(ctx, ctx.pathParams.project);
  return listActivities(ctx, (a) => a.projectId === project.id);
}

/** `GET /users/:userId/activities`. */
export function getUserActivities(ctx: Ctx): unknown {
  const user = resolveUser(ctx, ctx.pathParams.userId);
  return listActivities(ctx, (a) => a.createdUserId === user.id);
}

/** `GET /activities/:activityId` (path from a third-party client only, backlog-api.md §12.4). */
export function getActivity(ctx: Ctx): unknown {
  const id = ctx.pathParams.activityId;
  const a = /^\d+$/.test(id)
    ? allActivities(ctx.state).find((x) => x.id === Number(id))
    : undefined;
  if (!a) throw ApiError.notFound("No activity.");
  return activityJson(ctx, a);
}

/** `GET /issues/:issue/attachments/:attachmentId`: the bytes, typed by name (backlog-api.md §12.7). */
export function downloadAttachment(ctx: Ctx): Response {
  const issue = resolveIssue(ctx, ctx.pathParams.issue);
  const id = ctx.pathParams.attachmentId;
  const a = /^\d+$/.test(id) ? issue.attachments.find((x) => x.id === Number(id)) : undefined;
  if (!a) throw ApiError.notFound("No attachment.");
  const bytes = ctx.state.attention.contents[`attachment:${a.id}`] ??
    generatedBytes(a.name, a.size);
  return fileResponse(a.name, bytes);
}

/** `GET /issues/:issue/sharedFiles`: the shared files linked to the issue. */
export function getIssueSharedFiles(ctx: Ctx): unknown {
  const issue = resolveIssue(ctx, ctx.pathParams.issue);
  return linkedSharedFiles(ctx.state, issue.id).map((f) => sharedFileJson(ctx.state, f));
}

/** `GET /projects/:project/files/:sharedFileId`: a shared file's bytes. */
export function downloadSharedFile(ctx: Ctx): Response {
  const project = resolveProject(ctx, ctx.pathParams.project);
  const id = ctx.pathParams.sharedFileId;
  const f = /^\d+$/.test(id)
    ? ctx.state.attention.sharedFiles.find((x) =>
      x.id === Number(id) && x.projectId === project.id && x.type === "file"
    )
    : undefined;
  if (!f) throw ApiError.notFound("No file.");
  const bytes = ctx.state.attention.contents[`file:${f.id}`] ?? generatedBytes(f.name, f.size);
  return fileResponse(f.name, bytes);
}
