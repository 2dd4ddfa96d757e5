/**
 * Custom fields (backlog-api.md §12.2): the definition list, values inside an Issue, list filtering and
 * sorting. Writes are in `custom_field_writes.ts`. Behaviour the reference leaves open follows
 * `CustomFieldOptions` (options.ts).
 *
 * @module
 */
import type { Ctx } from "./context.ts";
import { resolveProject } from "./context.ts";
import type { CustomFieldOptions } from "./options.ts";
import { isDate } from "./query.ts";
import type {
  CustomFieldDef,
  CustomFieldItem,
  CustomFieldStored,
  CustomFieldValue,
  IssueRecord,
  SandboxState,
} from "./types.ts";

/** Types whose values are list items. */
export const LIST_TYPES: readonly number[] = [5, 6, 7, 8];
/** Types whose values are several items. */
export const MULTI_TYPES: readonly number[] = [6, 7];
/** Types that can carry free "other" text in a value (backlog-api.md §12.2.2). */
export const OTHER_TYPES: readonly number[] = [7, 8];

/** Whether `def` applies to issues of type `issueTypeId` (`[]`: every type). */
export function appliesTo(def: CustomFieldDef, issueTypeId: number): boolean {
  return def.applicableIssueTypes.length === 0 || def.applicableIssueTypes.includes(issueTypeId);
}

/** A project's custom fields in display order. */
export function fieldsOf(state: SandboxState, projectId: number): CustomFieldDef[] {
  return state.customFields.filter((f) => f.projectId === projectId)
    .sort((a, b) => a.displayOrder - b.displayOrder);
}

/** Whether a stored value (and other text) is empty. */
export function isEmpty(value: CustomFieldStored | undefined, other?: string | null): boolean {
  const none = value === undefined || value === null || value === "" ||
    (Array.isArray(value) && value.length === 0);
  return none && !other;
}

/** `GET /projects/:projectIdOrKey/customFields` (backlog-api.md §12.2.1): the stored wire shapes. */
export function getCustomFields(ctx: Ctx): unknown {
  const project = resolveProject(ctx, ctx.pathParams.project);
  return fieldsOf(ctx.state, project.id);
}

function itemsOf(def: CustomFieldDef, ids: number[]): CustomFieldItem[] {
  return ids.flatMap((id) => def.items?.filter((i) => i.id === id) ?? []);
}

/** The value of `def` on `issue`, as an Issue's `customFields[]` element (backlog-api.md §12.2.2). */
function valueJson(def: CustomFieldDef, issue: IssueRecord, opts: CustomFieldOptions) {
  const raw = issue.customFieldValues[def.id] ?? null;
  let value: unknown = raw;
  if (def.typeId === 4) value = raw === null ? null : `${raw}T00:00:00Z`;
  if (def.typeId === 5 || def.typeId === 8) {
    value = raw === null ? null : itemsOf(def, [raw as number])[0] ?? null;
  }
  if (MULTI_TYPES.includes(def.typeId)) {
    const items = itemsOf(def, (raw as number[] | null) ?? []);
    value = items.length || opts.emptyList === "empty-array" ? items : null;
  }
  const out: CustomFieldValue = { id: def.id, fieldTypeId: def.typeId, name: def.name, value };
  if (OTHER_TYPES.includes(def.typeId)) out.otherValue = issue.customFieldOther?.[def.id] ?? null;
  return out;
}

/** An issue's `customFields` array; which fields it lists is `CustomFieldOptions.listed`. */
export function customFieldValuesJson(
  state: SandboxState,
  issue: IssueRecord,
  opts: CustomFieldOptions,
): CustomFieldValue[] {
  return fieldsOf(state, issue.projectId)
    .filter((def) =>
      opts.listed === "all" ||
      (opts.listed === "applicable"
        ? appliesTo(def, issue.issueTypeId)
        : !isEmpty(issue.customFieldValues[def.id], issue.customFieldOther?.[def.id]))
    )
    .map((def) => valueJson(def, issue, opts));
}

type Pred = (i: IssueRecord) => boolean;

const FILTER_KEY = /^customField_(\d+)(?:_(min|max))?$/;

/**
 * Predicates for the custom field filters of `GET /issues` (backlog-api.md §12.2.4): keyword for text (bare
 * key), `_min`/`_max` for numbers and dates, item ids ORed for lists (indexed keys; bare and
 * `[]` per options). An issue without a value for the field never matches. Problems collect on
 * `ctx.params`.
 */
export function customFieldFilters(ctx: Ctx): Pred[] {
  const opts = ctx.opts.customFields;
  const problems = ctx.params.problems;
  const byField = new Map<number, { def: CustomFieldDef; entries: Ctx["params"]["entries"] }>();
  for (const entry of ctx.params.entries) {
    const m = FILTER_KEY.exec(entry.key);
    if (!m) continue;
    const def = ctx.state.customFields.find((f) => f.id === Number(m[1]));
    if (!def) {
      if (opts.unknownField === "reject") {
        problems.push(`Invalid ${entry.key}: no such custom field.`);
      }
      continue;
    }
    const group = byField.get(def.id) ?? { def, entries: [] };
    group.entries.push(entry);
    byField.set(def.id, group);
  }
  const preds: Pred[] = [];
  for (const { def, entries } of byField.values()) {
    const value = (i: IssueRecord) =>
      i.projectId === def.projectId ? i.customFieldValues[def.id] ?? null : null;
    const plain = entries.filter((e) => e.key === `customField_${def.id}`);
    if (def.typeId === 1 || def.typeId === 2) {
      const keyword = plain.find((e) => e.form === "bare")?.value.trim();
      if (!keyword) continue;
      const want = keyword.toLowerCase();
      preds.push((i) => {
        const v = value(i);
        if (typeof v !== "string") return false;
        return opts.textMatch === "exact" ? v === keyword : v.toLowerCase().includes(want);
      });
    } else if (def.typeId === 3 || def.typeId === 4) {
      const bound = (end: "min" | "max") => {
        const raw = entries.find((e) => e.key === `customField_${def.id}_${end}`)?.value;
        if (raw === undefined || raw === "") return undefined;
        const ok = def.typeId === 3 ? /^-?\d+(\.\d+)?$/.test(raw) : isDate(raw);
        if (!ok) {
          problems.push(`Invalid customField_${def.id}_${end}: "${raw}".`);
          return undefined;
        }
        return def.typeId === 3 ? Number(raw) : raw;
      };
      const min = bound("min"), max = bound("max");
      const incl = opts.rangeInclusive;
      if (min !== undefined) {
        preds.push((i) => {
          const v = value(i);
          return v !== null && (incl ? v >= min : v > min);
        });
      }
      if (max !== undefined) {
        preds.push((i) => {
          const v = value(i);
          return v !== null && (incl ? v <= max : v < max);
        });
      }
    } else {
      const counted = plain.filter((e) =>
        e.form === "indexed" ||
        (e.form === "brackets" && opts.bracketListFilter === "match") ||
        (e.form === "bare" && opts.bareListFilter === "match")
      );
      const ids = new Set<number>();
      for (const e of counted) {
        if (e.value === "") continue;
        if (!/^\d+$/.test(e.value)) {
          problems.push(`Invalid ${e.key}: "${e.value}" is not a number.`);
        } else ids.add(Number(e.value));
      }
      if (!ids.size) continue;
      preds.push((i) => {
        const v = value(i);
        return Array.isArray(v) ? v.some((id) => ids.has(id)) : typeof v === "number" && ids.has(v);
      });
    }
  }
  return preds;
}

/**
 * Sort value for `sort=customField_{id}`, or undefined for an unknown field (a 400). Lists sort
 * by their (first) item's display order [UNCONFIRMED]; issues of other projects have no value.
 */
export function customFieldSortValue(
  state: SandboxState,
  key: string,
): ((i: IssueRecord) => number | string | null) | undefined {
  const m = /^customField_(\d+)$/.exec(key);
  const def = m ? state.customFields.find((f) => f.id === Number(m[1])) : undefined;
  if (!def) return undefined;
  return (i) => {
    if (i.projectId !== def.projectId) return null;
    const v = i.customFieldValues[def.id] ?? null;
    if (v === null || !LIST_TYPES.includes(def.typeId)) return v as number | string | null;
    const orders = itemsOf(def, Array.isArray(v) ? v : [v as number]).map((x) => x.displayOrder);
    return orders.length ? Math.min(...orders) : null;
  };
}
