/**
 * Custom field values and filters as Backlog parameters (backlog-api.md §12.2.3, §12.2.4):
 * `customField_{id}` for text, numbers, dates and single items; one indexed
 * key per item for multiple lists and checkboxes (`customField_{id}[0]`, see
 * `query.ts`); `customField_{id}_otherValue` for the free "other" text;
 * `customField_{id}_min`/`_max` for number and date ranges.
 *
 * [UNCONFIRMED] Which multi-value spelling writes accept (indexed is what
 * backlog-js sends), and how a list field is cleared: an empty
 * `customField_{id}=` is sent for every type, as backlog4j does for numbers
 * and dates.
 *
 * @module
 */

import type { Params } from "./query.ts";

/** What to write to one custom field. */
export interface CustomFieldWrite {
  id: number;
  /**
   * Text, a number, `YYYY-MM-DD`, one item id, or item ids (multiple list,
   * checkbox); null clears it; undefined sends no value key (only `other`).
   */
  value?: string | number | readonly number[] | null;
  /** Free "other" text (checkbox, radio); null clears it; undefined leaves it. */
  other?: string | null;
}

/** One custom field filter of `GET /issues`. */
export type CustomFieldFilter =
  | { id: number; keyword: string }
  | { id: number; min?: number | string; max?: number | string }
  | { id: number; items: readonly number[] };

const key = (id: number) => `customField_${id}`;

/** Form parameters for `POST /issues` and `PATCH /issues/:key`. */
export function customFieldForm(writes: readonly CustomFieldWrite[]): Params {
  const form: Params = {};
  for (const write of writes) {
    const { value, other } = write;
    if (value !== undefined) {
      // An empty list is sent as a cleared value: an empty array would send nothing.
      form[key(write.id)] = value === null || (Array.isArray(value) && value.length === 0)
        ? ""
        : Array.isArray(value)
        ? [...value]
        : String(value);
    }
    if (other !== undefined) form[`${key(write.id)}_otherValue`] = other ?? "";
  }
  return form;
}

/** Query parameters for `GET /issues` and `GET /issues/count`. */
export function customFieldQuery(filters: readonly CustomFieldFilter[]): Params {
  const query: Params = {};
  for (const filter of filters) {
    if ("keyword" in filter) query[key(filter.id)] = filter.keyword;
    else if ("items" in filter) query[key(filter.id)] = [...filter.items]; // always indexed
    else {
      if (filter.min !== undefined) query[`${key(filter.id)}_min`] = filter.min;
      if (filter.max !== undefined) query[`${key(filter.id)}_max`] = filter.max;
    }
  }
  return query;
}

/** The `sort` value that orders issues by a custom field. */
export function customFieldSort(id: number): string {
  return key(id);
}
