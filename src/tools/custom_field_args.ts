/**
 * The `custom_fields` parameters (a name → value map on create_issue and
 * update_issue, a name → filter map on get_user_issue_list) and the steps
 * that turn them into Backlog parameters, checked before anything is sent.
 *
 * @module
 */

import { z } from "zod";
import type { IssueForm } from "../backlog/api.ts";
import {
  customFieldForm,
  customFieldQuery,
  customFieldSort,
} from "../backlog/custom_field_params.ts";
import type { Params } from "../backlog/query.ts";
import type { Issue, IssueType, Project } from "../backlog/types.ts";
import { customFieldValueOf } from "../render/custom_fields.ts";
import type { CustomColumn } from "../render/issue_list.ts";
import { safeLine } from "../render/sanitize.ts";
import { listNames } from "../render/text.ts";
import { ISSUE_FIELDS } from "../render/write.ts";
import { fieldName, holds } from "../resolve/custom_field_values.ts";
import {
  appliesTo,
  checkFilters,
  checkWrites,
  fieldAcross,
  fieldIn,
  missingRequired,
  type ProjectFields,
  requiredSentence,
} from "../resolve/custom_fields.ts";
import { customFieldsOf, issueTypeNames, type ResolveContext } from "../resolve/resolver.ts";
import { ToolInputError } from "../shared/input_error.ts";

// Field names are checked against the project's fields, which also refuses empty or overlong ones.
const names = z.string();

/**
 * create_issue / update_issue: custom field name (or id) → value. Described
 * once, in update_issue's description (create_issue's refers to it).
 */
export const customFieldsWriteParam = z.record(names, z.unknown(), {
  error: 'custom_fields must be an object of field name → value, e.g. {"Severity": "Major"}',
}).optional();

/** get_user_issue_list: custom field name (or id) → filter. */
export const customFieldsFilterParam = z.record(names, z.unknown(), {
  error: 'custom_fields must be an object of field name → filter, e.g. {"Severity": ["Major"]}',
}).optional().describe(
  'name → item name(s) (any of), a keyword, or {"min","max"}.',
);

/** One planned custom field write (the shape `issue_form.ts` plans every field in). */
export interface CustomFieldPlan {
  field: string;
  form: IssueForm;
  already(issue: Issue): boolean;
  value(issue: Issue): string | null;
}

/** What {@linkcode planCustomFields} plans against. */
export interface CustomFieldTarget {
  project: Project;
  /** The issue's type after the write (the new one when it changes). */
  issueType: Pick<IssueType, "id" | "name">;
  /** The issue being updated; absent on create. */
  current?: Issue;
  tz: string;
  now: Date;
}

/**
 * Plans the custom field writes of a create or update. On create (and on an
 * update that changes the issue type) every required field of the type must
 * be given or already set: otherwise one sentence lists them with their values.
 */
export async function planCustomFields(
  ctx: ResolveContext,
  input: Readonly<Record<string, unknown>> | undefined,
  target: CustomFieldTarget,
): Promise<CustomFieldPlan[]> {
  const { project, issueType, current } = target;
  const typeChanged = current !== undefined && current.issueType?.id !== issueType.id;
  const given = input ?? {};
  if (Object.keys(given).length === 0 && current && !typeChanged) return [];
  const [list] = await customFieldsOf(ctx, [project]);
  // Issue type names are fetched only when a message will need them.
  const typeNames = anyMisfit(list, given, issueType.id)
    ? await issueTypeNames(ctx, project)
    : new Map<number, string>();
  const writes = checkWrites(given, {
    fields: list,
    issueTypeId: issueType.id,
    issueTypeName: issueType.name,
    clock: { tz: target.tz, now: target.now },
    current,
  }, typeNames);
  if (!current || typeChanged) {
    const missing = missingRequired(list.fields, {
      issueTypeId: issueType.id,
      given: writes,
      current,
    });
    if (missing.length) {
      throw new ToolInputError(
        "custom_fields",
        requiredSentence(missing, project.projectKey, issueType.name),
      );
    }
  }
  return writes.map(({ field, write }) => {
    const name = fieldName(field);
    const label = (ISSUE_FIELDS as readonly string[]).includes(name.toLowerCase())
      ? `${name} (custom field)`
      : name;
    return {
      field: label,
      form: customFieldForm([write]) as IssueForm,
      already: (issue) => holds(field, write, issue),
      value: (issue) => customFieldValueOf(issue.customFields, field.id),
    };
  });
}

/** Whether a field named in `given` does not apply to the issue type (its message names types). */
function anyMisfit(
  list: ProjectFields,
  given: Readonly<Record<string, unknown>>,
  issueTypeId: number,
): boolean {
  return Object.keys(given).some((ref) => {
    try {
      return !appliesTo(fieldIn(ref, list), issueTypeId);
    } catch {
      return false; // reported by checkWrites
    }
  });
}

/** Custom field filters and sort of a list query. */
export interface CustomFieldQuery {
  params: Params;
  filters: string[];
  /** The Backlog sort key: a built-in key as Backlog spells it, or `customField_{id}`. */
  sort: string;
  /** The custom fields filtered or sorted by, shown as list columns. */
  columns: CustomColumn[];
}

/** What {@linkcode customFieldListQuery} resolves. */
export interface ListQueryArgs {
  projects: readonly Project[];
  /** The `custom_fields` filter map. */
  filters?: Readonly<Record<string, unknown>>;
  /** The `sort` argument: a built-in sort key or a custom field. */
  sort: string;
  builtInSorts: readonly string[];
  clock: { tz: string; now: Date };
}

/**
 * Resolves the filter map and, when `sort` is not one of `builtInSorts`, a
 * custom field to sort by, against the selected projects' fields (fetched
 * only when needed).
 */
export async function customFieldListQuery(
  ctx: ResolveContext,
  args: ListQueryArgs,
): Promise<CustomFieldQuery> {
  const { projects, builtInSorts, clock } = args;
  const given = args.filters ?? {};
  // "due_date" and "DueDate" mean dueDate.
  const fold = (key: string) => key.replace(/[\s_-]+/g, "").toLowerCase();
  const builtIn = builtInSorts.find((key) => fold(key) === fold(args.sort));
  if (Object.keys(given).length === 0 && builtIn) {
    return { params: {}, filters: [], sort: builtIn, columns: [] };
  }
  const lists = await customFieldsOf(ctx, projects);
  const checked = checkFilters(given, lists, clock);
  const unknownSort = (valid: string[]) =>
    new ToolInputError(
      "sort",
      `"${safeLine(args.sort).slice(0, 60)}" is neither a sort key (${
        builtInSorts.join(", ")
      }) nor a custom field of ${
        projects.map((p) => p.projectKey).join(", ") || "the selected projects"
      } (${listNames(valid)}).`,
    );
  const sortField = builtIn
    ? undefined
    : fieldAcross(args.sort, lists, { parameter: "sort", onUnknown: unknownSort }).field;
  const columns = checked.map((c) => ({ id: c.filter.id, name: c.name }));
  if (sortField && !columns.some((c) => c.id === sortField.id)) {
    columns.push({ id: sortField.id, name: fieldName(sortField) });
  }
  return {
    params: customFieldQuery(checked.map((c) => c.filter)),
    filters: checked.map((c) => c.label),
    sort: sortField ? customFieldSort(sortField.id) : builtIn!,
    columns,
  };
}
