/**
 * One call per tool against the stand-in's seed, for the tests that drive
 * every tool through a real client. A tool added without an entry here is
 * still called, with arguments made from its input schema's required
 * parameters ({@linkcode callFor}).
 *
 * @module
 */

import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { SEED } from "../../src/tooling/sandbox/seed.ts";

/** A tool call. */
export interface Call {
  name: string;
  arguments: Record<string, unknown>;
}

/** Known tools: arguments that succeed against a fresh stand-in. */
export const SAMPLE_ARGUMENTS: Record<string, Record<string, unknown>> = {
  get_user_issue_list: {},
  get_issue_details: { issue_key: SEED.issues.rich },
  get_issue_comments: { issue_key: SEED.issues.manyComments, count: 5 },
  get_myself: {},
  get_project_list: {},
  get_project_metadata: { project: "DEMO" },
  add_issue_comment: {
    issue_key: SEED.issues.noComments,
    content: "Posted by a real-client test.",
  },
  update_issue: { issue_key: SEED.issues.noComments, priority: "High", due_date: "" },
  create_issue: { project: "DEMO", summary: "Filed by a real-client test", issue_type: "Task" },
  get_notifications: {},
  get_recent_changes: {},
  get_activity_report: {},
  get_watched_issues: {},
  count_issues: { group_by: "status" },
  get_attachment: { issue_key: SEED.attention.attachments, file: "orders.csv" },
  set_watching: { issue_key: SEED.issues.rich, watch: true },
  // mark_notifications_read only marks what get_notifications showed in the same session, so a
  // lone call (one per process, as the Inspector makes them) is refused: it is called with {}.
};

/** Values for required parameters of tools without sample arguments, by name. */
const BY_NAME: Record<string, unknown> = {
  issue_key: SEED.issues.rich,
  project: "DEMO",
  issue_type: "Task",
  summary: "Filed by a real-client test",
  content: "Posted by a real-client test.",
};

/**
 * Whether `name`'s call is known to succeed. Calls made up from a schema may
 * get a tool error (an id that does not exist); tests then only check that the
 * call was answered. Add the tool to {@linkcode SAMPLE_ARGUMENTS} to test more.
 */
export function expectsSuccess(name: string): boolean {
  const known = name in SAMPLE_ARGUMENTS;
  if (!known) console.warn(`tests/clients/calls.ts has no sample arguments for ${name}`);
  return known;
}

/** The call the tests make to `tool`. */
export function callFor(tool: Tool): Call {
  const known = SAMPLE_ARGUMENTS[tool.name];
  if (known) return { name: tool.name, arguments: known };
  const schema = tool.inputSchema as {
    properties?: Record<string, { type?: string }>;
    required?: string[];
  };
  const args: Record<string, unknown> = {};
  for (const name of schema.required ?? []) {
    const type = schema.properties?.[name]?.type;
    args[name] = name in BY_NAME
      ? BY_NAME[name]
      : type === "integer" || type === "number"
      ? 1
      : type === "boolean"
      ? true
      : type === "array"
      ? []
      : "DEMO-1";
  }
  return { name: tool.name, arguments: args };
}
