/**
 * Custom fields by name: which field a name (or id) means in a project or
 * across the selected projects, which fields apply to an issue type, which
 * required ones are missing, and the checked writes and filters. Value rules
 * are in `custom_field_values.ts`.
 *
 * @module
 */

import type { CustomFieldWrite } from "../backlog/custom_field_params.ts";
import type { CustomField, Issue, Project } from "../backlog/types.ts";
import { safeLine } from "../render/sanitize.ts";
import { listNames } from "../render/text.ts";
import { ToolInputError } from "../shared/input_error.ts";
import { type CheckedFilter, checkFilter } from "./custom_field_filters.ts";
import {
  allowedValues,
  checkWrite,
  currentValue,
  fieldName,
  type ValueClock,
} from "./custom_field_values.ts";
import { asId, matchName, resolveNamed, unknownName } from "./match.ts";

const PARAMETER = "custom_fields";
const HINT = " (get_project_metadata lists each project's custom fields)";

/** Whether `field` applies to issues of type `issueTypeId` (no list: every type). */
export function appliesTo(field: CustomField, issueTypeId: number): boolean {
  const types = field.applicableIssueTypes ?? [];
  return types.length === 0 || types.includes(issueTypeId);
}

/** One project's custom fields. */
export interface ProjectFields {
  project: Project;
  fields: readonly CustomField[];
}

/** A field of one project, by name or id. */
export function fieldIn(ref: string, list: ProjectFields, parameter = PARAMETER): CustomField {
  const key = list.project.projectKey;
  if (list.fields.length === 0) {
    throw new ToolInputError(parameter, `${key} has no custom fields.`);
  }
  // Matched and listed by their names as shown (sanitised); the field itself is returned.
  const shown = list.fields.map((field) => ({ id: field.id, name: safeLine(field.name), field }));
  return resolveNamed(ref, shown, {
    parameter,
    what: "custom field",
    where: ` in ${key}`,
    hint: HINT,
  }).field;
}

/**
 * A field named (or numbered) `ref` in the selected projects. Backlog filters
 * and sorts by one field id, so a name that means different fields in two
 * projects is refused, with the way out.
 */
export function fieldAcross(
  ref: string,
  lists: readonly ProjectFields[],
  options: { parameter?: string; onUnknown?: (valid: string[]) => ToolInputError } = {},
): { field: CustomField; projects: Project[] } {
  const { parameter = PARAMETER, onUnknown } = options;
  if (lists.length === 1 && !onUnknown) {
    return { field: fieldIn(ref, lists[0], parameter), projects: [lists[0].project] };
  }
  const id = asId(ref);
  const hits = lists.flatMap(({ project, fields }) =>
    (id !== undefined
      ? fields.filter((f) => f.id === id)
      : matchName(ref, fields.map((f) => ({ item: f, names: [safeLine(f.name)] }))))
      .map((field) => ({ project, field }))
  );
  const ids = [...new Set(hits.map((h) => h.field.id))];
  if (ids.length === 0) {
    const where = ` in ${lists.map((l) => l.project.projectKey).join(", ") || "no project"}`;
    const valid = lists.flatMap((l) => l.fields.map((f) => safeLine(f.name)));
    throw onUnknown?.(valid) ??
      unknownName({ parameter, what: "custom field", where, hint: HINT }, ref, valid);
  }
  if (ids.length > 1) {
    const each = hits.map((h) => `${h.project.projectKey} (${h.field.id})`).join(" and ");
    throw new ToolInputError(
      parameter,
      `"${
        safeLine(ref)
      }" is a different custom field in ${each}; Backlog filters and sorts by one field at a time, so pass project_ids with one of those projects (or the field id).`,
    );
  }
  return { field: hits[0].field, projects: hits.map((h) => h.project) };
}

/** Whether a write sets nothing (null, no items, no other text). */
export function isEmptyWrite(write: CustomFieldWrite): boolean {
  const none = write.value === undefined || write.value === null ||
    (Array.isArray(write.value) && write.value.length === 0);
  return none && !write.other;
}

/** A checked write and its field. */
export interface FieldWrite {
  field: CustomField;
  write: CustomFieldWrite;
}

/** What {@linkcode checkWrites} checks against. */
export interface WriteTarget {
  fields: ProjectFields;
  issueTypeId: number;
  /** The issue type's name, for messages. */
  issueTypeName: string;
  clock: ValueClock;
  /** The issue being updated; absent on create. */
  current?: Issue;
}

const typeNames = (field: CustomField, names: ReadonlyMap<number, string>) =>
  (field.applicableIssueTypes ?? []).map((id) => names.get(id) ?? `type ${id}`);

/**
 * Checks a name → value map for one issue: every name a field of the
 * project that applies to the issue's type, every value of the field's
 * type and items; a required field may not be cleared.
 */
export function checkWrites(
  input: Readonly<Record<string, unknown>>,
  target: WriteTarget,
  issueTypeNames: ReadonlyMap<number, string> = new Map(),
): FieldWrite[] {
  const key = target.fields.project.projectKey;
  const out: FieldWrite[] = [];
  for (const [ref, raw] of Object.entries(input)) {
    const field = fieldIn(ref, target.fields);
    const name = fieldName(field);
    if (out.some((w) => w.field.id === field.id)) {
      throw new ToolInputError(PARAMETER, `"${name}" is given twice.`);
    }
    if (!appliesTo(field, target.issueTypeId)) {
      const types = typeNames(field, issueTypeNames).map(safeLine).join(", ");
      throw new ToolInputError(
        PARAMETER,
        `"${name}" does not apply to ${
          safeLine(target.issueTypeName)
        } issues in ${key} (only to ${types}).`,
      );
    }
    const write = checkWrite(field, raw, { ...target.clock, current: target.current });
    if (field.required && isEmptyWrite(write)) {
      throw new ToolInputError(
        PARAMETER,
        `"${name}" is required for ${safeLine(target.issueTypeName)} issues in ${key}; ${
          target.current ? "it cannot be cleared" : "give it a value"
        }.`,
      );
    }
    // On create an empty value has nothing to clear: it is not sent.
    if (target.current || !isEmptyWrite(write)) out.push({ field, write });
  }
  return out;
}

/**
 * Required fields that apply to the issue type and would stay empty: not in
 * `given` and (on update) empty on `current`.
 */
export function missingRequired(
  fields: readonly CustomField[],
  write: { issueTypeId: number; given: readonly FieldWrite[]; current?: Issue },
): CustomField[] {
  const { issueTypeId, given, current } = write;
  return fields.filter((f) =>
    f.required && appliesTo(f, issueTypeId) && !given.some((g) => g.field.id === f.id) &&
    (() => {
      const now = currentValue(f, current);
      return now.value === null && now.other === null;
    })()
  );
}

/** The one sentence a missing required field answers with. */
export function requiredSentence(
  missing: readonly CustomField[],
  projectKey: string,
  issueTypeName: string,
): string {
  const each = missing.map((f) => `"${fieldName(f)}" (${allowedValues(f)})`);
  return `${projectKey} requires ${
    missing.length === 1 ? "this custom field" : "these custom fields"
  } for ${safeLine(issueTypeName)} issues: ${listNames(each, 20)}; pass ${
    missing.length === 1 ? "it" : "them"
  } in custom_fields, e.g. {"${fieldName(missing[0])}": …}.`;
}

/** Checks a filter map against the selected projects' fields. */
export function checkFilters(
  input: Readonly<Record<string, unknown>>,
  lists: readonly ProjectFields[],
  clock: ValueClock,
): (CheckedFilter & { name: string })[] {
  const out: (CheckedFilter & { name: string })[] = [];
  for (const [ref, raw] of Object.entries(input)) {
    const { field, projects } = fieldAcross(ref, lists);
    if (out.some((f) => f.filter.id === field.id)) {
      throw new ToolInputError(PARAMETER, `"${fieldName(field)}" is given twice.`);
    }
    const checked = checkFilter(field, raw, clock);
    const where = lists.length > 1 ? ` (${projects.map((p) => p.projectKey).join(", ")})` : "";
    out.push({
      ...checked,
      label: `custom field ${checked.label}${where}`,
      name: fieldName(field),
    });
  }
  return out;
}
