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
import { cutNote } from "./fit.ts";
import { safeLine } from "./sanitize.ts";
import { customFieldDefLine, customFieldDefSchema, customFieldDefView } from "./custom_fields.ts";
import { listNames, NONE, safeName } from "./text.ts";
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
  return {
    id: p.id,
    key: p.projectKey,
    name: safeName(p.name ?? ""),
    archived: p.archived,
  };
}

/** `DEMO | Demo Web App | id 101 | archived`. */
export function projectLine(p: ProjectView): string {
  return [p.key, p.name, `id ${p.id}`, ...(p.archived ? ["archived"] : [])].join(" | ");
}

/** Structured form of get_project_list's answer. */
export const projectListSchema = z.object({
  projects: z.array(projectSchema),
  allowed_projects: z.array(z.string()).optional()
    .describe("BACKLOG_PROJECTS; absent when every visible project is allowed"),
  notes: z.array(z.string()),
});

/** Structured form of get_project_list's answer. */
export type ProjectList = z.infer<typeof projectListSchema>;

/** What get_project_list found. */
export interface ProjectListPage {
  /** The projects to show, all of them. */
  projects: ProjectView[];
  /** How many of `projects` are shown (fewer when the rest would not fit in one answer). */
  shown: number;
  /** BACKLOG_PROJECTS, when set. */
  allowlist?: readonly string[];
  /** Archived projects left out (include_archived=false). */
  hiddenArchived: number;
  /** Keys BACKLOG_PROJECTS names that the API key's user cannot see. */
  unseen: readonly string[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The answer showing the first `page.shown` projects: text and structured form. */
export function renderProjectList(
  page: ProjectListPage,
): { text: string; structured: ProjectList } {
  const { projects: all, shown, allowlist } = page;
  const notes: string[] = [];
  if (page.hiddenArchived > 0) {
    notes.push(
      `${plural(page.hiddenArchived, "archived project")} not shown (include_archived=false).`,
    );
  }
  if (page.unseen.length) {
    notes.push(
      `BACKLOG_PROJECTS names ${
        page.unseen.join(", ")
      }, which the API key's user cannot see (not a member, or no such project).`,
    );
  }
  if (shown < all.length) {
    notes.push(cutNote({
      shown,
      of: all.length,
      what: "projects",
      how: "include_archived=false leaves archived ones out",
    }));
  }
  const projects = all.slice(0, shown);
  const scope = allowlist ? " allowed by BACKLOG_PROJECTS" : "";
  const lines = [
    all.length
      ? `${plural(all.length, "project")}${scope} (key | name | id):`
      : `No projects${scope}.`,
    ...projects.map(projectLine),
    ...notes.map((n) => `Note: ${n}`),
  ];
  return {
    text: lines.join("\n"),
    structured: { projects, ...(allowlist ? { allowed_projects: [...allowlist] } : {}), notes },
  };
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
    start_date: z.string().optional(),
    due_date: z.string().optional().describe("release due date, YYYY-MM-DD"),
    archived: z.boolean(),
  })),
  members: z.array(z.object({ id: z.number(), user_id: z.string().optional(), name: z.string() })),
  custom_fields: z.array(customFieldDefSchema),
  more: z.record(z.string(), z.number().int()).optional()
    .describe("entries not listed, per list, when a list is longer than the answer holds"),
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
export function projectMetadata(
  lists: MetadataLists,
  listMax: number = METADATA_LIST_MAX,
): ProjectMetadata {
  const idName = (x: Named) => ({ id: x.id, name: safeName(x.name ?? "") });
  const more: Record<string, number> = {};
  // Every list is bounded: a space with thousands of members still gets a bounded answer.
  const cap = <T>(list: string, items: readonly T[]): T[] => {
    if (items.length > listMax) more[list] = items.length - listMax;
    return items.slice(0, listMax);
  };
  // Active milestones first, so a cut drops archived ones.
  const versions = [...lists.versions].sort((a, b) => Number(a.archived) - Number(b.archived));
  const metadata: ProjectMetadata = {
    project: projectView(lists.project),
    statuses: cap("statuses", lists.statuses)
      .map((s) => ({ ...idName(s), closed: s.id === CLOSED_STATUS_ID })),
    issue_types: cap("issue_types", lists.issueTypes).map(idName),
    priorities: cap("priorities", lists.priorities).map(idName),
    resolutions: cap("resolutions", lists.resolutions).map(idName),
    categories: cap("categories", lists.categories).map(idName),
    milestones: cap("milestones", versions).map((v) => {
      const start = calendarDate(v.startDate);
      const due = calendarDate(v.releaseDueDate);
      return {
        ...idName(v),
        ...(start ? { start_date: start } : {}),
        ...(due ? { due_date: due } : {}),
        archived: v.archived ?? false,
      };
    }),
    members: cap("members", lists.members).map((u) => ({
      id: u.id,
      ...(u.userId ? { user_id: safeLine(u.userId) } : {}),
      name: safeName(u.name ?? ""),
    })),
    custom_fields: cap(
      "custom_fields",
      [...lists.customFields].sort((a, b) => (a.displayOrder ?? 0) - (b.displayOrder ?? 0)),
    ).map((f) => customFieldDefView(f, lists.issueTypes)),
  };
  if (Object.keys(more).length) metadata.more = more;
  return metadata;
}

/** Entries of one metadata list shown at most (the rest are counted in `more`). */
export const METADATA_LIST_MAX = 100;

/** Entries one text line shows before "… and N more" (the JSON lists up to 100). */
const LINE_MAX = 60;

/** Renders the metadata as compact text, ids in parentheses. */
export function renderProjectMetadataText(m: ProjectMetadata): string {
  const more = m.more ?? {};
  const line = (list: string, names: string[]) => {
    const text = listNames(names, LINE_MAX);
    const extra = more[list] ?? 0;
    if (!extra) return text;
    const shownMore = /… and (\d+) more$/.exec(text);
    return shownMore
      ? text.replace(/\d+ more$/, `${Number(shownMore[1]) + extra} more`)
      : `${text} … and ${extra} more`;
  };
  const list = (name: string, items: { id: number; name: string }[]) =>
    line(name, items.map((i) => `${i.name} (${i.id})`));
  const p = m.project;
  const lines = [
    `${p.key}: ${p.name} (project id ${p.id}${p.archived ? ", archived" : ""})`,
    `Statuses: ${
      line("statuses", m.statuses.map((s) => `${s.name} (${s.id}${s.closed ? ", closed" : ""})`))
    }`,
    `Issue types: ${list("issue_types", m.issue_types)}`,
    `Priorities: ${list("priorities", m.priorities)}`,
    `Resolutions: ${list("resolutions", m.resolutions)}`,
    `Categories: ${list("categories", m.categories)}`,
  ];
  const active = m.milestones.filter((v) => !v.archived);
  const archived = m.milestones.filter((v) => v.archived);
  const counts = more.milestones ? `, ${more.milestones} more not listed` : "";
  lines.push(`Milestones (${active.length} active, ${archived.length} archived${counts}):`);
  for (const v of [...active, ...archived].slice(0, LINE_MAX)) {
    const dates = v.start_date || v.due_date
      ? `${v.start_date ?? NONE} → ${v.due_date ?? NONE}`
      : "no dates";
    lines.push(`- ${v.name} (${v.id}): ${dates}${v.archived ? ", archived" : ""}`);
  }
  const unlisted = Math.max(0, m.milestones.length - LINE_MAX) + (more.milestones ?? 0);
  if (unlisted) lines.push(`- … and ${unlisted} more`);
  if (m.milestones.length === 0) lines.push("- none");
  lines.push(
    `Members: ${
      line(
        "members",
        m.members.map((u) => `${u.name} (${u.user_id ? `${u.user_id}, ` : ""}${u.id})`),
      )
    }`,
  );
  lines.push(`Custom fields (${m.custom_fields.length}):`);
  for (const d of m.custom_fields) lines.push(customFieldDefLine(d, LINE_MAX));
  if (m.custom_fields.length === 0) lines.push("- none");
  return lines.join("\n");
}
