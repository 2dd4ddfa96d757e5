/**
 * get_project_list: the projects the tools may use (those the key can see,
 * narrowed to BACKLOG_PROJECTS).
 *
 * @module
 */

import { READS_BACKLOG } from "./annotations.ts";
import { z } from "zod";
import { cutNote, fitRows } from "../render/fit.ts";
import { projectLine, projectSchema, projectView } from "../render/project.ts";
import { usableProjects } from "../resolve/resolver.ts";
import { flagParam, toolInput } from "./params.ts";
import { defineTool } from "./tool.ts";

const outputSchema = z.object({
  projects: z.array(projectSchema),
  allowed_projects: z.array(z.string()).optional()
    .describe("BACKLOG_PROJECTS; absent when every visible project is allowed"),
  notes: z.array(z.string()),
});

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
  outputSchema,
  annotations: READS_BACKLOG,
  async handler(args, ctx) {
    const [visible, allowed] = await Promise.all([ctx.metadata.projects(), usableProjects(ctx)]);
    const shown = allowed.filter((p) => args.include_archived || !p.archived).map(projectView);
    const notes: string[] = [];
    const hidden = allowed.length - shown.length;
    if (hidden > 0) {
      notes.push(
        `${hidden} archived project${hidden === 1 ? "" : "s"} not shown (include_archived=false).`,
      );
    }
    const unseen = (ctx.config.projectAllowlist ?? []).filter((key) =>
      !visible.some((p) => p.projectKey === key)
    );
    if (unseen.length) {
      notes.push(
        `BACKLOG_PROJECTS names ${
          unseen.join(", ")
        }, which the API key's user cannot see (not a member, or no such project).`,
      );
    }
    const scope = ctx.scope.restricted ? ` allowed by BACKLOG_PROJECTS` : "";
    const build = (count: number) => {
      const projects = shown.slice(0, count);
      const all = count < shown.length
        ? [
          ...notes,
          cutNote({
            shown: count,
            of: shown.length,
            what: "projects",
            how: "include_archived=false leaves archived ones out",
          }),
        ]
        : notes;
      const lines = [
        shown.length
          ? `${shown.length} project${shown.length === 1 ? "" : "s"}${scope} (key | name | id):`
          : `No projects${scope}.`,
        ...projects.map(projectLine),
        ...all.map((n) => `Note: ${n}`),
      ];
      return {
        text: lines.join("\n"),
        structured: {
          projects,
          ...(ctx.config.projectAllowlist
            ? { allowed_projects: [...ctx.config.projectAllowlist] }
            : {}),
          notes: all,
        },
      };
    };
    return fitRows({
      count: shown.length,
      build,
      maxChars: ctx.config.maxResultChars,
      structured: ctx.config.structuredOutput,
    }).output;
  },
});
