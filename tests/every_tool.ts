/**
 * Calls of every tool the server offers, built from the tools' own input
 * schemas: a parameter gets the value listed for its name here, so a tool
 * added later is called too, and one with a required parameter this table
 * does not know fails loudly ("add a value for …") instead of going unchecked.
 * The values target the stand-in's DEMO project and one issue in it.
 *
 * @module
 */

import { TOOLS } from "../src/server.ts";
import type { ToolDefinition } from "../src/tools/tool.ts";
import { SEED } from "../src/tooling/sandbox/seed.ts";
import type { SandboxState } from "../src/tooling/sandbox/types.ts";

/** The issue every issue tool is pointed at. */
export const TARGET_ISSUE = SEED.issues.rich;

/**
 * A value by parameter name, the same for every tool that has the parameter.
 * Ids rather than names, so the calls work whatever the names were changed to.
 */
export const PARAMETER_VALUES: Readonly<Record<string, unknown>> = {
  issue_key: TARGET_ISSUE,
  project: SEED.projects.DEMO.key,
  project_ids: [SEED.projects.DEMO.key],
  // Lists: any assignee and any status, so every issue of the project is a row.
  assignee_ids: [],
  status_ids: [],
  limit: 50,
  summary: "Created by the every-tool test",
  issue_type: SEED.issueTypes.demoTask,
  content: "A comment from the every-tool test",
  comment: "An update from the every-tool test",
  status: SEED.statuses.resolved,
  assignee: SEED.users.hanako.id,
  priority: SEED.priorities.low,
  milestones: [SEED.milestones.demoSprint24],
  categories: [SEED.categories.demoFrontend],
  notify_user_ids: [SEED.users.hanako.id],
  include_comments: true,
  comment_limit: 50,
  count: 100,
  group_by: "status",
  // DEMO-1's linked shared file safari-login.md: a text file, so its content is shown.
  file: 9302,
  watch: true,
};

/** Values that depend on the stand-in's live data, to pass as overrides. */
export function liveValues(state: SandboxState): Record<string, unknown> {
  const mine = state.attention.notifications.filter((n) => n.userId === state.myselfId);
  // The newest of mine: get_notifications (called before, readers come first) shows it.
  return { up_to_id: Math.max(...mine.map((n) => n.id)) };
}

/** One planned call. */
export interface ToolCall {
  tool: string;
  args: Record<string, unknown>;
}

/** Is `name` a parameter the tool cannot be called without? */
function required(tool: ToolDefinition, name: string): boolean {
  return !tool.inputSchema.shape[name].safeParse(undefined).success;
}

/**
 * The call of `tool`: every parameter that has a value in
 * {@linkcode PARAMETER_VALUES} (plus `overrides`) gets it. Throws for a
 * required parameter without a value.
 */
export function callOf(tool: ToolDefinition, overrides: Record<string, unknown> = {}): ToolCall {
  const values = { ...PARAMETER_VALUES, ...overrides };
  const args: Record<string, unknown> = {};
  for (const name of Object.keys(tool.inputSchema.shape)) {
    if (name in values) {
      if (values[name] !== undefined) args[name] = values[name];
    } else if (required(tool, name)) {
      throw new Error(
        `tests/every_tool.ts: add a value for parameter "${name}" (required by ${tool.name}) to PARAMETER_VALUES`,
      );
    }
  }
  return { tool: tool.name, args };
}

/** One call per tool the server offers (readers first, as TOOLS orders them). */
export function everyToolCall(overrides: Record<string, unknown> = {}): ToolCall[] {
  return TOOLS.map((tool) => callOf(tool, overrides));
}

/**
 * Puts `text(field)` into every text field a Backlog user can write in the
 * stand-in's data (names of users, projects, statuses, types, categories,
 * milestones, custom fields with their descriptions, units and items,
 * priorities, resolutions; summaries, descriptions, attachment names, custom
 * field values and "other" texts, comments, change logs), and adds a comment to the target issue whose change log
 * names a custom field.
 */
export function writeEverywhere(state: SandboxState, text: (field: string) => string): void {
  for (const u of state.users) {
    u.name = text("user");
    if (u.nulabAccount) u.nulabAccount.name = u.name;
  }
  for (const p of state.projects) p.name = text("project");
  for (const list of [state.statuses, state.issueTypes, state.categories, state.customFields]) {
    for (const item of list) item.name = text("lookup");
  }
  for (const list of [state.priorities, state.resolutions]) {
    for (const item of list) item.name = text("builtin");
  }
  for (const v of state.versions) {
    v.name = text("milestone");
    v.description = text("milestone description");
  }
  const textFields = new Set<number>();
  for (const f of state.customFields) {
    f.description = text("custom field description");
    if (f.unit) f.unit = text("custom field unit");
    for (const item of f.items ?? []) item.name = text("custom item");
    if (f.typeId === 1 || f.typeId === 2) textFields.add(f.id);
  }
  for (const i of state.issues) {
    i.summary = text("summary");
    i.description = text("description");
    for (const a of i.attachments) a.name = text("attachment");
    // Text and sentence values of every issue, and every "other" text.
    for (const id of textFields) i.customFieldValues[id] = text("custom value");
    for (const id of Object.keys(i.customFieldOther ?? {})) {
      i.customFieldOther![Number(id)] = text("custom other");
    }
  }
  for (const c of state.comments) {
    if (c.content !== null) c.content = text("comment");
    for (const entry of c.changeLog ?? []) {
      if (entry.newValue !== null) entry.newValue = text("change");
      if (entry.originalValue !== null) entry.originalValue = text("change");
      if (entry.attachmentInfo) entry.attachmentInfo.name = text("attachment");
    }
  }
  writeAttention(state, text);
  const target = state.issues.find((i) => i.issueKey === TARGET_ISSUE)!;
  state.comments.push({
    id: state.nextIds.comment++,
    projectId: target.projectId,
    issueId: target.id,
    content: text("comment"),
    changeLog: [{
      field: text("custom field"),
      newValue: text("change"),
      originalValue: text("change"),
      attachmentInfo: null,
      attributeInfo: { id: 1, typeId: 1 },
      notificationInfo: null,
    }],
    createdUserId: state.myselfId,
    created: Date.parse("2026-11-01T00:00:00Z"),
    updated: Date.parse("2026-11-01T00:00:00Z"),
  });
}

/** The attention part: notifications, watchings, shared files and their text, activities. */
function writeAttention(state: SandboxState, text: (field: string) => string): void {
  const { attention } = state;
  for (const n of attention.notifications) {
    if (n.pullRequest) {
      n.pullRequest.summary = text("pull request");
      n.pullRequest.repositoryName = text("repository");
    }
    if (n.pullRequestComment !== null) n.pullRequestComment = text("pull request comment");
    if (n.document) n.document.title = text("document");
    if (n.documentComment !== null) n.documentComment = text("document comment");
  }
  for (const w of attention.watchings) w.note = text("watching note");
  for (const f of attention.sharedFiles) {
    f.name = text("shared file");
    f.dir = `/${text("directory")}/`;
  }
  for (const key of Object.keys(attention.contents)) {
    if (/\.(md|txt|csv|json|log)$/.test(key) || key === "file:9302") {
      attention.contents[key] = new TextEncoder().encode(text("file content"));
    }
  }
  const rewrite = (value: unknown, field: string): unknown =>
    typeof value === "string"
      ? text(field)
      : Array.isArray(value)
      ? value.map((v) => rewrite(v, field))
      : value && typeof value === "object"
      ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v, `activity ${k}`)]))
      : value;
  for (const a of attention.activities) {
    a.content = rewrite(a.content, "activity") as typeof a.content;
  }
}
