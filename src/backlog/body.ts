/**
 * Reading an answer's body under a size cap: the stream is read chunk by
 * chunk and abandoned as soon as it passes the cap (or at once when
 * `Content-Length` says it will), so a huge answer costs at most the cap in
 * memory, is never turned into a string past V8's limit, and is not retried.
 *
 * @module
 */

import { BacklogError } from "./errors.ts";

/** The default cap on one answer's body (BACKLOG_MAX_RESPONSE_BYTES). */
export const DEFAULT_MAX_RESPONSE_BYTES = 20_000_000;

/** What {@linkcode readBody} needs to know about the request. */
export interface BodyContext {
  /** `GET /api/v2/issues`. */
  label: string;
  method: string;
  maxBytes: number;
}

/** The body of `response` as text, or a `too_large` error once it passes `maxBytes`. */
export async function readBody(response: Response, context: BodyContext): Promise<string> {
  const declared = Number(response.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > context.maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge(response, context);
  }
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > context.maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(response, context);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/** `20 MB`, `1.5 MB`, `200 kB`, `512 bytes`. */
export function formatBytes(bytes: number): string {
  const round = (n: number) => String(Math.round(n * 10) / 10);
  if (bytes >= 1_000_000) return `${round(bytes / 1_000_000)} MB`;
  if (bytes >= 1_000) return `${round(bytes / 1_000)} kB`;
  return `${bytes} bytes`;
}

function tooLarge(response: Response, context: BodyContext): BacklogError {
  const { label, method, maxBytes } = context;
  const cap = `${formatBytes(maxBytes)} (BACKLOG_MAX_RESPONSE_BYTES)`;
  const status = response.status;
  let sentence: string;
  if (response.ok && method !== "GET") {
    // The write went through: say so, so that nobody sends it again.
    sentence =
      `Backlog accepted ${label} (HTTP ${status}), but its answer is larger than ${cap}, so it was not read: check the result in Backlog instead of sending it again.`;
  } else if (response.ok) {
    sentence =
      `Backlog's answer to ${label} is larger than ${cap}, so it was not read: ask for less (a lower limit or narrower filters), or raise BACKLOG_MAX_RESPONSE_BYTES.`;
  } else {
    sentence =
      `Backlog answered ${label} with HTTP ${status} and a body larger than ${cap}, which was not read.`;
  }
  return new BacklogError(sentence, {
    kind: "too_large",
    status,
    request: label,
    failure: `answer larger than ${formatBytes(maxBytes)}`,
    final: true,
  });
}
