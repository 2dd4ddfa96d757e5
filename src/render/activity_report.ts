/**
 * An activity report (get_activity_report): what someone did in a time
 * range, by project and issue, one line each, short enough to paste into a
 * daily or weekly report. Built from Backlog activities (backlog-api.md §12.4): issue ones
 * are folded per issue (created, commented ×n, status A → B, fields changed);
 * the others (wiki, files, Git, pull requests, …) are listed per project.
 *
 * @module
 */

import { z } from "zod";
import type { Activity, ActivityChange } from "../backlog/types.ts";
import { toChanges } from "./changelog.ts";
import { formatTimestamp } from "./time.ts";
import { safeLine } from "./sanitize.ts";
import { SOURCED_SHAPE, sourceLines } from "./sources.ts";
import { oneLine } from "./text.ts";

/** Titles and names are cut to this many characters. */
const TITLE_MAX = 80;
/** Issue lines shown at most (the rest are counted). */
export const ISSUE_LINES_MAX = 150;

/** Structured form of one project's part of the report. */
export const projectReportSchema = z.object({
  project: z.string(),
  name: z.string(),
  issues: z.array(z.object({ key: z.string(), summary: z.string(), did: z.string() })),
  other: z.array(z.string()).describe("wiki, files, Git, pull requests, members …"),
});

/** Structured form of one project's part. */
export type ProjectReport = z.infer<typeof projectReportSchema>;

/** Looks up a status name by project id and status id (activities carry ids). */
export type StatusName = (projectId: number, id: string) => string | undefined;

interface IssueWork {
  key: string;
  summary: string;
  created: boolean;
  comments: number;
  /** First "from" and last "to" of the status changes. */
  status?: { from: string; to: string };
  fields: Set<string>;
  files: number;
  deleted: boolean;
  notified: boolean;
}

const title = (text: string | undefined) => oneLine(safeLine(text ?? ""), TITLE_MAX);

/** What one non-issue activity says, or undefined for issue activities. */
function otherLine(a: Activity): string | undefined {
  const c = a.content ?? {};
  const repo = title(c.repository?.name);
  const pr = `pull request #${c.number ?? "?"} "${title(c.summary)}"`;
  const names = (list?: { name?: string }[]) => (list ?? []).map((u) => title(u.name)).join(", ");
  switch (a.type) {
    case 5:
      return `wiki: created "${title(c.name)}"`;
    case 6:
      return `wiki: updated "${title(c.name)}"`;
    case 7:
      return `wiki: deleted "${title(c.name)}"`;
    case 8:
      return `file: added ${title(`${c.dir ?? ""}${c.name ?? ""}`)}`;
    case 9:
      return `file: updated ${title(`${c.dir ?? ""}${c.name ?? ""}`)}`;
    case 10:
      return `file: deleted ${title(`${c.dir ?? ""}${c.name ?? ""}`)}`;
    case 11:
      return `svn: committed r${c.rev ?? "?"}`;
    case 12:
      return `git: pushed ${c.revision_count ?? "?"} commit(s) to ${repo}`;
    case 13:
      return `git: created repository ${repo}`;
    case 15:
      return `members: added ${names(c.users)}`;
    case 16:
      return `members: removed ${names(c.users)}`;
    case 18:
      return `${pr}: opened`;
    case 19:
      return `${pr}: updated`;
    case 20:
      return `${pr}: commented`;
    case 21:
      return `${pr}: merged`;
    case 22:
      return `milestone: created "${title(c.name)}"`;
    case 23:
      return `milestone: updated "${title(c.name)}"`;
    case 24:
      return `milestone: deleted "${title(c.name)}"`;
    case 25:
      return `teams: added ${names(c.parties)}`;
    case 26:
      return `teams: removed ${names(c.parties)}`;
    case 1:
    case 2:
    case 3:
    case 4:
    case 14:
    case 17:
    case 47:
      return undefined;
    default:
      return c.title ? `document or other: "${title(c.title)}"` : `activity of type ${a.type}`;
  }
}

function fold(work: IssueWork, a: Activity, statusName: StatusName): void {
  const c = a.content ?? {};
  if (a.type === 1 || a.type === 47) work.created = true;
  if (a.type === 4) work.deleted = true;
  if (a.type === 17) work.notified = true;
  if ((a.type === 2 || a.type === 3) && c.comment?.content) work.comments++;
  const statusIn = (id: string) => statusName(a.project?.id ?? 0, id);
  for (const change of c.changes ?? []) applyChange(work, change, statusIn);
}

/** Folds one change into `work`; `statusIn` names a status of the activity's project. */
function applyChange(
  work: IssueWork,
  change: ActivityChange,
  statusIn: (id: string) => string | undefined,
) {
  if (change.field === "attachment") {
    work.files++;
    return;
  }
  if (change.field === "status") {
    const name = (v?: string | null) => v ? safeLine(statusIn(v) ?? v) : "—";
    // Activities come newest first: the first seen is the last "to", the last seen the first "from".
    work.status = {
      from: name(change.old_value),
      to: work.status?.to ?? name(change.new_value),
    };
    return;
  }
  const [named] = toChanges([{ field: change.field }]);
  work.fields.add(safeLine(named.field));
}

function didText(w: IssueWork): string {
  const parts: string[] = [];
  if (w.created) parts.push("created");
  if (w.comments) parts.push(w.comments === 1 ? "commented" : `commented ×${w.comments}`);
  if (w.status) parts.push(`status ${w.status.from} → ${w.status.to}`);
  if (w.fields.size) parts.push(`changed ${[...w.fields].join(", ")}`);
  if (w.files) parts.push(`attached ${w.files} file(s)`);
  if (w.notified) parts.push("notified people");
  if (w.deleted) parts.push("deleted");
  return parts.join("; ") || "updated";
}

/** Folds activities (newest first) into a report per project. */
export function buildReport(
  activities: readonly Activity[],
  statusName: StatusName,
): ProjectReport[] {
  const projects = new Map<
    string,
    { name: string; issues: Map<string, IssueWork>; other: string[] }
  >();
  for (const a of activities) {
    const key = a.project?.projectKey ?? "?";
    const project = projects.get(key) ??
      { name: title(a.project?.name), issues: new Map<string, IssueWork>(), other: [] as string[] };
    projects.set(key, project);
    const line = otherLine(a);
    if (line !== undefined) {
      project.other.push(line);
      continue;
    }
    const c = a.content ?? {};
    const targets = a.type === 14 || a.type === 47
      ? (c.link ?? []).map((l) => ({ keyId: l.key_id, summary: l.title }))
      : [{ keyId: c.key_id, summary: c.summary }];
    for (const t of targets) {
      const issueKey = `${key}-${t.keyId ?? "?"}`;
      const work = project.issues.get(issueKey) ?? {
        key: issueKey,
        summary: title(t.summary),
        created: false,
        comments: 0,
        fields: new Set<string>(),
        files: 0,
        deleted: false,
        notified: false,
      };
      project.issues.set(issueKey, work);
      fold(work, a, statusName);
    }
  }
  return [...projects.entries()].map(([project, p]) => ({
    project,
    name: p.name,
    issues: [...p.issues.values()].map((w) => ({
      key: w.key,
      summary: w.summary,
      did: didText(w),
    })),
    other: collapse(p.other),
  }));
}

/** `["wiki: updated "A"", "wiki: updated "A""]` → `["wiki: updated "A" ×2"]`, order kept. */
function collapse(lines: string[]): string[] {
  const counts = new Map<string, number>();
  for (const l of lines) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts].map(([l, n]) => (n > 1 ? `${l} ×${n}` : l));
}

/** The report (get_activity_report's structured answer): everything its text shows. */
export const activityReportSchema = z.object({
  who: z.string(),
  since: z.string(),
  until: z.string(),
  actions: z.number(),
  projects: z.array(projectReportSchema),
  ...SOURCED_SHAPE,
});

/** The report. */
export type ActivityReport = z.infer<typeof activityReportSchema>;

/** What get_activity_report read, as facts; {@linkcode activityAccount} words them. */
export interface ActivityReads {
  userId: number;
  pages: number;
  /** Activities read (newest first). */
  read: number;
  /** The page limit stopped the reading at `oldest`, the oldest activity read (Backlog's time). */
  capped: boolean;
  oldest?: string;
  /** BACKLOG_PROJECTS narrows the projects. */
  restricted: boolean;
  /** The zone `oldest` is shown in. */
  timezone: string;
}

/** The sources and what was left out, in words. */
export function activityAccount(r: ActivityReads): { sources: string[]; left_out: string[] } {
  const leftOut: string[] = [];
  if (r.capped) {
    leftOut.push(
      `activities before ${
        formatTimestamp(r.oldest, r.timezone)?.text ?? "the oldest read"
      } (read the newest ${r.read}; a later since helps)`,
    );
  }
  if (r.restricted) leftOut.push("projects outside BACKLOG_PROJECTS");
  return { sources: [`GET /users/${r.userId}/activities (${r.pages} page(s))`], left_out: leftOut };
}

/** "Hanako Suzuki (you)": whose activity it is, when it is mine. */
export function selfLabel(name: string | undefined): string {
  return name ? `${safeLine(name)} (you)` : "you";
}

/** Renders the report: a header, then per project its issues and other work. */
export function renderReportText(r: ActivityReport): string {
  const issueCount = r.projects.reduce((n, p) => n + p.issues.length, 0);
  const lines = [
    `Activity of ${r.who}, ${r.since} – ${r.until}: ${r.actions} action(s), ${issueCount} issue(s), ${r.projects.length} project(s).`,
  ];
  let budget = ISSUE_LINES_MAX;
  for (const p of r.projects) {
    lines.push(`${p.project}${p.name ? ` ${p.name}` : ""}`);
    for (const issue of p.issues) {
      if (budget-- > 0) lines.push(`- ${issue.key} ${issue.summary}: ${issue.did}`);
    }
    for (const other of p.other) lines.push(`- ${other}`);
  }
  if (budget < 0) lines.push(`… and ${-budget} more issue line(s) (a later since shortens it).`);
  lines.push(...sourceLines(r));
  return lines.join("\n");
}
