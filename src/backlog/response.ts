/**
 * What Backlog's answer — or the lack of one — means: the JSON body of a
 * success, or a {@linkcode BacklogError} a person can act on for an error
 * status, a body that is not Backlog's JSON (an HTML error page, a wrong
 * host), a timeout or a failed connection. Every message is redacted.
 *
 * @module
 */

import { BacklogError, httpError, parseErrorEntries, seconds, withMessage } from "./errors.ts";
import type { FailureNotes } from "./failure_notes.ts";
import { redactSecrets } from "../shared/redact.ts";

/** `application/json`, with parameters, and `+json` types such as `application/problem+json`. */
const JSON_TYPE = /^application\/(?:[\w.+-]*\+)?json\b/i;

/** What reading an answer needs to know about the request and the client. */
export interface AnswerContext {
  /** The request as messages name it (`GET /api/v2/issues`). */
  label: string;
  /** Removed from every message. */
  apiKey: string;
  /** Where each error's failure phrase is recorded for the final sentence. */
  notes: FailureNotes;
}

/** When a 429's window resets (epoch ms), from `X-RateLimit-Reset`; undefined if absent. */
export function rateLimitReset(headers: Headers): number | undefined {
  const reset = Number(headers.get("x-ratelimit-reset"));
  return Number.isFinite(reset) && reset > 0 ? reset * 1000 : undefined;
}

/**
 * The parsed JSON of a successful answer whose body is `text`; otherwise
 * throws the {@linkcode BacklogError} that explains the answer.
 */
export function readAnswer<T>(response: Response, text: string, context: AnswerContext): T {
  const { label, apiKey, notes } = context;
  // 204 No Content: e.g. marking a notification or a watching as read (§12.5, §12.6).
  if (response.status === 204) return undefined as T;
  const contentType = response.headers.get("content-type") ?? "";
  const parsed = JSON_TYPE.test(contentType) ? tryParseJson(text) : undefined;

  if (response.ok) {
    if (parsed === undefined) {
      const body = describeBody(contentType, text);
      throw notes.note(
        new BacklogError(
          `Backlog answered ${label} with ${body} instead of JSON (HTTP ${response.status}): check that BACKLOG_DOMAIN / BACKLOG_BASE_URL points at a Backlog space, and if it does, retry later.`,
          { kind: "bad_response", status: response.status, request: label },
        ),
        `HTTP ${response.status} with ${body}`,
      );
    }
    return parsed.value as T;
  }

  const entries = parseErrorEntries(parsed?.value);
  if (entries.length === 0 && response.status !== 429 && response.status !== 401) {
    const kind = response.status >= 500 ? "server" : "bad_response";
    const body = describeBody(contentType, text);
    throw notes.note(
      new BacklogError(
        `Backlog answered ${label} with HTTP ${response.status} and ${body} instead of a Backlog error${
          kind === "server" ? ": this is usually temporary, so retry in a minute." : "."
        }`,
        { kind, status: response.status, request: label },
      ),
      `HTTP ${response.status} with ${body}`,
    );
  }
  const resetAt = rateLimitReset(response.headers);
  const said = entries.map((e) => e.message.trim().replace(/\.$/, "")).filter(Boolean).join("; ");
  throw notes.note(
    redactError(httpError(response.status, entries, label, resetAt), apiKey),
    redactSecrets(`HTTP ${response.status}${said ? `: ${said}` : ""}`, [apiKey]),
  );
}

/**
 * The error for a request that got no answer: a timeout, a network permission
 * Deno denied (final: no retry can help), or a failed connection.
 */
export function transportError(
  cause: unknown,
  timeoutMs: number,
  context: AnswerContext & { baseUrl: string },
): BacklogError {
  const { label, apiKey, notes, baseUrl } = context;
  const name = cause instanceof Error ? cause.name : "";
  if (name === "TimeoutError" || name === "AbortError") {
    const limit = `no answer within ${seconds(timeoutMs)}`;
    return notes.note(
      new BacklogError(
        `Backlog did not answer ${label} within ${
          seconds(timeoutMs)
        }: retry later, or raise BACKLOG_TIMEOUT_MS if Backlog is just slow.`,
        { kind: "timeout", request: label },
      ),
      limit,
    );
  }
  if (name === "NotCapable" || name === "PermissionDenied") {
    // Deno's --allow-net does not cover the configured host: no retry can help.
    const host = new URL(baseUrl).host;
    return notes.note(
      new BacklogError(
        `This server process is not allowed to connect to ${host} (Deno's --allow-net), so ${label} was not sent: start it with \`mise run mcp\` or \`deno task mcp\`, which allow exactly the host of BACKLOG_DOMAIN / BACKLOG_BASE_URL.`,
        { kind: "network", request: label },
      ),
      "network permission denied",
      true,
    );
  }
  const detail = redactSecrets(cause instanceof Error ? cause.message : String(cause), [apiKey]);
  return notes.note(
    new BacklogError(
      redactSecrets(
        `Could not reach Backlog at ${baseUrl} for ${label} (${detail}): check BACKLOG_DOMAIN / BACKLOG_BASE_URL and the network, then retry.`,
        [apiKey],
      ),
      { kind: "network", request: label },
    ),
    detail,
  );
}

/** `{ value }` for valid JSON (so `null` is told apart from a parse failure). */
function tryParseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/** "an HTML page (\"502 Bad Gateway\")", "malformed JSON", "an empty body" … */
function describeBody(contentType: string, text: string): string {
  if (!text.trim()) return "an empty body";
  if (/html/i.test(contentType) || /^\s*</.test(text)) {
    const title = /<title[^>]*>([^<]{1,80})/i.exec(text)?.[1]?.trim();
    return title ? `an HTML page ("${title}")` : "an HTML page";
  }
  if (JSON_TYPE.test(contentType)) return "malformed JSON";
  return `a ${contentType.split(";")[0] || "non-JSON"} body`;
}

/** `error` with the key removed from its message (Backlog may echo it back). */
function redactError(error: BacklogError, apiKey: string): BacklogError {
  const message = redactSecrets(error.message, [apiKey]);
  if (message === error.message) return error;
  return withMessage(error, message);
}
