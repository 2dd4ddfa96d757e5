/**
 * get_attachment: one file of an issue — an attachment, or a shared file
 * linked to it — by id or name. Images are returned as image content up to
 * BACKLOG_FILE_MAX_BYTES; UTF-8 text as text, clipped; anything else (and
 * anything too large) is described, with where a person finds it.
 *
 * @module
 */

import { READS_BACKLOG } from "./annotations.ts";
import { encodeBase64 } from "./base64.ts";
import { issueUrl } from "../backlog/issue_keys.ts";
import type { Download, Issue, SharedFile } from "../backlog/types.ts";
import {
  decodeUtf8,
  FILE_TEXT_MAX,
  type FileShown,
  fileShownSchema,
  fileView,
  isTextType,
  kindOf,
  type NotShown,
  notShownReason,
  renderFileShownText,
  sniffImage,
  textContent,
} from "../render/attachment.ts";
import { type IssueFile, resolveFile } from "../resolve/files.ts";
import { issueInScope, scopeTest } from "../resolve/in_scope.ts";
import { issueKeyParam, refParam, timezoneParam, toolInput } from "./params.ts";
import { defineTool, type ToolContext, type ToolOutput } from "./tool.ts";
import { zoneName } from "../resolve/timezone.ts";

const inputSchema = toolInput({
  issue_key: issueKeyParam,
  file: refParam("file", '"screenshot.png"', { meaning: "Id or file name." }),
  timezone: timezoneParam,
});

/** The get_attachment tool. */
export const getAttachment = defineTool({
  name: "get_attachment",
  title: "Read a Backlog issue's file",
  description:
    "Use when asked to see a file on an issue (attachment or linked shared file): images shown, text read, others described.",
  inputSchema,
  outputSchema: fileShownSchema,
  annotations: READS_BACKLOG,
  async handler(args, ctx) {
    const tz = await zoneName(ctx, args.timezone);
    const { issue } = await issueInScope(ctx, { ref: args.issue_key, parameter: "issue_key" });
    const key = issue.issueKey;
    const [attachments, shared] = await Promise.all([
      ctx.api.listAttachments(key),
      // Some roles may not list shared files; attachments still work then.
      ctx.api.listIssueSharedFiles(key).catch(() => [] as SharedFile[]),
    ]);
    // A linked shared file of a project outside BACKLOG_PROJECTS is neither listed nor read.
    const allowedProject = await scopeTest(ctx);
    const allowed = (f: SharedFile) => allowedProject({ id: f.projectId ?? issue.projectId });
    // Left out before the search, so such a file and one that does not exist get the same refusal.
    const files = shared.filter((f) => f.type !== "directory" && allowed(f));
    const found = resolveFile(args.file, {
      parameter: "file",
      issueKey: key,
      attachments,
      shared: files,
      leftOut: ctx.scope.restricted
        ? ` Linked files of projects outside the projects this server may use ${ctx.scope.describe()} are left out.`
        : "",
    });
    const view = fileView(found, { url: issueUrl(ctx.config.baseUrl, key), timezone: tz });
    const cap = ctx.config.attachmentMaxBytes;
    const answer = (shown: FileShown, extra: { content?: string; images?: Image[] } = {}) => ({
      text: renderFileShownText(shown, { timezone: tz, content: extra.content }),
      structured: shown,
      ...(extra.images ? { images: extra.images } : {}),
    });
    const describe = (notShown: NotShown, type = view.type) =>
      answer({
        issue_key: key,
        file: { ...view, type },
        shown: "description",
        reason: notShownReason(notShown),
      });
    const kind = kindOf(found.file.name);
    if (kind === "other") return describe({ why: "kind" });
    const size = found.file.size ?? 0;
    if (kind === "image" && size > cap) return describe({ why: "too_large", cap, size });
    // A text file needs no more bytes than the characters it may show (4 bytes each at most).
    const limit = kind === "image" ? cap : Math.min(cap, FILE_TEXT_MAX * 4 + 4);
    const download = await fetchFile(ctx, found, { issue, maxBytes: limit });
    if (kind === "image") {
      const type = sniffImage(download.bytes);
      if (download.truncated) return describe({ why: "too_large", cap });
      if (!type) return describe({ why: "not_image" });
      const file = { ...view, type };
      return answer(
        { issue_key: key, file, shown: "image", reason: null },
        { images: [{ data: encodeBase64(download.bytes), mimeType: type }] },
      );
    }
    const text = decodeUtf8(download.bytes, download.truncated);
    const type = download.contentType;
    if (text === null || (type && !isTextType(type) && type !== "application/octet-stream")) {
      return describe({ why: "not_text" }, type ?? view.type);
    }
    const shown = textContent(text, download.truncated);
    const file = { ...view, type: type ?? view.type };
    return answer({
      issue_key: key,
      file,
      shown: "text",
      reason: null,
      text_omitted_chars: shown.omitted,
    }, { content: shown.text });
  },
});

type Image = NonNullable<ToolOutput<FileShown>["images"]>[number];

/** The file's bytes, at most `maxBytes`; a shared file from its project (the issue's by default). */
function fetchFile(
  ctx: ToolContext,
  found: IssueFile,
  from: { issue: Pick<Issue, "issueKey" | "projectId">; maxBytes: number },
): Promise<Download> {
  const { issue, maxBytes } = from;
  return found.source === "attachment"
    ? ctx.api.downloadAttachment(issue.issueKey, found.file.id, maxBytes)
    : ctx.api.downloadSharedFile(found.file.projectId ?? issue.projectId, found.file.id, maxBytes);
}
