/**
 * Custom field writes of add/update issue (backlog-api.md §12.2.3): `customField_{id}` (one value, or one key
 * per item for multiple lists and checkboxes: bare repeated, `[]` or `[n]`), and
 * `customField_{id}_otherValue`. An empty value clears. Required fields (backlog-api.md §4.18) are checked
 * for the issue's type. Choices the reference leaves open follow `CustomFieldOptions`.
 *
 * @module
 */
import type { Ctx } from "./context.ts";
import { appliesTo, fieldsOf, isEmpty, MULTI_TYPES, OTHER_TYPES } from "./custom_fields.ts";
import { isDate } from "./query.ts";
import { change } from "./seed_draft.ts";
import type {
  ChangeLogEntry,
  CustomFieldDef,
  CustomFieldItem,
  CustomFieldStored,
  IssueRecord,
  Project,
} from "./types.ts";

/** One field a request writes: its new value (undefined: unchanged) and "other" text. */
export interface CustomFieldChange {
  value?: CustomFieldStored;
  other?: string | null;
}

/** Changes by field id. */
export type CustomFieldChanges = Record<number, CustomFieldChange>;

const WRITE_KEY = /^customField_(\d+)(_otherValue)?$/;

/** Reads and validates every custom field parameter; problems collect on `ctx.params`. */
export function readCustomFieldWrites(
  ctx: Ctx,
  project: Project,
  issueTypeId: number | undefined,
): CustomFieldChanges {
  const p = ctx.params;
  const opts = ctx.opts.customFields;
  const changes: CustomFieldChanges = {};
  for (const key of p.keys()) {
    const m = WRITE_KEY.exec(key);
    if (!m) continue;
    const def = ctx.state.customFields.find((d) =>
      d.id === Number(m[1]) && d.projectId === project.id
    );
    if (!def) {
      p.problems.push(`Invalid ${key}: no such custom field.`);
      continue;
    }
    if (
      issueTypeId !== undefined && !appliesTo(def, issueTypeId) &&
      opts.notApplicableWrite === "reject"
    ) {
      p.problems.push(`Invalid ${key}: ${def.name} does not apply to this issue type.`);
      continue;
    }
    const entries = p.entries.filter((e) => e.key === key);
    const change = (changes[def.id] ??= {});
    if (m[2]) {
      if (!OTHER_TYPES.includes(def.typeId) || !def.allowInput) {
        p.problems.push(`Invalid ${key}: ${def.name} takes no other value.`);
      } else change.other = entries[0].value === "" ? null : entries[0].value;
      continue;
    }
    const values = MULTI_TYPES.includes(def.typeId)
      ? entries.filter((e) => opts.listWriteKeys.includes(e.form)).map((e) => e.value)
      : [entries[0].value];
    const value = readValue(def, values, (why) => void p.problems.push(`Invalid ${key}: ${why}`));
    if (value !== undefined) change.value = value;
  }
  return changes;
}

/** One field's value from its raw strings; undefined after a problem, reported to `bad`. */
function readValue(
  def: CustomFieldDef,
  raw: string[],
  bad: (why: string) => undefined,
): CustomFieldStored | undefined {
  const given = raw.filter((v) => v !== "");
  if (given.length === 0) return MULTI_TYPES.includes(def.typeId) ? [] : null;
  const v = given[0];
  switch (def.typeId) {
    case 1:
    case 2:
      return v;
    case 3: {
      if (!/^-?\d+(\.\d+)?$/.test(v)) return bad(`"${v}" is not a number.`);
      const n = Number(v);
      const [min, max] = [def.min as number | null, def.max as number | null];
      if ((min != null && n < min) || (max != null && n > max)) {
        return bad(`${n} is out of range (${min ?? "-∞"}..${max ?? "∞"}).`);
      }
      return n;
    }
    case 4: {
      if (!isDate(v)) return bad(`"${v}" is not a yyyy-MM-dd date.`);
      const min = (def.min as string | null)?.slice(0, 10);
      const max = (def.max as string | null)?.slice(0, 10);
      if ((min && v < min) || (max && v > max)) {
        return bad(`${v} is out of range (${min ?? "…"}..${max ?? "…"}).`);
      }
      return v;
    }
    default: {
      const items: CustomFieldItem[] = [];
      for (const item of given) {
        const found = def.items?.find((i) => String(i.id) === item);
        if (!found) return bad(`${item} is not an item of ${def.name}.`);
        if (!items.includes(found)) items.push(found);
      }
      // Stored in display order, so a reordered request is no change.
      const ids = items.sort((a, b) => a.displayOrder - b.displayOrder).map((i) => i.id);
      return MULTI_TYPES.includes(def.typeId) ? ids : ids[0];
    }
  }
}

/** A write whose required custom fields are checked: `current` is the issue a PATCH changes. */
export interface RequiredCheck {
  project: Project;
  issueTypeId: number;
  changes: CustomFieldChanges;
  current?: IssueRecord;
}

/**
 * Problems for required fields of `project` that apply to `issueTypeId` and would be empty:
 * on POST every one; on PATCH (if `requiredOnUpdate`) those the request clears, or all of them
 * when the request changes the issue type.
 */
export function requiredProblems(ctx: Ctx, write: RequiredCheck): string[] {
  const { project, issueTypeId, changes, current } = write;
  const opts = ctx.opts.customFields;
  if (current && !opts.requiredOnUpdate) return [];
  const typeChanged = current !== undefined && current.issueTypeId !== issueTypeId;
  return fieldsOf(ctx.state, project.id)
    .filter((def) => def.required && appliesTo(def, issueTypeId))
    .filter((def) => !current || typeChanged || def.id in changes)
    .filter((def) => {
      const next = changes[def.id];
      const value = next?.value !== undefined ? next.value : current?.customFieldValues[def.id];
      const other = next?.other !== undefined ? next.other : current?.customFieldOther?.[def.id];
      return isEmpty(value, other);
    })
    .map((def) => opts.requiredMessage.replaceAll("{name}", def.name));
}

function display(def: CustomFieldDef, value: CustomFieldStored | undefined, other?: string | null) {
  const ids = Array.isArray(value) ? value : typeof value === "number" ? [value] : [];
  const shown = def.typeId >= 5
    ? ids.map((id) => def.items?.find((i) => i.id === id)?.name ?? String(id))
    : value === null || value === undefined || value === ""
    ? []
    : [String(value)];
  if (other) shown.push(other);
  return shown.length ? shown.join(", ") : null;
}

/**
 * Applies `changes` to `issue` and returns one change-log entry per field that changed, with
 * `attributeInfo {id, typeId}` (backlog-api.md §3.9).
 */
export function applyCustomFieldChanges(
  ctx: Ctx,
  issue: IssueRecord,
  changes: CustomFieldChanges,
): ChangeLogEntry[] {
  const out: ChangeLogEntry[] = [];
  for (const [id, next] of Object.entries(changes)) {
    const def = ctx.state.customFields.find((x) => x.id === Number(id))!;
    const before = display(def, issue.customFieldValues[def.id], issue.customFieldOther?.[def.id]);
    if (next.value !== undefined) issue.customFieldValues[def.id] = next.value;
    if (next.other !== undefined) {
      const others = (issue.customFieldOther ??= {});
      if (next.other === null) delete others[def.id];
      else others[def.id] = next.other;
    }
    const after = display(def, issue.customFieldValues[def.id], issue.customFieldOther?.[def.id]);
    if (before === after) continue;
    out.push({
      ...change(def.name, before, after),
      attributeInfo: { id: def.id, typeId: def.typeId },
    });
  }
  return out;
}
