/**
 * Issue search as Backlog pages it (backlog-api.md §4.12, §4.13): up to 100 issues a
 * request, the total when a page comes back short, `/issues/count` only when
 * asked for (limit 0); and a check of the answer against the filters that can be
 * checked locally, so that a filter Backlog ignored is reported, not claimed.
 *
 * @module
 */

import type { BacklogApi, IssueQuery } from "./api.ts";
import type { Issue } from "./types.ts";

/** Backlog returns at most this many issues per request. */
export const ISSUE_PAGE_SIZE = 100;

/** A due date every real one is on or after: `dueDateSince` with it means "has a due date". */
export const ANY_DUE_DATE = "1970-01-01";

/** Issues from `offset`, at most `limit`, and what is known of the rest. */
export interface IssuePage {
  issues: Issue[];
  /** How many match in all; null when not known without a count request. */
  total: number | null;
  /** Whether more match after these; undefined when unknown (the last page was full). */
  more?: boolean;
}

/**
 * Fetches `limit` issues from `offset` in pages of 100, never asking
 * `/issues/count` on the way (a round trip a list does not need): the total
 * is known when a page comes back short, and a last page under 100 asks for
 * one issue more to learn whether others follow. `limit` 0 only counts.
 */
export async function searchIssues(
  api: BacklogApi,
  query: IssueQuery,
  paging: { offset: number; limit: number },
): Promise<IssuePage> {
  const { offset, limit } = paging;
  if (query.projectId?.length === 0) return { issues: [], total: 0, more: false };
  if (limit === 0) {
    const total = await api.countIssues(query);
    return { issues: [], total, more: total > offset };
  }
  const issues: Issue[] = [];
  while (issues.length < limit) {
    const want = Math.min(ISSUE_PAGE_SIZE, limit - issues.length);
    const ask = want < ISSUE_PAGE_SIZE ? want + 1 : want;
    const at = offset + issues.length;
    const page = await api.listIssues(query, at, ask);
    issues.push(...page.slice(0, want));
    if (page.length > want) return { issues, total: null, more: true };
    if (page.length < ask) {
      // Short: this is the end. An empty page past the end says nothing of the total, so a
      // call that found nothing there counts: the offset is never reported as the total.
      const total = page.length > 0 || at === 0
        ? at + page.length
        : issues.length === 0
        ? await api.countIssues(query)
        : null;
      return { issues, total, more: false };
    }
  }
  return { issues, total: null };
}

/**
 * The first `limit` child issues of `parent`, oldest first, and how many it
 * has. Nothing is asked when `parent` came with `childIssueSummary` saying it
 * has none; otherwise one `parentIssueId[]` search (backlog-api.md §12.9), whose
 * grandchildren, if Backlog includes them [UNCONFIRMED], are left out.
 */
export async function childIssues(
  api: BacklogApi,
  parent: Issue,
  limit: number,
): Promise<{ issues: Issue[]; total: number }> {
  const known = parent.childIssueSummary?.total;
  if (known === 0) return { issues: [], total: 0 };
  const query: IssueQuery = {
    projectId: [parent.projectId],
    parentIssueId: [parent.id],
    sort: "created",
    order: "asc",
  };
  const page = await api.listIssues(query, 0, limit);
  const issues = page.filter((i) => i.parentIssueId === parent.id);
  const total = known ?? (page.length < limit ? issues.length : await api.countIssues(query));
  return { issues, total: Math.max(total, issues.length) };
}

const day = (value: string | null | undefined) => value ? value.slice(0, 10) : null;

/**
 * The filters of `query` that some of `issues` break, one phrase each (e.g.
 * `due date until 2026-11-30 (2 issues outside it)`): Backlog ignored or
 * read them differently. Only what an issue shows is checked: calendar-date
 * ranges, due date set or not, attachments, shared files, parent/child.
 */
export function unappliedFilters(query: IssueQuery, issues: readonly Issue[]): string[] {
  const checks: [string, (issue: Issue) => boolean][] = [];
  const range = (label: string, field: "dueDate" | "startDate") => {
    const since = query[`${field}Since`], until = query[`${field}Until`];
    if (!since && !until) return;
    const words = [since && `from ${since}`, until && `until ${until}`].filter(Boolean).join(" ");
    checks.push([`${label} ${words}`, (i) => {
      const d = day(i[field]);
      return d !== null && (!since || d >= since) && (!until || d <= until);
    }]);
  };
  range("due date", "dueDate");
  range("start date", "startDate");
  if (query.hasDueDate === false) checks.push(["no due date", (i) => !i.dueDate]);
  if (query.attachment !== undefined) {
    const want = query.attachment;
    // The list JSON carries the attachments; an issue without the field is not judged.
    checks.push([
      want ? "with attachments" : "without attachments",
      (i) => i.attachments === undefined || (i.attachments.length > 0) === want,
    ]);
  }
  if (query.sharedFile !== undefined) {
    const want = query.sharedFile;
    checks.push([
      want ? "with shared files" : "without shared files",
      (i) => i.sharedFiles === undefined || (i.sharedFiles.length > 0) === want,
    ]);
  }
  if (query.parentChild === 2) checks.push(["child issues", (i) => !!i.parentIssueId]);
  if (query.parentChild === 1 || query.parentChild === 3) {
    checks.push(["not child issues", (i) => !i.parentIssueId]);
  }
  if (query.parentIssueId?.length) {
    // Grandchildren may come back too [UNCONFIRMED], so only an issue without a parent is wrong.
    checks.push(["children of the given parents", (i) => !!i.parentIssueId]);
  }
  const broken: string[] = [];
  for (const [label, ok] of checks) {
    const outside = issues.filter((i) => !ok(i)).length;
    if (outside > 0) {
      broken.push(`${label} (${outside} issue${outside === 1 ? "" : "s"} outside it)`);
    }
  }
  return broken;
}
