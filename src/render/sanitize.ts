/**
 * Makes third-party text (anything a Backlog user typed: summaries,
 * descriptions, comments, names, field values, file names) safe for a model
 * to read: nothing invisible, no control or terminal escape sequences, no line
 * breaks where the answer's own structure expects one line. Characters a
 * person can see (Japanese, emoji, code such as `if a<b {}`) are kept as they
 * are: this is not HTML sanitising.
 *
 * @module
 */

import { mapStrings } from "../shared/map_strings.ts";

// Terminal escape sequences: CSI (ESC [ … final byte), OSC/DCS/APC/PM/SOS
// (ESC ] … BEL or ESC \), the C1 single-byte CSI/OSC forms, and two-byte ESC x.
const ESCAPES = new RegExp(
  [
    "\\x1b\\[[0-?]*[ -/]*[@-~]",
    "\\x1b[\\]PX^_][\\s\\S]*?(?:\\x07|\\x1b\\\\|$)",
    "\\x9b[0-?]*[ -/]*[@-~]",
    "[\\x9d\\x90\\x98\\x9e\\x9f][\\s\\S]*?(?:\\x07|\\x9c|\\x1b\\\\|$)",
    "\\x1b[ -~]?",
  ].join("|"),
  "g",
);

// Invisible or direction-changing characters: C0 controls but tab/newline,
// DEL and C1 controls, soft hyphen, Arabic letter mark, Mongolian vowel
// separator, zero-width space/joiners, bidi marks, embeddings, overrides and
// isolates, word joiner and invisible operators, Hangul fillers, BOM, and the
// Unicode tag block (U+E0000–E007F, which can spell hidden text).
const INVISIBLE = new RegExp(
  "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\u00ad\\u061c\\u115f\\u1160\\u180e" +
    "\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\u3164\\ufeff\\uffa0" +
    "\\u{e0000}-\\u{e007f}]",
  "gu",
);

/**
 * A multi-line text made safe: line breaks normalised to `\n` (CR, CRLF,
 * U+2028/2029, NEL), tabs and newlines kept, every other control, escape
 * sequence and invisible character removed.
 */
export function safeText(text: string): string {
  return text
    .replace(ESCAPES, "")
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, "\n")
    .replace(INVISIBLE, "");
}

/**
 * A one-line text made safe: as {@linkcode safeText}, and every run of
 * whitespace (line breaks and tabs included) folded into one space, so a value
 * can never start a line of its own (no forged `Status: Closed` rows).
 */
export function safeLine(text: string): string {
  return safeText(text).replace(/\s+/g, " ").trim();
}

/**
 * `value` (JSON-like data) with {@linkcode safeText} applied to every string:
 * the last pass over every tool result, so nothing invisible reaches a model
 * even from a view that forgot to sanitise. Line breaks are kept; flattening
 * one-line fields is the views' job.
 */
export function safeDeep<T>(value: T): T {
  return mapStrings(value, safeText);
}

/**
 * A multi-line third-party text (a description, a comment) as the lines of a
 * fenced block. The fence is one backtick longer than the longest backtick run
 * inside (at least three), so no line of the text can close it: whatever the
 * text says stays inside, never passing for the answer's own structure.
 */
export function fenced(text: string): string[] {
  const safe = safeText(text);
  let longest = 0;
  for (const run of safe.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = "`".repeat(Math.max(3, longest + 1));
  return [fence, ...safe.split("\n"), fence];
}
