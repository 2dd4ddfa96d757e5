/**
 * Redaction of the API key. The key is sent in a header, but the `apiKey`
 * query fallback puts it in URLs, URLs end up in error messages and logs, and
 * Backlog (or a proxy) may echo it back in any case or in part. Everything
 * this project prints passes through here.
 *
 * The key-matching rules: a secret is found in any letter case, raw or
 * URL-encoded, and so is every run of at least {@linkcode MIN_PART_LENGTH}
 * characters taken from it (an echo that cut the key short, or split it).
 *
 * @module
 */

import { mapStrings } from "./map_strings.ts";

/** What a secret is replaced with. */
export const REDACTED = "[REDACTED]";

/** The shortest piece of a secret that is redacted on its own. */
export const MIN_PART_LENGTH = 8;

/** Matches an `apiKey=` query parameter value in a URL or text. */
const API_KEY_PARAM = /([?&]apiKey=)[^&#\s"'()<>]*/gi;

/**
 * Removes every occurrence of the given secrets (raw and URL-encoded, in any
 * case, and every part of at least {@linkcode MIN_PART_LENGTH} characters) and
 * any `apiKey=` query value from `text`. Secrets shorter than 4 characters
 * are ignored (they would mangle ordinary text).
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text.replace(API_KEY_PARAM, `$1${REDACTED}`);
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      out = form.length < MIN_PART_LENGTH ? redactWhole(out, form) : redactParts(out, form);
    }
  }
  return out;
}

/** Returns `url` as a string with the `apiKey` parameter masked. */
export function redactUrl(url: URL | string): string {
  return String(url).replace(API_KEY_PARAM, `$1${REDACTED}`);
}

/** Every case-insensitive occurrence of a short `secret` replaced. */
function redactWhole(text: string, secret: string): string {
  const escaped = secret.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return text.replace(new RegExp(escaped, "gi"), REDACTED);
}

/**
 * Every run of {@linkcode MIN_PART_LENGTH} or more characters that is a
 * contiguous part of `secret` (case-insensitively) replaced, longest first at
 * each position. The pieces are looked for with native `indexOf` scans, one
 * per piece of the secret, so text without the key costs a few fast passes.
 */
function redactParts(text: string, secret: string): string {
  const haystack = foldCase(text);
  const needle = foldCase(secret);
  // Where each piece of MIN_PART_LENGTH characters starts in the secret.
  const starts = new Map<string, number[]>();
  for (let p = 0; p + MIN_PART_LENGTH <= needle.length; p++) {
    const piece = needle.slice(p, p + MIN_PART_LENGTH);
    starts.set(piece, [...(starts.get(piece) ?? []), p]);
  }
  const hits: number[] = [];
  for (const piece of starts.keys()) {
    for (let at = haystack.indexOf(piece); at >= 0; at = haystack.indexOf(piece, at + 1)) {
      hits.push(at);
    }
  }
  if (hits.length === 0) return text;
  hits.sort((a, b) => a - b);
  let out = "";
  let copied = 0;
  for (const i of hits) {
    if (i < copied) continue; // inside a run already redacted
    let longest = MIN_PART_LENGTH;
    for (const p of starts.get(haystack.slice(i, i + MIN_PART_LENGTH))!) {
      let n = MIN_PART_LENGTH;
      while (p + n < needle.length && haystack[i + n] === needle[p + n]) n++;
      longest = Math.max(longest, n);
    }
    out += text.slice(copied, i) + REDACTED;
    copied = i + longest;
  }
  return out + text.slice(copied);
}

/** Lower case, one UTF-16 unit for one (so positions stay those of the original). */
function foldCase(text: string): string {
  const lower = text.toLowerCase();
  // No character's lower case is shorter, so an equal length means every position lines up.
  if (lower.length === text.length) return lower;
  let out = "";
  for (const unit of text.split("")) {
    const folded = unit.toLowerCase();
    out += folded.length === 1 ? folded : unit;
  }
  return out;
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
