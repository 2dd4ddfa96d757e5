/**
 * The user behind the API key (get_myself) and the server's safety settings
 * that shape what "me" and the other tools can do.
 *
 * @module
 */

import { z } from "zod";
import type { User } from "../backlog/types.ts";
import { safeName } from "./text.ts";
import { safeLine } from "./sanitize.ts";

/** Structured form of get_myself's answer. */
export const myselfSchema = z.object({
  id: z.number().describe("numeric user id of the API key's owner"),
  user_id: z.string().optional().describe("login id"),
  name: z.string().describe("display name"),
  me_id: z.number().describe('the user id "me" stands for in the other tools'),
  me_source: z.enum(["api_key", "USER_ID"]).describe("where me_id comes from"),
  read_only: z.boolean().describe("true when tools that change Backlog are turned off"),
  allowed_projects: z.array(z.string()).optional()
    .describe("project keys the tools may use (BACKLOG_PROJECTS); absent when all"),
});

/** Structured form of get_myself's answer. */
export type MyselfView = z.infer<typeof myselfSchema>;

/** Server settings shown beside the user. */
export interface ServerSettings {
  userId?: number;
  readOnly: boolean;
  allowlist?: readonly string[];
}

/** Maps the key's owner and the settings to the structured answer. */
export function myselfView(user: User, settings: ServerSettings): MyselfView {
  return {
    id: user.id,
    ...(user.userId ? { user_id: safeLine(user.userId) } : {}),
    name: safeName(user.name ?? ""),
    me_id: settings.userId ?? user.id,
    me_source: settings.userId ? "USER_ID" : "api_key",
    read_only: settings.readOnly,
    ...(settings.allowlist ? { allowed_projects: [...settings.allowlist] } : {}),
  };
}

/** Renders who "me" is and what the server allows. */
export function renderMyselfText(v: MyselfView): string {
  const login = v.user_id ? `login ${v.user_id}, ` : "";
  const lines = [`The API key belongs to ${v.name} (${login}user id ${v.id}).`];
  lines.push(
    v.me_source === "USER_ID" && v.me_id !== v.id
      ? `"me" in these tools means user id ${v.me_id} (set by USER_ID), not the key's owner.`
      : `"me" in these tools means this user (id ${v.me_id}).`,
  );
  lines.push(
    v.read_only
      ? "Read-only mode: tools that change Backlog are turned off (BACKLOG_READ_ONLY)."
      : "Writes are enabled: comments, issue updates and new issues.",
  );
  lines.push(
    v.allowed_projects
      ? `Projects allowed: ${v.allowed_projects.join(", ")} (BACKLOG_PROJECTS).`
      : "Projects allowed: every project the key can see.",
  );
  return lines.join("\n");
}
