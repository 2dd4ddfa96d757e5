/**
 * Projects and their metadata (get_project_list, get_project_metadata): what
 * a model needs to fill the other tools' parameters, ids beside names.
 *
 * @module
 */

import { z } from "zod";
import {
  type Category,
  CLOSED_STATUS_ID,
  type CustomField,
  type IssueType,
  type Named,
  type Project,
  type Status,
  type User,
  type Version,
} from "../backlog/types.ts";
import { safeLine } from "./sanitize.ts";
import { customFieldDefLine, customFieldDefSchema, customFieldDefView } from "./custom_fields.ts";
import { listNames, NONE } from "./text.ts";
import { calendarDate } from "../shared/dates.ts";

/** Structured form of a project. */
export const projectSchema = z.object({
  id: z.number(),
  key: z.string(),
  name: z.string(),
  archived: z.boolean(),
});

/** Structured form of a project. */
export type ProjectView = z.infer<typeof projectSchema>;

/** Maps an API project to its view. */
export function projectView(p: Project): ProjectView {
  return { id: p.id, key: p.projectKey, name: safeLine(p.name ?? ""), archived: p.archived };
}

/** `DEMO | Demo Web App | id 101 | archived`. */
export function projectLine(p: ProjectView): string {
  return [p.key, p.name, `id ${p.id}`, ...(p.archived ? ["archived"] : [])].join(" | ");
}

const named = z.object({ id: z.number(), name: z.string() });

/** Structured form of get_project_metadata's answer. */
export const projectMetadataSchema = z.object({
  project: projectSchema,
  statuses: z.array(named.extend({
    closed: z.boolean().describe("true for Closed (完了), the status that ends an issue"),
  })),
  issue_types: z.array(named),
  priorities: z.array(named),
  resolutions: z.array(named),
  categories: z.array(named),
  milestones: z.array(named.extend({
    start_date: z.string().nullable(),
    due_date: z.string().nullable().describe("release due date, YYYY-MM-DD"),
    archived: z.boolean(),
  })),
  members: z.array(z.object({ id: z.number(), user_id: z.string().nullable(), name: z.string() })),
  custom_fields: z.array(customFieldDefSchema),
});

/** Structured form of get_project_metadata's answer. */
export type ProjectMetadata = z.infer<typeof projectMetadataSchema>;

/** The lists fetched for one project. */
export interface MetadataLists {
  project: Project;
  statuses: Status[];
  issueTypes: IssueType[];
  priorities: Named[];
  resolutions: Named[];
  categories: Category[];
  versions: Version[];
  members: User[];
  customFields: CustomField[];
}

/** Maps the fetched lists to the structured answer. */
export function projectMetadata(lists: MetadataLists): ProjectMetadata {
  const idName = (x: Named) => ({ id: x.id, name: safeLine(x.name ?? "") });
  return {
    project: projectView(lists.project),
    statuses: lists.statuses.map((s) => ({ ...idName(s), closed: s.id === CLOSED_STATUS_ID })),
    issue_types: lists.issueTypes.map(idName),
    priorities: lists.priorities.map(idName),
    resolutions: lists.resolutions.map(idName),
    categories: lists.categories.map(idName),
    milestones: lists.versions.map((v) => ({
      ...idName(v),
      start_date: calendarDate(v.startDate),
      due_date: calendarDate(v.releaseDueDate),
      archived: v.archived ?? false,
    })),
    members: lists.members.map((u) => ({
      id: u.id,
      user_id: u.userId ? safeLine(u.userId) : null,
      name: safeLine(u.name ?? ""),
    })),
    custom_fields: [...lists.customFields]
      .sort((a, b) => (a.displayOrder ?? 0) - (b.displayOrder ?? 0))
      .map((f) => customFieldDefView(f, lists.issueTypes)),
  };
}

/** Members and lists beyond this many entries are summarised ("… and N more"). */
const LINE_MAX = 60;

/** Renders the metadata as compact text, ids in parentheses. */
export function renderProjectMetadataText(m: ProjectMetadata): string {
  const list = (items: { id: number; name: string }[]) =>
    listNames(items.map((i) => `${i.name} (${i.id})`), LINE_MAX);
  const p = m.project;
  const lines = [
    `${p.key}: ${p.name} (project id ${p.id}${p.archived ? ", archived" : ""})`,
    `Statuses: ${
      listNames(m.statuses.map((s) => `${s.name} (${s.id}${s.closed ? ", closed" : ""})`), LINE_MAX)
    }`,
    `Issue types: ${list(m.issue_types)}`,
    `Priorities: ${list(m.priorities)}`,
    `Resolutions: ${list(m.resolutions)}`,
    `Categories: ${list(m.categories)}`,
  ];
  const active = m.milestones.filter((v) => !v.archived);
  const archived = m.milestones.filter((v) => v.archived);
  lines.push(`Milestones (${active.length} active, ${archived.length} archived):`);
  for (const v of [...active, ...archived]) {
    const dates = v.start_date || v.due_date
      ? `${v.start_date ?? NONE} → ${v.due_date ?? NONE}`
      : "no dates";
    lines.push(`- ${v.name} (${v.id}): ${dates}${v.archived ? ", archived" : ""}`);
  }
  if (m.milestones.length === 0) lines.push("- none");
  lines.push(
    `Members: ${
      listNames(
        m.members.map((u) => `${u.name} (${u.user_id ? `${u.user_id}, ` : ""}${u.id})`),
        LINE_MAX,
      )
    }`,
  );
  lines.push(`Custom fields (${m.custom_fields.length}):`);
  for (const d of m.custom_fields) lines.push(customFieldDefLine(d, LINE_MAX));
  if (m.custom_fields.length === 0) lines.push("- none");
  return lines.join("\n");
}
