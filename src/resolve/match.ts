/**
 * Matching what a person typed against Backlog names. Case, character width
 * (ＡＢＣ / ABC), and spaces or underscores are ignored; nothing else is: no
 * prefixes, no fuzzy guesses. No match lists the valid names; several matches
 * list them all and ask for an id.
 *
 * @module
 */

import { listNames } from "../render/text.ts";
import { ToolInputError } from "../shared/input_error.ts";

/** `" In_Progress "` → `"in progress"`; full-width forms folded (NFKC). */
export function normalizeName(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/[\s_]+/g, " ").trim();
}

/** Spaces dropped too, so `佐藤健二` finds `佐藤 健二`; used only when nothing matched exactly. */
function squash(text: string): string {
  return normalizeName(text).replace(/ /g, "");
}

/** Something that can be named: its names (the first is shown) and the item. */
export interface Candidate<T> {
  item: T;
  names: readonly string[];
}

/** The distinct items one of whose names matches `input`. */
export function matchName<T>(input: string, candidates: readonly Candidate<T>[]): T[] {
  const want = normalizeName(input);
  let hits = candidates.filter((c) => c.names.some((n) => normalizeName(n) === want));
  if (hits.length === 0) {
    const loose = squash(input);
    if (loose) hits = candidates.filter((c) => c.names.some((n) => squash(n) === loose));
  }
  return [...new Set(hits.map((h) => h.item))];
}

/** A reference typed by a person: an id, or a name. Digit-only strings are ids ("0" too: Fixed). */
export function asId(ref: number | string): number | undefined {
  if (typeof ref === "number") return ref;
  const text = ref.trim();
  return /^(0|[1-9][0-9]{0,15})$/.test(text) ? Number(text) : undefined;
}

/**
 * What was looked for, for a refusal's wording: the parameter, the kind of
 * thing (`status`, `issue type` …), where it was looked up (` in DEMO`), and
 * where to see every valid value.
 */
export interface Looked {
  parameter: string;
  what: string;
  where?: string;
  hint?: string;
}

/** `Valid status names: Open, In Progress.`: what a refusal offers instead, one wording. */
function validNames(looked: Looked, valid: readonly string[]): string {
  return `Valid ${looked.what} names: ${listNames(valid)}.${looked.hint ?? ""}`;
}

/** `"Doing"` → no such status: lists what is valid. */
export function unknownName(
  looked: Looked,
  input: string,
  valid: readonly string[],
): ToolInputError {
  return new ToolInputError(
    looked.parameter,
    `no ${looked.what} named "${clip(input)}"${looked.where ?? ""}. ${validNames(looked, valid)}`,
  );
}

/** `102` → no such status id: lists what is valid, with ids. */
export function unknownId(looked: Looked, id: number, valid: readonly string[]): ToolInputError {
  const article = /^[aeiou]/i.test(looked.what) ? "an" : "a";
  return new ToolInputError(
    looked.parameter,
    `${id} is not the id of ${article} ${looked.what}${looked.where ?? ""}. ${
      validNames(looked, valid)
    }`,
  );
}

/** Two things answer to one name: both are shown, nothing is guessed. */
export function ambiguousName(
  looked: Looked,
  input: string,
  matches: readonly string[],
): ToolInputError {
  return new ToolInputError(
    looked.parameter,
    `"${clip(input)}" matches more than one ${looked.what}${looked.where ?? ""}: ${
      matches.join(" and ")
    }. Pass the id instead.`,
  );
}

/** An item with an id and a name (status, milestone, issue type, category, priority …). */
export interface NamedItem {
  id: number;
  name: string;
}

/** Options for {@linkcode resolveNamed}. */
export interface NamedOptions<T> extends Looked {
  /** Other names the item answers to (e.g. the Japanese name of a built-in status). */
  aliases?: (item: T) => readonly string[];
}

/**
 * Resolves one id or name against `items` (one project's, or the space's):
 * ids must be in the list too, so a write is checked before it is sent.
 */
export function resolveNamed<T extends NamedItem>(
  ref: number | string,
  items: readonly T[],
  options: NamedOptions<T>,
): T {
  const id = asId(ref);
  if (id !== undefined) {
    const found = items.find((item) => item.id === id);
    if (found) return found;
    throw unknownId(options, id, items.map((i) => `${i.name} (${i.id})`));
  }
  const text = String(ref);
  const matches = matchName(text, items.map((item) => candidate(item, options.aliases)));
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    throw ambiguousName(options, text, matches.map((m) => `"${m.name}" (${m.id})`));
  }
  throw unknownName(options, text, items.map((i) => i.name));
}

/** A named item as a match candidate, with its aliases. */
export function candidate<T extends NamedItem>(
  item: T,
  aliases?: (item: T) => readonly string[],
): Candidate<T> {
  return { item, names: [item.name, ...(aliases?.(item) ?? [])] };
}

function clip(text: string): string {
  const chars = [...text];
  return chars.length > 60 ? chars.slice(0, 60).join("") + "…" : text;
}
