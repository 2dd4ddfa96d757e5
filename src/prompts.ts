/**
 * MCP prompts, which clients offer as slash commands: short templates that
 * lead the model to the tools for three daily questions — my day, my weekly
 * report, and triage of a project's issues without assignee or due date.
 *
 * @module
 */

import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { GetPromptResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";

const user = (text: string): GetPromptResult => ({
  messages: [{ role: "user", content: { type: "text", text } }],
});

// Prompt arguments arrive as strings typed by a person; they are quoted into the template.
const quote = (text: string) => JSON.stringify(text.replace(/[\r\n]+/g, " ").trim().slice(0, 100));

/** The prompts' texts, by name (exported for tests). */
export const PROMPTS = {
  my_day: (args: { timezone?: string }) =>
    [
      `Plan my day from Backlog${args.timezone ? ` (timezone ${quote(args.timezone)})` : ""}:`,
      '1. count_issues with group_by "due": my open issues overdue, due today, due later this week.',
      '2. get_user_issue_list with due_date_until "overdue"; then with due_date_since "today" and due_date_until "this_week" (sort "dueDate", order "asc").',
      '3. get_notifications (unread first) and get_recent_changes since "yesterday".',
      "Answer briefly under: Overdue, Today, Rest of the week (key, summary, due), Needs my reply (unread notifications and changes by others that ask something of me).",
      "Do not mark anything read or change any issue unless I ask.",
    ].join("\n"),
  weekly_report: (args: { user?: string; week?: string }) =>
    [
      `Write ${args.user ? `the weekly report of ${quote(args.user)}` : "my weekly report"}:`,
      `1. get_activity_report with since ${quote(args.week ?? "this_week")}${
        args.week === "last_week" ? ' and until "last_week"' : ""
      }${args.user ? ` and user ${quote(args.user)}` : ""}.`,
      '2. get_user_issue_list with due_date_since "next_week" and due_date_until "next_week" for what comes next.',
      "Write it per project: Done, In progress, Other work (wiki, pull requests, Git), then Next week; one bullet per issue with its key. Plain text, ready to paste.",
    ].join("\n"),
  triage: (args: { project: string }, readOnly = false) =>
    [
      `Triage Backlog project ${
        quote(args.project)
      }: its open issues without an assignee or a due date.`,
      `1. count_issues with group_by "assignee", then "due", both with filters {"project_ids": [${
        quote(args.project)
      }], "assignee_ids": []}.`,
      `2. get_user_issue_list with project_ids [${
        quote(args.project)
      }], assignee_ids [], limit 200; pick the rows that are unassigned or have no due date.`,
      "3. get_project_metadata for its members and milestones.",
      `Propose an assignee and a due date for each in a table (key, summary, proposal, why). ${
        readOnly
          ? "This server is read-only: change nothing."
          : "Change nothing until I confirm; then use update_issue."
      }`,
    ].join("\n"),
};

/** Registers the prompts on `server`; `readOnly`: no prompt suggests a write. */
export function registerPrompts(server: McpServer, readOnly: boolean): void {
  const text = z.string().max(200);
  server.registerPrompt("my_day", {
    title: "My day in Backlog",
    description: "Overdue and due issues, unread notifications, what changed since yesterday.",
    argsSchema: { timezone: text.optional().describe("IANA timezone, e.g. Asia/Tokyo") },
  }, (args: { timezone?: string }) => user(PROMPTS.my_day(args)));
  server.registerPrompt(
    "weekly_report",
    {
      title: "Weekly report",
      description: "My (or someone's) activity this week, by project and issue, ready to paste.",
      argsSchema: {
        user: text.optional().describe('Whose report (default "me")'),
        week: z.enum(["this_week", "last_week"]).optional().describe("Default this_week"),
      },
    },
    (args: { user?: string; week?: "this_week" | "last_week" }) =>
      user(PROMPTS.weekly_report(args)),
  );
  server.registerPrompt("triage", {
    title: "Triage a project",
    description: "A project's open issues without assignee or due date, with proposals.",
    argsSchema: { project: text.describe("Project key or name, e.g. PROJ") },
  }, (args: { project: string }) => user(PROMPTS.triage(args, readOnly)));
}
