/**
 * The issue fields update_issue and create_issue set: their parameters, and
 * the step that resolves names against the issue's project and plans the
 * form fields to send, each with a test of whether the issue already has it.
 * Everything is checked here, before anything is sent.
 *
 * @module
 */

import { z } from "zod";
import type { IssueForm } from "../backlog/api.ts";
import type { Issue, Project, User } from "../backlog/types.ts";
import { calendarDate, resolveRelativeDate } from "../shared/dates.ts";
import { fieldValue, type IssueField } from "../render/write.ts";
import { itemIn, itemsIn, membersIn, type ResolveContext } from "../resolve/resolver.ts";
import {
  clearable,
  type DateFilter,
  lastBranch,
  refListParam,
  refParam,
  setDateParam,
  SUMMARY_MAX,
  TEXT_MAX,
  textParam,
} from "./params.ts";
import { customFieldsWriteParam, planCustomFields } from "./custom_field_args.ts";
import { ToolInputError } from "../shared/input_error.ts";

type Ref = number | string;

/** Hours: a number ≥ 0; -1 (or "", null) clears them. */
const hours = (name: string) => {
  const error = `${name} must be a number of hours ≥ 0 (e.g. 1.5), or -1 to clear it`;
  const value = z.number({ error }).min(0, { error }).max(99_999, {
    error: `${name} must be below 100000`,
  });
  return clearable(
    z.union([z.literal(-1).transform(() => null), value], { error: lastBranch }),
    { type: "number", minimum: -1 },
  ).optional();
};

/**
 * Parameters shared by update_issue and create_issue (zod shapes). They carry
 * no descriptions: update_issue's description says once what they take.
 */
export const FIELD_PARAMS = {
  summary: z.string({ error: "summary must be a string" }).trim()
    .min(1, { error: "summary must not be empty" })
    .max(SUMMARY_MAX, { error: `summary must be at most ${SUMMARY_MAX} characters` })
    .optional(),
  description: textParam("description", TEXT_MAX),
  assignee: clearable(refParam("assignee", '"me"')).optional(),
  priority: refParam("priority", '"High"').optional(),
  issue_type: refParam("issue_type", '"Task"').optional(),
  start_date: setDateParam("start_date"),
  due_date: setDateParam("due_date"),
  milestones: refListParam("milestones", '["Sprint 24"]'),
  categories: refListParam("categories", '["Frontend"]'),
  estimated_hours: hours("estimated_hours"),
  actual_hours: hours("actual_hours"),
  notify_user_ids: refListParam("notify_user_ids", '["hanako"]'),
  custom_fields: customFieldsWriteParam,
};

/** The arguments {@linkcode planFields} reads. */
export interface FieldArgs {
  summary?: string;
  description?: string;
  status?: Ref;
  resolution?: Ref | null;
  assignee?: Ref | null;
  priority?: Ref;
  issue_type?: Ref;
  start_date?: DateFilter | null;
  due_date?: DateFilter | null;
  milestones?: Ref[];
  categories?: Ref[];
  estimated_hours?: number | null;
  actual_hours?: number | null;
  notify_user_ids?: Ref[];
  custom_fields?: Record<string, unknown>;
}

/** One field to set: what to send, whether an issue already has that value, and how it reads. */
export interface FieldPlan {
  /** The tool parameter, or a custom field's name. */
  field: string;
  form: IssueForm;
  already(issue: Issue): boolean;
  value(issue: Issue): string | null;
}

/** The planned fields and the users to notify. */
export interface Plan {
  fields: FieldPlan[];
  notify: User[];
}

const sameIds = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((id) => b.includes(id));

/** Hours as Backlog keeps them: two decimals (backlog4j rounds the same way). */
export const roundHours = (hours: number): number => Math.round(hours * 100) / 100;

/** What a form is planned for. */
export interface FormTarget {
  project: Project;
  /** Relative dates (today, tomorrow) are days in `tz` at `now`. */
  tz: string;
  now: Date;
  /** The issue being updated (for the start/due order check); absent on create. */
  current?: Issue;
}

/**
 * Resolves every given field against the target project's metadata. On
 * create (no `current`) a null or [] (nothing to clear on a new issue) sends
 * nothing.
 */
export async function planFields(
  ctx: ResolveContext,
  args: FieldArgs,
  target: FormTarget,
): Promise<Plan> {
  const { project, current } = target;
  const fields: FieldPlan[] = [];
  const add = (field: IssueField, form: IssueForm, already: (issue: Issue) => boolean) =>
    fields.push({ field, form, already, value: (issue) => fieldValue(issue, field) });
  // A clear on create would be an empty `assigneeId=` / `milestoneId[]=` Backlog need not see.
  const clear = (field: IssueField, form: IssueForm, already: (issue: Issue) => boolean) => {
    if (current) add(field, form, already);
  };
  const one = (parameter: string, ref: Ref) => ({ ref, parameter, project });

  if (args.summary !== undefined) {
    const summary = args.summary;
    add("summary", { summary }, (i) => i.summary === summary);
  }
  if (args.description !== undefined) {
    const description = args.description;
    add("description", { description }, (i) => (i.description ?? "") === description);
  }
  if (args.status !== undefined) {
    const status = await itemIn(ctx, "status", one("status", args.status));
    add("status", { statusId: status.id }, (i) => i.status?.id === status.id);
  }
  if (args.resolution === null) {
    clear("resolution", { resolutionId: "" }, (i) => !i.resolution);
  } else if (args.resolution !== undefined) {
    const resolution = await itemIn(ctx, "resolution", one("resolution", args.resolution));
    add("resolution", { resolutionId: resolution.id }, (i) => i.resolution?.id === resolution.id);
  }
  if (args.assignee === null) {
    clear("assignee", { assigneeId: "" }, (i) => !i.assignee);
  } else if (args.assignee !== undefined) {
    const [user] = await membersIn(ctx, { refs: [args.assignee], parameter: "assignee", project });
    add("assignee", { assigneeId: user.id }, (i) => i.assignee?.id === user.id);
  }
  if (args.priority !== undefined) {
    const priority = await itemIn(ctx, "priority", one("priority", args.priority));
    add("priority", { priorityId: priority.id }, (i) => i.priority?.id === priority.id);
  }
  let issueType = current?.issueType ?? undefined;
  if (args.issue_type !== undefined) {
    const type = issueType = await itemIn(ctx, "issueType", one("issue_type", args.issue_type));
    add("issue_type", { issueTypeId: type.id }, (i) => i.issueType?.id === type.id);
  }
  planDates(args, target, { add, clear });
  for (const [field, kind, key] of LIST_FIELDS) {
    const refs = args[field];
    if (refs === undefined) continue;
    const ids = (await itemsIn(ctx, kind, { refs, parameter: field, project })).map((i) => i.id);
    (ids.length ? add : clear)(
      field,
      { [key]: ids.length ? ids : [""] },
      (i) => sameIds(listIds(i, field), ids),
    );
  }
  for (const field of ["estimated_hours", "actual_hours"] as const) {
    const given = args[field];
    if (given === undefined) continue;
    const value = given === null ? null : roundHours(given);
    const key = field === "estimated_hours" ? "estimatedHours" : "actualHours";
    (value === null ? clear : add)(
      field,
      { [key]: value ?? "" },
      (i) => (i[key] ?? null) === value,
    );
  }
  if (issueType) {
    fields.push(...await planCustomFields(ctx, args.custom_fields, { ...target, issueType }));
  } else if (args.custom_fields && Object.keys(args.custom_fields).length) {
    throw new ToolInputError(
      "custom_fields",
      "the issue's type is unknown, so its custom fields cannot be checked.",
    );
  }
  const notify = await membersIn(ctx, {
    refs: args.notify_user_ids ?? [],
    parameter: "notify_user_ids",
    project,
  });
  return { fields, notify };
}

/** The list fields: parameter, what its names are, and the form key. */
const LIST_FIELDS = [
  ["milestones", "milestone", "milestoneId"],
  ["categories", "category", "categoryId"],
] as const;

const listIds = (issue: Issue, field: typeof LIST_FIELDS[number][0]) =>
  ((field === "milestones" ? issue.milestone : issue.category) ?? []).map((item) => item.id);

type Adder = (field: IssueField, form: IssueForm, already: (issue: Issue) => boolean) => void;

/** Start and due dates: relative words resolved, the order checked against what stays. */
function planDates(args: FieldArgs, target: FormTarget, to: { add: Adder; clear: Adder }) {
  const { tz, now, current } = target;
  const day = (value: DateFilter) =>
    "date" in value ? value.date : resolveRelativeDate(value.word, tz, now).since!;
  const start = args.start_date ? day(args.start_date) : args.start_date;
  const due = args.due_date ? day(args.due_date) : args.due_date;
  for (
    const [field, key, value] of [["start_date", "startDate", start], [
      "due_date",
      "dueDate",
      due,
    ]] as const
  ) {
    if (value === undefined) continue;
    (value === null ? to.clear : to.add)(
      field,
      { [key]: value ?? "" },
      (i) => calendarDate(i[key]) === value,
    );
  }
  const effectiveStart = start === undefined ? calendarDate(current?.startDate) : start;
  const effectiveDue = due === undefined ? calendarDate(current?.dueDate) : due;
  if (effectiveStart && effectiveDue && effectiveStart > effectiveDue) {
    const which = start !== undefined ? "start_date" : "due_date";
    throw new ToolInputError(
      which,
      `the start date (${effectiveStart}) would be after the due date (${effectiveDue}).`,
    );
  }
}

/** Merges the forms of `fields` (and the notified users) into one request. */
export function mergeForms(fields: readonly FieldPlan[], notify: readonly User[]): IssueForm {
  const form: IssueForm = Object.assign({}, ...fields.map((f) => f.form));
  if (notify.length) form.notifiedUserId = [...new Set(notify.map((u) => u.id))];
  return form;
}
