/**
 * Custom field values as a person gives them, checked against the field's
 * type, range and items before anything is sent: text, sentence, number
 * (within min/max), date (`YYYY-MM-DD` or today/tomorrow/yesterday, within
 * min/max), list items by name or id (one for single lists and radios, any
 * number for multiple lists and checkboxes), and `{"other": text}` for the
 * free-text choice of checkboxes and radios that allow it. Filters are in
 * `custom_field_filters.ts`.
 *
 * @module
 */

import type { CustomFieldWrite } from "../backlog/custom_field_params.ts";
import { CUSTOM_FIELD_TYPE as T, type CustomField, type Issue } from "../backlog/types.ts";
import { safeLine } from "../render/sanitize.ts";
import { listNames } from "../render/text.ts";
import {
  calendarDate,
  isCalendarDate,
  isRelativeDateWord,
  RELATIVE_DATE_WORDS,
  type RelativeDateWord,
  resolveRelativeDate,
} from "../shared/dates.ts";
import { ToolInputError } from "../shared/input_error.ts";
import { resolveNamed } from "./match.ts";

/** The parameter every custom field error names. */
const PARAMETER = "custom_fields";

/** What relative words resolve against. */
export interface ValueClock {
  tz: string;
  now: Date;
}

/** A write's clock, and the issue it changes (absent on create). */
export interface WriteClock extends ValueClock {
  current?: Issue;
}

const LIST_TYPES: readonly number[] = [T.singleList, T.multipleList, T.checkbox, T.radio];
const MULTI_TYPES: readonly number[] = [T.multipleList, T.checkbox];
const SET_DAY_WORDS = ["today", "tomorrow", "yesterday"];
/** Relative words a date range takes. */
export const RANGE_WORDS = RELATIVE_DATE_WORDS.filter((w) => w !== "overdue");

/** Whether the field's values are list items. */
export const isListField = (field: CustomField): boolean => LIST_TYPES.includes(field.typeId);

/** Whether the field takes free "other" text (checkbox and radio with allowInput). */
export const takesOther = (field: CustomField): boolean =>
  (field.typeId === T.checkbox || field.typeId === T.radio) && field.allowInput === true;

/** A field's name, safe to show. */
export const fieldName = (field: CustomField): string => safeLine(field.name);

/** A value as echoed in a message, clipped. */
export const shown = (value: unknown) => {
  const text = typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
  return [...text].length > 40 ? [...text].slice(0, 39).join("") + "…" : text;
};

/** Refuses a value, naming the field. */
export function fail(field: CustomField, why: string): never {
  throw new ToolInputError(PARAMETER, `"${fieldName(field)}" ${why}`);
}

/** The field's min and max as values compare with them (dates as calendar dates). */
function limits(field: CustomField): [min?: number | string, max?: number | string] {
  const limit = (v: number | string | null | undefined) =>
    v === null || v === undefined
      ? undefined
      : field.typeId === T.date
      ? calendarDate(String(v)) ?? undefined
      : v;
  return [limit(field.min), limit(field.max)];
}

/** `0–100 pt`, `from 2026-01-01`, or "" for an unbounded field. */
function bounds(field: CustomField): string {
  const [min, max] = limits(field);
  const unit = field.unit ? ` ${safeLine(field.unit)}` : "";
  if (min !== undefined && max !== undefined) return ` from ${min} to ${max}${unit}`;
  if (min !== undefined) return ` ≥ ${min}${unit}`;
  if (max !== undefined) return ` ≤ ${max}${unit}`;
  return unit ? ` (${unit.trim()})` : "";
}

/** What a field accepts, in words: `a number from 0 to 100 pt`, `one of Low, Medium, High, or {"other": text}`. */
export function allowedValues(field: CustomField): string {
  const items = listNames((field.items ?? []).map((i) => safeLine(i.name)));
  const other = takesOther(field) ? ', or {"other": text}' : "";
  switch (field.typeId) {
    case T.text:
      return "one line of text";
    case T.sentence:
      return "text";
    case T.number:
      return `a number${bounds(field)}`;
    case T.date:
      return `a date YYYY-MM-DD${bounds(field)}`;
    case T.singleList:
    case T.radio:
      return `one of ${items}${other}`;
    case T.multipleList:
    case T.checkbox:
      return `any of ${items} (a list)${other}`;
    default:
      return "a value of an unknown type";
  }
}

function inRange(field: CustomField, value: number | string): boolean {
  const [min, max] = limits(field);
  return !(min !== undefined && value < min) && !(max !== undefined && value > max);
}

function numberOf(field: CustomField, raw: unknown): number {
  const n = typeof raw === "number"
    ? raw
    : typeof raw === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(raw)
    ? Number(raw)
    : NaN;
  if (!Number.isFinite(n)) fail(field, `takes ${allowedValues(field)}; got ${shown(raw)}.`);
  if (!inRange(field, n)) fail(field, `takes ${allowedValues(field)}; ${n} is out of range.`);
  return n;
}

/** A date or one of `accept.words`, as a calendar range in the clock's timezone. */
export function dateOf(
  field: CustomField,
  raw: unknown,
  accept: { clock: ValueClock; words: readonly string[] },
) {
  const { clock, words } = accept;
  const text = typeof raw === "string" ? raw.trim() : "";
  const word = text.toLowerCase().replace(/[\s-]+/g, "_");
  const day = isCalendarDate(text)
    ? { since: text, until: text }
    : words.includes(word) && isRelativeDateWord(word)
    ? resolveRelativeDate(word as RelativeDateWord, clock.tz, clock.now)
    : undefined;
  if (!day) {
    fail(field, `takes ${allowedValues(field)} or ${words.join(", ")}; got ${shown(raw)}.`);
  }
  return day;
}

/** Item ids of `refs` (names or ids), each checked against the field's items. */
export function itemIds(field: CustomField, refs: unknown[]): number[] {
  const ids: number[] = [];
  for (const ref of refs) {
    if (typeof ref !== "string" && typeof ref !== "number") {
      fail(field, `takes ${allowedValues(field)}; got ${shown(ref)}.`);
    }
    // Names as shown (sanitised): they are matched and, when nothing matches, listed.
    const items = (field.items ?? []).map((i) => ({ id: i.id, name: safeLine(i.name) }));
    // Items are often named by numbers ("1", "2026"): a text that is an item's name means it.
    const named = typeof ref === "string" ? items.filter((i) => i.name === ref.trim()) : [];
    const item = named.length === 1 ? named[0] : resolveNamed(ref, items, {
      parameter: PARAMETER,
      what: "list item",
      where: ` of "${fieldName(field)}"`,
    });
    if (!ids.includes(item.id)) ids.push(item.id);
  }
  return ids;
}

/** `{items?, other?}` for checkbox and radio values; anything else is items alone. */
function splitOther(field: CustomField, raw: unknown): { items: unknown; other?: string } {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return { items: raw };
  const { items, other, ...rest } = raw as Record<string, unknown>;
  if (Object.keys(rest).length || (other !== undefined && typeof other !== "string")) {
    fail(field, `takes ${allowedValues(field)}; got ${shown(raw)}.`);
  }
  if (other !== undefined && !takesOther(field)) {
    fail(field, `takes no "other" text; it takes ${allowedValues(field)}.`);
  }
  const text = other === undefined ? undefined : safeOther(field, other as string);
  return { items: items ?? [], other: text };
}

function safeOther(field: CustomField, text: string): string {
  if (!text.trim()) fail(field, `needs non-empty "other" text.`);
  return text;
}

/** The field's current value on `issue`, in the form a write compares with. */
export function currentValue(
  field: CustomField,
  issue: Issue | undefined,
): { value: string | number | number[] | null; other: string | null } {
  const found = issue?.customFields?.find((v) => v.id === field.id);
  const raw = found?.value;
  const other = found?.otherValue || null;
  if (raw === null || raw === undefined || raw === "") return { value: null, other };
  if (Array.isArray(raw)) {
    const ids = raw.map((i) => (i as { id: number }).id);
    return { value: ids.length ? ids : null, other };
  }
  if (typeof raw === "object") return { value: (raw as { id: number }).id, other };
  if (field.typeId === T.date) return { value: calendarDate(String(raw)), other };
  return { value: raw as string | number, other };
}

/**
 * Checks one value to write (`null` clears) and returns what to send. A
 * checkbox or radio value replaces the whole value: items given without
 * "other" text clear the old text, and the other way round, when there is one.
 */
export function checkWrite(
  field: CustomField,
  raw: unknown,
  at: WriteClock,
): CustomFieldWrite {
  const { current } = at;
  const id = field.id;
  const now = currentValue(field, current);
  const clearOther = takesOther(field) && now.other !== null ? null : undefined;
  if (raw === null) return { id, value: null, ...(clearOther === null ? { other: null } : {}) };
  switch (field.typeId) {
    case T.text:
    case T.sentence: {
      if (typeof raw !== "string" && typeof raw !== "number") {
        fail(field, `takes ${allowedValues(field)}; got ${shown(raw)}.`);
      }
      const text = String(raw);
      if (!text.trim()) fail(field, "must not be empty; pass null to clear it.");
      if (field.typeId === T.text && /[\r\n]/.test(text)) {
        fail(field, "is a one-line text field; remove the line breaks.");
      }
      return { id, value: text };
    }
    case T.number:
      return { id, value: numberOf(field, raw) };
    case T.date: {
      const day = dateOf(field, raw, { clock: at, words: SET_DAY_WORDS }).since!;
      if (!inRange(field, day)) {
        fail(field, `takes ${allowedValues(field)}; ${day} is out of range.`);
      }
      return { id, value: day };
    }
  }
  if (!isListField(field)) fail(field, "has a type this server cannot set.");
  const { items, other } = splitOther(field, raw);
  const refs = Array.isArray(items) ? items : [items];
  const ids = itemIds(field, refs);
  const multi = MULTI_TYPES.includes(field.typeId);
  if (!multi && ids.length > 1) fail(field, `takes ${allowedValues(field)}; got ${ids.length}.`);
  if (!multi && ids.length && other !== undefined) {
    fail(field, `takes either an item or "other" text, not both.`);
  }
  const otherPart = other !== undefined ? { other } : clearOther === null ? { other: null } : {};
  if (multi) return { id, value: ids, ...otherPart };
  if (ids.length) return { id, value: ids[0], ...otherPart };
  if (other === undefined) fail(field, `takes ${allowedValues(field)}; pass null to clear it.`);
  // Radio "other" text alone: the item is cleared only when there is one.
  return { id, ...(now.value !== null ? { value: null } : {}), other };
}

/** Whether `issue` already holds what `write` would send. */
export function holds(field: CustomField, write: CustomFieldWrite, issue: Issue): boolean {
  const now = currentValue(field, issue);
  const same = (a: unknown, b: unknown) => {
    const norm = (v: unknown) =>
      Array.isArray(v) ? (v.length ? [...v].sort((x, y) => x - y).join() : null) : v ?? null;
    return norm(a) === norm(b);
  };
  return (write.value === undefined || same(write.value, now.value)) &&
    (write.other === undefined || (write.other ?? null) === now.other);
}
