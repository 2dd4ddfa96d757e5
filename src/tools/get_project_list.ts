/**
 * get_project_list: the projects the tools may use (those the key can see,
 * narrowed to BACKLOG_PROJECTS).
 *
 * @module
 */

import { READS_BACKLOG } from "./annotations.ts";
import { fitRows } from "../render/fit.ts";
import { projectListSchema, projectView, renderProjectList } from "../render/project.ts";
import { usableProjects } from "../resolve/resolver.ts";
import { flagParam, toolInput } from "./params.ts";
import { defineTool } from "./tool.ts";

/** The get_project_list tool. */
export const getProjectList = defineTool({
  name: "get_project_list",
  title: "List Backlog projects",
  description:
    "Use when you need the projects you can work in (joined, and allowed by this server): key, name, id and archived flag of each.",
  inputSchema: toolInput({
    include_archived: flagParam("include_archived")
      .default(true),
  }),
  outputSchema: projectListSchema,
  annotations: READS_BACKLOG,
  async handler(args, ctx) {
    const [visible, allowed] = await Promise.all([ctx.metadata.projects(), usableProjects(ctx)]);
    const shown = allowed.filter((p) => args.include_archived || !p.archived).map(projectView);
    const unseen = (ctx.config.projectAllowlist ?? []).filter((key) =>
      !visible.some((p) => p.projectKey === key)
    );
    const page = {
      projects: shown,
      allowlist: ctx.config.projectAllowlist,
      hiddenArchived: allowed.length - shown.length,
      unseen,
    };
    return fitRows({
      count: shown.length,
      build: (count) => renderProjectList({ ...page, shown: count }),
      maxChars: ctx.config.maxResultChars,
      structured: ctx.config.structuredOutput,
    }).output;
  },
});
