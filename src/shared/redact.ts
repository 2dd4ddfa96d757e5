/**
 * Redaction of the API key. The key is sent in a header, but the `apiKey`
 * query fallback puts it in URLs, and URLs end up in error messages and logs.
 * Everything this project prints passes through here.
 *
 * @module
 */

import { mapStrings } from "./map_strings.ts";

/** What a secret is replaced with. */
export const REDACTED = "[REDACTED]";

/** Matches an `apiKey=` query parameter value in a URL or text. */
const API_KEY_PARAM = /([?&]apiKey=)[^&#\s"'()<>]*/gi;

/**
 * Removes every occurrence of the given secrets (raw and URL-encoded) and any
 * `apiKey=` query value from `text`.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text.replace(API_KEY_PARAM, `$1${REDACTED}`);
  for (const secret of secrets) {
    if (secret.length < 4) continue; // too short to redact without mangling text
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      out = out.split(form).join(REDACTED);
    }
  }
  return out;
}

/** Returns `url` as a string with the `apiKey` parameter masked. */
export function redactUrl(url: URL | string): string {
  return String(url).replace(API_KEY_PARAM, `$1${REDACTED}`);
}

/**
 * `value` (JSON-like data, e.g. a structured tool result) with
 * {@linkcode redactSecrets} applied to each string in it. Redacting values
 * one by one, never the serialized JSON, means no text (quotes, backslashes,
 * `?apiKey=`) can change the structure or make it unparseable.
 */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  return mapStrings(value, (text) => redactSecrets(text, secrets));
}
