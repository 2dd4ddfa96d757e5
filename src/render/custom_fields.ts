/**
 * Custom fields as a person reads them: an issue's values (name: value,
 * empty ones counted, not shown) and a project's definitions (type, required
 * flag, issue types, items, range). Names and values are third-party text
 * and pass through `sanitize.ts`.
 *
 * @module
 */

import { z } from "zod";
import {
  CUSTOM_FIELD_TYPE as T,
  type CustomField,
  type CustomFieldValue,
  type IssueType,
} from "../backlog/types.ts";
import { fenced, safeLine, safeText } from "./sanitize.ts";
import { clipText, listNames } from "./text.ts";
import { calendarDate } from "../shared/dates.ts";

/** Type names by type id. */
const TYPE_NAMES: Readonly<Record<number, string>> = {
  [T.text]: "text",
  [T.sentence]: "sentence",
  [T.number]: "number",
  [T.date]: "date",
  [T.singleList]: "single list",
  [T.multipleList]: "multiple list",
  [T.checkbox]: "checkbox",
  [T.radio]: "radio",
};

/** A sentence value beyond this many characters is cut (with a note). */
const SENTENCE_MAX = 1_000;

/** Structured form of one set custom field of an issue. */
export const customFieldViewSchema = z.object({
  id: z.number(),
  name: z.string(),
  value: z.union([z.string(), z.number(), z.array(z.string())]).nullable()
    .describe("text, number, YYYY-MM-DD, or item names"),
  other: z.string().optional().describe('free "other" text'),
});

/** Structured form of one set custom field of an issue. */
export type CustomFieldView = z.infer<typeof customFieldViewSchema>;

const itemName = (item: unknown) =>
  item && typeof item === "object" && "name" in item ? safeLine(String(item.name)) : undefined;

/** One value as its view, or undefined when it is empty. */
export function customFieldView(v: CustomFieldValue): CustomFieldView | undefined {
  const other = v.otherValue ? safeLine(v.otherValue) : undefined;
  const raw = v.value;
  let value: CustomFieldView["value"] = null;
  if (Array.isArray(raw)) {
    const names = raw.map(itemName).filter((n): n is string => !!n);
    value = names.length ? names : null;
  } else if (raw && typeof raw === "object") value = itemName(raw) ?? null;
  else if (typeof raw === "number") value = raw;
  else if (typeof raw === "string" && raw.trim()) {
    value = v.fieldTypeId === T.date
      ? calendarDate(raw)
      : v.fieldTypeId === T.sentence
      ? safeText(raw).trim()
      : safeLine(raw);
  }
  if (value === null && !other) return undefined;
  return { id: v.id, name: safeLine(v.name), value, ...(other ? { other } : {}) };
}

/** An issue's set custom fields and how many were empty. */
export function customFieldViews(
  values: readonly CustomFieldValue[] | undefined,
): { shown: CustomFieldView[]; empty: number } {
  const shown: CustomFieldView[] = [];
  let empty = 0;
  for (const v of values ?? []) {
    const view = customFieldView(v);
    if (view) shown.push(view);
    else empty++;
  }
  return { shown, empty };
}

/** A view's value on one line: `Safari`, `macOS, iOS`, `Unit tests, Load test (other)`. */
export function customFieldValueText(view: CustomFieldView): string {
  const parts = Array.isArray(view.value)
    ? [...view.value]
    : view.value === null
    ? []
    : [String(view.value)];
  if (view.other) parts.push(`${view.other} (other)`);
  return parts.join(", ").replace(/\s+/g, " ");
}

/** The value of field `id` on an issue as one line, or null when empty (update reports). */
export function customFieldValueOf(
  values: readonly CustomFieldValue[] | undefined,
  id: number,
): string | null {
  const found = values?.find((v) => v.id === id);
  const view = found && customFieldView(found);
  return view ? customFieldValueText(view) : null;
}

const plural = (n: number) => `${n} empty custom field${n === 1 ? "" : "s"} not shown`;

/** The issue's custom fields as lines: `- Name: value`, multi-line sentences fenced below their name. */
export function customFieldLines(shown: readonly CustomFieldView[], empty: number): string[] {
  if (shown.length === 0) return empty ? [`Custom fields: none set (${plural(empty)}).`] : [];
  const lines = ["Custom fields:"];
  for (const view of shown) {
    if (typeof view.value === "string" && view.value.includes("\n")) {
      const clipped = clipText(view.value, SENTENCE_MAX);
      lines.push(`- ${view.name}:`, ...fenced(clipped.text));
      if (clipped.omitted) lines.push(`[cut: ${clipped.omitted} more characters not shown]`);
    } else {
      lines.push(`- ${view.name}: ${customFieldValueText(view)}`);
    }
  }
  if (empty) lines.push(`[${plural(empty)}]`);
  return lines;
}

/** Structured form of one custom field definition. */
export const customFieldDefSchema = z.object({
  id: z.number(),
  name: z.string(),
  type: z.string(),
  required: z.boolean(),
  issue_types: z.array(z.string()).describe("issue types it applies to; empty: all"),
  items: z.array(z.object({ id: z.number(), name: z.string() })).optional(),
  allow_other: z.boolean().optional().describe('takes {"other": text}'),
  min: z.union([z.number(), z.string()]).optional(),
  max: z.union([z.number(), z.string()]).optional(),
  unit: z.string().optional(),
  description: z.string().optional(),
});

/** Structured form of one custom field definition. */
export type CustomFieldDefView = z.infer<typeof customFieldDefSchema>;

/** Maps a definition to its view; `issueTypes` names the types it applies to. */
export function customFieldDefView(
  field: CustomField,
  issueTypes: readonly IssueType[],
): CustomFieldDefView {
  const bound = (v: number | string | null | undefined) =>
    v === null || v === undefined
      ? undefined
      : field.typeId === T.date
      ? calendarDate(String(v)) ?? undefined
      : Number(v);
  const [min, max] = [bound(field.min), bound(field.max)];
  const list = field.typeId >= T.singleList && field.typeId <= T.radio;
  const other = (field.typeId === T.checkbox || field.typeId === T.radio) && !!field.allowInput;
  return {
    id: field.id,
    name: safeLine(field.name),
    type: TYPE_NAMES[field.typeId] ?? `type ${field.typeId}`,
    required: field.required ?? false,
    issue_types: (field.applicableIssueTypes ?? []).map((id) =>
      safeLine(issueTypes.find((t) => t.id === id)?.name ?? `type ${id}`)
    ),
    ...(list
      ? { items: (field.items ?? []).map((i) => ({ id: i.id, name: safeLine(i.name) })) }
      : {}),
    ...(other ? { allow_other: true } : {}),
    ...(min !== undefined ? { min } : {}),
    ...(max !== undefined ? { max } : {}),
    ...(field.unit ? { unit: safeLine(field.unit) } : {}),
    ...(field.description?.trim() ? { description: safeLine(field.description) } : {}),
  };
}

/**
 * One definition as a line: `- Severity (70102): radio, required, for Bug;
 * items Critical (1), Major (2); "other" text allowed`.
 */
export function customFieldDefLine(d: CustomFieldDefView, max = 60): string {
  const unit = d.unit ? ` ${d.unit}` : "";
  const range = d.min !== undefined && d.max !== undefined
    ? ` ${d.min} to ${d.max}${unit}`
    : d.min !== undefined
    ? ` ≥ ${d.min}${unit}`
    : d.max !== undefined
    ? ` ≤ ${d.max}${unit}`
    : unit;
  const head = [
    `${d.type}${range}`,
    ...(d.required ? ["required"] : []),
    ...(d.issue_types.length ? [`for ${d.issue_types.join(", ")}`] : []),
  ].join(", ");
  const parts = [head];
  if (d.items) parts.push(`items ${listNames(d.items.map((i) => `${i.name} (${i.id})`), max)}`);
  if (d.allow_other) parts.push('"other" text allowed');
  const about = d.description ? ` — ${clipText(d.description, 80).text}` : "";
  return `- ${d.name} (${d.id}): ${parts.join("; ")}${about}`;
}
