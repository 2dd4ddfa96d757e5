/**
 * get_project_metadata: everything needed to fill the other tools'
 * parameters for one project, in one call.
 *
 * @module
 */

import {
  projectMetadata,
  projectMetadataSchema,
  renderProjectMetadataText,
} from "../render/project.ts";
import { projectByRef } from "../resolve/resolver.ts";
import { refParam, toolInput } from "./params.ts";
import { defineTool, READS_BACKLOG } from "./tool.ts";

/** The get_project_metadata tool. */
export const getProjectMetadata = defineTool({
  name: "get_project_metadata",
  title: "Get a Backlog project's statuses, types, milestones and members",
  description:
    "Use when you need the valid values for a project's issues: before filtering, updating or creating issues by name, or when a name was refused. Returns the project's statuses (and which one counts as closed), issue types, priorities, resolutions, categories, milestones (with start/due dates and an archived flag), members (id, login id, name) and custom fields (type, required flag, items), ids beside names.",
  inputSchema: toolInput({
    project: refParam("project", 'Project key or id, e.g. "PROJ" or 12345.', '"PROJ"'),
  }),
  outputSchema: projectMetadataSchema,
  annotations: READS_BACKLOG,
  async handler(args, ctx) {
    const project = await projectByRef(ctx, args.project, "project");
    const m = ctx.metadata;
    const [
      statuses,
      issueTypes,
      priorities,
      resolutions,
      categories,
      versions,
      members,
      customFields,
    ] = await Promise.all([
      m.statuses(project.id),
      m.issueTypes(project.id),
      m.priorities(),
      m.resolutions(),
      m.categories(project.id),
      m.versions(project.id),
      m.projectUsers(project.id),
      m.customFields(project.id),
    ]);
    const view = projectMetadata({
      project,
      statuses,
      issueTypes,
      priorities,
      resolutions,
      categories,
      versions,
      members,
      customFields,
    });
    return { text: renderProjectMetadataText(view), structured: view };
  },
});
