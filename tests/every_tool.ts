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
  limit: 100,
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
};

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
