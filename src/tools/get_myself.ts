/**
 * get_myself: who the API key belongs to, i.e. the "me" of the other tools,
 * and what the server allows (read-only mode, project allowlist).
 *
 * @module
 */

import { READS_BACKLOG } from "./annotations.ts";
import { myselfSchema, myselfView, renderMyselfText } from "../render/user.ts";
import { toolInput } from "./params.ts";
import { defineTool } from "./tool.ts";

/** The get_myself tool. */
export const getMyself = defineTool({
  name: "get_myself",
  title: "Backlog: who am I",
  description:
    'Use when you need who "me" is (user id, login id, name) or what this server allows (read-only mode, allowed projects).',
  inputSchema: toolInput({}),
  outputSchema: myselfSchema,
  annotations: READS_BACKLOG,
  async handler(_args, ctx) {
    const user = await ctx.metadata.myself();
    const view = myselfView(user, {
      userId: ctx.config.userId,
      readOnly: ctx.config.readOnly,
      allowlist: ctx.config.projectAllowlist,
    });
    return { text: renderMyselfText(view), structured: view };
  },
});
