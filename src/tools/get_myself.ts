/**
 * get_myself: who the API key belongs to, i.e. the "me" of the other tools,
 * and what the server allows (read-only mode, project allowlist).
 *
 * @module
 */

import { myselfSchema, myselfView, renderMyselfText } from "../render/user.ts";
import { toolInput } from "./params.ts";
import { defineTool, READS_BACKLOG } from "./tool.ts";

/** The get_myself tool. */
export const getMyself = defineTool({
  name: "get_myself",
  title: "Who am I on Backlog",
  description:
    'Use when you need to know who "me" is on Backlog (e.g. before filtering or assigning by user) or what this server allows. Returns the API key owner\'s user id, login id and display name, the user id "me" stands for in the other tools, whether read-only mode is on and which projects are allowed.',
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
