/**
 * What hangs off an issue in get_issue_details: its child issues (key,
 * summary, status) and the shared files linked to it, as structured data and
 * as the lines of the text answer. Names and summaries are third-party text,
 * made safe here.
 *
 * @module
 */

import { z } from "zod";
import type { Issue, SharedFile } from "../backlog/types.ts";
import { safeLine } from "./sanitize.ts";
import { formatBytes, NONE, oneLine, SUMMARY_LINE_MAX } from "./text.ts";

/** Structured form of the child issues. */
export const childrenSchema = z.object({
  total: z.number().describe("child issues in all"),
  shown: z.array(z.object({ key: z.string(), summary: z.string(), status: z.string().nullable() })),
}).nullable().describe("null when they could not be fetched");

/** Structured form of the linked shared files. */
export const sharedFilesSchema = z.array(
  z.object({ path: z.string(), size: z.number().nullable() }),
).nullable().describe("null when they could not be fetched");

/** Child issues as shown. */
export type ChildrenView = z.infer<typeof childrenSchema>;
/** Shared files as shown. */
export type SharedFilesView = z.infer<typeof sharedFilesSchema>;

/** The child issues fetched (`null`: the fetch failed) and how many there are in all. */
export function childrenView(found: { issues: Issue[]; total: number } | null): ChildrenView {
  if (!found) return null;
  return {
    total: found.total,
    shown: found.issues.map((c) => ({
      key: c.issueKey,
      summary: safeLine(c.summary),
      status: c.status?.name ? safeLine(c.status.name) : null,
    })),
  };
}

/** The shared files (`undefined`: the fetch failed), as `dir + name`. */
export function sharedFilesView(files: readonly SharedFile[] | undefined): SharedFilesView {
  if (!files) return null;
  return files.map((f) => ({
    path: safeLine(`${f.dir ?? ""}${f.name}`),
    size: typeof f.size === "number" ? f.size : null,
  }));
}

/** The text lines for child issues and shared files (none when there are none). */
export function relationLines(children: ChildrenView, files: SharedFilesView): string[] {
  const lines: string[] = [];
  if (children === null) lines.push("Child issues: could not be fetched.");
  else if (children.total > 0) {
    const more = children.total - children.shown.length;
    lines.push(
      more > 0
        ? `Child issues (showing ${children.shown.length} of ${children.total}; get_user_issue_list with parent_issue_ids lists all):`
        : `Child issues (${children.total}):`,
    );
    for (const c of children.shown) {
      lines.push(`- ${c.key} | ${oneLine(c.summary, SUMMARY_LINE_MAX)} | ${c.status ?? NONE}`);
    }
  }
  if (files === null) lines.push("Shared files: could not be fetched.");
  else if (files.length) {
    const listed = files.map((f) =>
      f.size === null ? f.path : `${f.path} (${formatBytes(f.size)})`
    );
    lines.push(`Shared files: ${listed.join(", ")}`);
  }
  return lines;
}
