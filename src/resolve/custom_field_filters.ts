/**
 * Custom field filters as a person gives them, checked like values: a text
 * keyword, a number or `{min, max}`, a date, a relative word or `{min, max}`,
 * list items by name or id (any of them). Backlog has no filter for an empty
 * value.
 *
 * @module
 */

import type { CustomFieldFilter } from "../backlog/custom_field_params.ts";
import { CUSTOM_FIELD_TYPE as T, type CustomField } from "../backlog/types.ts";
import { safeLine } from "../render/sanitize.ts";
import {
  allowedValues,
  dateOf,
  fail,
  fieldName,
  isListField,
  itemIds,
  RANGE_WORDS,
  shown,
  type ValueClock,
} from "./custom_field_values.ts";

/** A filter and the words that describe it for the answer. */
export interface CheckedFilter {
  filter: CustomFieldFilter;
  label: string;
}

/**
 * Checks one filter value: a keyword for text, a number or `{min, max}` for
 * numbers, a date, a relative word or `{min, max}` for dates, items by name
 * or id (any of them) for lists.
 */
export function checkFilter(field: CustomField, raw: unknown, clock: ValueClock): CheckedFilter {
  const id = field.id;
  const name = fieldName(field);
  if (raw === null) {
    fail(field, "cannot be filtered for an empty value; Backlog has no such filter.");
  }
  if (field.typeId === T.text || field.typeId === T.sentence) {
    if (typeof raw !== "string" && typeof raw !== "number") {
      fail(field, `is filtered by a text keyword; got ${shown(raw)}.`);
    }
    const keyword = String(raw).trim();
    if (!keyword) fail(field, "needs a non-empty keyword.");
    return { filter: { id, keyword }, label: `${name}: "${safeLine(keyword)}" (keyword)` };
  }
  if (field.typeId === T.number || field.typeId === T.date) {
    const isDate = field.typeId === T.date;
    const range = typeof raw === "object" && !Array.isArray(raw)
      ? raw as Record<string, unknown>
      : { min: raw, max: raw };
    const { min, max, ...rest } = range;
    if (Object.keys(rest).length || (min === undefined && max === undefined)) {
      fail(field, `is filtered by ${isDate ? "a date" : "a number"} or {"min": …, "max": …}.`);
    }
    const end = (v: unknown, side: "since" | "until") =>
      v === undefined
        ? undefined
        : isDate
        ? dateOf(field, v, { clock, words: RANGE_WORDS })[side]
        : numberFilter(field, v);
    const [from, to] = [end(min, "since"), end(max, "until")];
    if (from !== undefined && to !== undefined && from > to) {
      fail(field, `has min ${from} after max ${to}.`);
    }
    const span = from === to
      ? `${from}`
      : from === undefined
      ? `≤ ${to}`
      : to === undefined
      ? `≥ ${from}`
      : `${from} to ${to}`;
    return { filter: { id, min: from, max: to }, label: `${name}: ${span}` };
  }
  if (!isListField(field)) fail(field, "has a type this server cannot filter by.");
  const ids = itemIds(field, Array.isArray(raw) ? raw : [raw]);
  if (!ids.length) fail(field, `needs at least one item: ${allowedValues(field)}.`);
  const names = ids.map((i) => safeLine(field.items!.find((x) => x.id === i)!.name));
  return {
    filter: { id, items: ids },
    label: `${name}: ${names.join(" or ")}`,
  };
}

function numberFilter(field: CustomField, raw: unknown): number {
  const n = typeof raw === "number" ? raw : typeof raw === "string" ? Number(raw) : NaN;
  if (!Number.isFinite(n) || (typeof raw === "string" && !raw.trim())) {
    fail(field, `is filtered by a number or {"min": …, "max": …}; got ${shown(raw)}.`);
  }
  return n;
}
