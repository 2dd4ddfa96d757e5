/**
 * An issue's files by what a person calls them: an id, else a file name
 * (exact, then ignoring case; a shared file's path too). The files are the
 * issue's attachments and the shared files linked to it that the scope
 * allows; refusals use the wording of every other name (`match.ts`).
 *
 * @module
 */

import type { AttachmentInfo, SharedFile } from "../backlog/types.ts";
import { safeLine } from "../render/sanitize.ts";
import { ToolInputError } from "../shared/input_error.ts";
import { ambiguousName, type Looked, unknownName } from "./match.ts";

/** A file found on an issue: an attachment or a linked shared file. */
export type IssueFile =
  | { source: "attachment"; file: AttachmentInfo }
  | { source: "shared_file"; file: SharedFile };

/** The files to look in, and what to say of them. */
export interface IssueFiles {
  parameter: string;
  issueKey: string;
  attachments: readonly AttachmentInfo[];
  shared: readonly SharedFile[];
  /** Said after a refusal: files the scope left out of `shared`. */
  leftOut?: string;
}

/** The file `ref` names among `files`. */
export function resolveFile(ref: number | string, files: IssueFiles): IssueFile {
  const all: IssueFile[] = [
    ...files.attachments.map((file) => ({ source: "attachment" as const, file })),
    ...files.shared.map((file) => ({ source: "shared_file" as const, file })),
  ];
  const text = String(ref).trim();
  const path = (f: IssueFile) =>
    f.source === "shared_file" ? `${f.file.dir ?? ""}${f.file.name}` : "";
  const byId = /^\d+$/.test(text) ? all.filter((f) => f.file.id === Number(text)) : [];
  let hits = byId.length ? byId : all.filter((f) => f.file.name === text || path(f) === text);
  if (!hits.length) {
    const lower = text.toLowerCase();
    hits = all.filter((f) =>
      f.file.name.toLowerCase() === lower || path(f).toLowerCase() === lower
    );
  }
  if (hits.length === 1) return hits[0];
  const names = (list: IssueFile[]) =>
    list.map((f) =>
      `${safeLine(path(f) || f.file.name)} (${
        f.source === "attachment" ? "" : "shared file "
      }id ${f.file.id})`
    );
  const looked: Looked = {
    parameter: files.parameter,
    what: "file",
    where: ` on ${files.issueKey}`,
    hint: files.leftOut,
  };
  const shown = safeLine(text);
  if (hits.length > 1) throw ambiguousName(looked, shown, names(hits));
  if (all.length === 0) {
    throw new ToolInputError(
      files.parameter,
      `${files.issueKey} has no attachments or linked shared files.${files.leftOut ?? ""}`,
    );
  }
  throw unknownName(looked, shown, names(all));
}
