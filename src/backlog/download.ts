/**
 * File downloads (attachments, shared files): the body read as bytes up to a
 * limit and no further, the media type, and the file name from
 * `Content-Disposition`, which Backlog sends as
 * `attachment; filename*=UTF-8''<percent-encoded>` (backlog-api.md §12.7).
 *
 * @module
 */

import type { Download } from "./types.ts";

/** Reads at most `maxBytes` of `response`'s body, then stops (the rest is never received). */
export async function readDownload(response: Response, maxBytes: number): Promise<Download> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  let truncated = false;
  const reader = response.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = maxBytes - length;
    if (value.length > room) {
      chunks.push(value.subarray(0, room));
      length += room;
      truncated = true;
      await reader.cancel().catch(() => {});
      break;
    }
    chunks.push(value);
    length += value.length;
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  const type = response.headers.get("content-type")?.split(";")[0].trim().toLowerCase();
  return {
    bytes,
    contentType: type || null,
    fileName: dispositionFileName(response.headers.get("content-disposition")),
    truncated,
  };
}

/** `filename*=UTF-8''a%20b.png` (preferred), else `filename="a b.png"` or `filename=a.png`. */
export function dispositionFileName(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[2].trim());
    } catch {
      return extended[2].trim();
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header);
  const name = plain?.[1]?.replace(/\\(.)/g, "$1") ?? plain?.[2]?.trim();
  return name || null;
}
