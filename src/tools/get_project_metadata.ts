/**
 * get_project_metadata: everything needed to fill the other tools'
 * parameters for one project, in one call.
 *
 * @module
 */

import { READS_BACKLOG } from "./annotations.ts";
import { fitRows } from "../render/fit.ts";
import {
  METADATA_LIST_MAX,
  projectMetadata,
  projectMetadataSchema,
  renderProjectMetadataText,
} from "../render/project.ts";
import { projectByRef } from "../resolve/resolver.ts";
import { refParam, toolInput } from "./params.ts";
import { defineTool } from "./tool.ts";

/** The get_project_metadata tool. */
export const getProjectMetadata = defineTool({
  name: "get_project_metadata",
  title: "Backlog project metadata",
  description:
    "Use when you need a project's valid values (to filter, update or create by name, or after a name was refused): statuses (which is closed), issue types, priorities, resolutions, categories, milestones, members and custom fields, ids beside names.",
  inputSchema: toolInput({
    project: refParam("project", '"PROJ"'),
  }),
  outputSchema: projectMetadataSchema,
  annotations: READS_BACKLOG,
  async handler(args, ctx) {
    const project = await projectByRef(ctx, args.project, "project");
    const m = ctx.metadata;
    const id = project.id;
    const lists = {
      project,
      ...await allOf({
        statuses: m.statuses(id),
        issueTypes: m.issueTypes(id),
        priorities: m.priorities(),
        resolutions: m.resolutions(),
        categories: m.categories(id),
        versions: m.versions(id),
        members: m.projectUsers(id),
        customFields: m.customFields(id),
      }),
    };
    // Each list shows as many entries as let the whole answer fit (up to 100).
    return fitRows({
      count: METADATA_LIST_MAX,
      build: (listMax) => {
        const view = projectMetadata(lists, listMax);
        return { text: renderProjectMetadataText(view), structured: view };
      },
      maxChars: ctx.config.maxResultChars,
      structured: ctx.config.structuredOutput,
    }).output;
  },
});

/** Awaits every promise of `pending` at once, keeping their names. */
async function allOf<T extends Record<string, Promise<unknown>>>(
  pending: T,
): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const entries = await Promise.all(
    Object.entries(pending).map(async ([name, promise]) => [name, await promise]),
  );
  return Object.fromEntries(entries);
}
