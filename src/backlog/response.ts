/**
 * What Backlog's answer — or the lack of one — means: the JSON body of a
 * success, or a {@linkcode BacklogError} a person can act on for an error
 * status, a redirect (never followed), a body that is not Backlog's JSON (an
 * HTML error page, a wrong host), a timeout, a cancelled call or a failed
 * connection. Every message is redacted.
 *
 * @module
 */

import { BacklogError, httpError, parseErrorEntries, seconds, withMessage } from "./errors.ts";
import { redactSecrets } from "../shared/redact.ts";

/** `application/json`, with parameters, and `+json` types such as `application/problem+json`. */
const JSON_TYPE = /^application\/(?:[\w.+-]*\+)?json\b/i;

/** What reading an answer needs to know about the request and the client. */
export interface AnswerContext {
  /** The request as messages name it (`GET /api/v2/issues`). */
  label: string;
  /** Removed from every message. */
  apiKey: string;
  /** For a 429: when its class may send again (epoch ms), as the rate gate decided. */
  resetAt?: number;
}

/**
 * The parsed JSON of a successful answer whose body is `text`; otherwise
 * throws the {@linkcode BacklogError} that explains the answer.
 */
export function readAnswer<T>(response: Response, text: string, context: AnswerContext): T {
  const { label, apiKey } = context;
  // 204 No Content: e.g. marking a notification or a watching as read (backlog-api.md §12.5, §12.6).
  if (response.status === 204) return undefined as T;
  const contentType = response.headers.get("content-type") ?? "";
  const parsed = JSON_TYPE.test(contentType) ? tryParseJson(text) : undefined;

  if (response.ok) {
    if (parsed === undefined) {
      const body = describeBody(contentType, text);
      throw new BacklogError(
        `Backlog answered ${label} with ${body} instead of JSON (HTTP ${response.status}): check that BACKLOG_DOMAIN / BACKLOG_BASE_URL points at a Backlog space, and if it does, retry later.`,
        {
          kind: "bad_response",
          status: response.status,
          request: label,
          failure: `HTTP ${response.status} with ${body}`,
        },
      );
    }
    return parsed.value as T;
  }

  const entries = parseErrorEntries(parsed?.value);
  if (entries.length === 0 && response.status !== 429 && response.status !== 401) {
    const kind = response.status >= 500 ? "server" : "bad_response";
    const body = describeBody(contentType, text);
    throw new BacklogError(
      `Backlog answered ${label} with HTTP ${response.status} and ${body} instead of a Backlog error${
        kind === "server" ? ": this is usually temporary, so retry in a minute." : "."
      }`,
      {
        kind,
        status: response.status,
        request: label,
        failure: `HTTP ${response.status} with ${body}`,
      },
    );
  }
  const resetAt = response.status === 429 ? context.resetAt : undefined;
  const said = entries.map((e) => e.message.trim().replace(/\.$/, "")).filter(Boolean).join("; ");
  const error = httpError({ status: response.status, entries, request: label, resetAt });
  throw withMessage(
    error,
    redactSecrets(error.message, [apiKey]),
    redactSecrets(`HTTP ${response.status}${said ? `: ${said}` : ""}`, [apiKey]),
  );
}

/**
 * The error for a 3xx answer. Redirects are never followed (fetch would send
 * the `Backlog-API-Key` header, or the `?apiKey=` URL, to wherever it points),
 * so it names where the redirect leads, by host only, and stops there.
 */
export function redirectError(response: Response, requestUrl: URL, label: string): BacklogError {
  const status = response.status;
  let where = "with no usable Location";
  try {
    const raw = response.headers.get("location");
    if (raw !== null && raw.trim() !== "") {
      const target = new URL(raw, requestUrl);
      where = target.origin === requestUrl.origin
        ? `to another address on ${target.host}`
        : `to ${target.protocol}//${target.host}`;
    }
  } catch { /* an unparsable Location stays "no usable Location" */ }
  return new BacklogError(
    `Backlog answered ${label} with a redirect (HTTP ${status}) ${where}, which is not followed so that the API key goes nowhere else: if that is your space's real address, set BACKLOG_DOMAIN / BACKLOG_BASE_URL to it.`,
    { kind: "redirect", status, request: label, failure: `HTTP ${status} redirect`, final: true },
  );
}

/** What {@linkcode transportError} needs besides the cause. */
export interface TransportContext extends AnswerContext {
  baseUrl: string;
  timeoutMs: number;
  /** Whether the caller's own signal aborted (a cancelled call, not a timeout). */
  cancelled: boolean;
}

/**
 * The error for a request that got no answer: a cancelled call (final), a
 * timeout, a network permission Deno denied (final: no retry can help), or a
 * failed connection.
 */
export function transportError(cause: unknown, context: TransportContext): BacklogError {
  const { label, apiKey, baseUrl, timeoutMs } = context;
  if (cause instanceof BacklogError) return cause;
  if (context.cancelled) return cancelledError(label);
  const name = cause instanceof Error ? cause.name : "";
  if (name === "TimeoutError" || name === "AbortError") {
    return new BacklogError(
      `Backlog did not answer ${label} within ${
        seconds(timeoutMs)
      }: retry later, or raise BACKLOG_TIMEOUT_MS if Backlog is just slow.`,
      { kind: "timeout", request: label, failure: `no answer within ${seconds(timeoutMs)}` },
    );
  }
  if (name === "NotCapable" || name === "PermissionDenied") {
    // Deno's --allow-net does not cover the configured host: no retry can help.
    // Redirects are never followed, so this is the configured host and nothing went out.
    const host = new URL(baseUrl).host;
    return new BacklogError(
      `This server process is not allowed to connect to ${host} (Deno's --allow-net), so ${label} was not sent: start it with \`mise run mcp\` or \`deno task mcp\`, which allow exactly the host of BACKLOG_DOMAIN / BACKLOG_BASE_URL.`,
      { kind: "network", request: label, failure: "network permission denied", final: true },
    );
  }
  const detail = redactSecrets(cause instanceof Error ? cause.message : String(cause), [apiKey]);
  return new BacklogError(
    redactSecrets(
      `Could not reach Backlog at ${baseUrl} for ${label} (${detail}): check BACKLOG_DOMAIN / BACKLOG_BASE_URL and the network, then retry.`,
      [apiKey],
    ),
    { kind: "network", request: label, failure: detail },
  );
}

/** The error for a request whose call was cancelled: final, never retried. */
export function cancelledError(label: string): BacklogError {
  return new BacklogError(`The call was cancelled, so ${label} was stopped.`, {
    kind: "cancelled",
    request: label,
    failure: "cancelled",
    final: true,
  });
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
