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
import { priorityAliases, resolutionAliases, statusAliases } from "../resolve/builtins.ts";
import { resolveNamed } from "../resolve/match.ts";
import { me, type ResolveContext } from "../resolve/resolver.ts";
import { resolveMember } from "../resolve/users.ts";
import {
  clearable,
  type DateFilter,
  lastBranch,
  refListParam,
  refParam,
  setDateParam,
  textParam,
} from "./params.ts";
import { customFieldsWriteParam, planCustomFields } from "./custom_field_args.ts";
import { ToolInputError } from "../shared/input_error.ts";

type Ref = number | string;

/** Longest summary Backlog takes [UNCONFIRMED: 255 is the common limit]. */
const SUMMARY_MAX = 255;
const DESCRIPTION_MAX = 100_000;

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
  description: textParam("description", DESCRIPTION_MAX),
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

/**
 * Resolves every given field against `project`'s metadata. `current` is the
 * issue being updated (for the start/due date order check), absent on create,
 * where a null or [] (nothing to clear on a new issue) sends nothing.
 */
export async function planFields(
  ctx: ResolveContext,
  project: Project,
  args: FieldArgs,
  tz: string,
  now: Date,
  current?: Issue,
): Promise<Plan> {
  const m = ctx.metadata;
  const id = project.id;
  const where = ` in ${project.projectKey}`;
  const hint = ` (get_project_metadata lists ${project.projectKey}'s values)`;
  const fields: FieldPlan[] = [];
  const add = (field: IssueField, form: IssueForm, already: (issue: Issue) => boolean) =>
    fields.push({ field, form, already, value: (issue) => fieldValue(issue, field) });
  // A clear on create would be an empty `assigneeId=` / `milestoneId[]=` Backlog need not see.
  const clear = (field: IssueField, form: IssueForm, already: (issue: Issue) => boolean) => {
    if (current) add(field, form, already);
  };

  if (args.summary !== undefined) {
    const summary = args.summary;
    add("summary", { summary }, (i) => i.summary === summary);
  }
  if (args.description !== undefined) {
    const description = args.description;
    add("description", { description }, (i) => (i.description ?? "") === description);
  }
  if (args.status !== undefined) {
    const status = resolveNamed(args.status, await m.statuses(id), {
      parameter: "status",
      what: "status",
      where,
      aliases: statusAliases,
      hint,
    });
    add("status", { statusId: status.id }, (i) => i.status?.id === status.id);
  }
  if (args.resolution === null) {
    clear("resolution", { resolutionId: "" }, (i) => !i.resolution);
  } else if (args.resolution !== undefined) {
    const resolution = resolveNamed(args.resolution, await m.resolutions(), {
      parameter: "resolution",
      what: "resolution",
      aliases: resolutionAliases,
    });
    add("resolution", { resolutionId: resolution.id }, (i) => i.resolution?.id === resolution.id);
  }
  if (args.assignee === null) {
    clear("assignee", { assigneeId: "" }, (i) => !i.assignee);
  } else if (args.assignee !== undefined) {
    const [members, self] = await Promise.all([m.projectUsers(id), me(ctx)]);
    const user = resolveMember(args.assignee, members, self, "assignee", project.projectKey);
    add("assignee", { assigneeId: user.id }, (i) => i.assignee?.id === user.id);
  }
  if (args.priority !== undefined) {
    const priority = resolveNamed(args.priority, await m.priorities(), {
      parameter: "priority",
      what: "priority",
      aliases: priorityAliases,
    });
    add("priority", { priorityId: priority.id }, (i) => i.priority?.id === priority.id);
  }
  let issueType = current?.issueType ?? undefined;
  if (args.issue_type !== undefined) {
    const type = issueType = resolveNamed(args.issue_type, await m.issueTypes(id), {
      parameter: "issue_type",
      what: "issue type",
      where,
      hint,
    });
    add("issue_type", { issueTypeId: type.id }, (i) => i.issueType?.id === type.id);
  }
  const day = (value: DateFilter) =>
    "date" in value ? value.date : resolveRelativeDate(value.word, tz, now).since!;
  const start = args.start_date ? day(args.start_date) : args.start_date;
  const due = args.due_date ? day(args.due_date) : args.due_date;
  if (start !== undefined) {
    (start === null ? clear : add)(
      "start_date",
      { startDate: start ?? "" },
      (i) => calendarDate(i.startDate) === start,
    );
  }
  if (due !== undefined) {
    (due === null ? clear : add)(
      "due_date",
      { dueDate: due ?? "" },
      (i) => calendarDate(i.dueDate) === due,
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
  if (args.milestones !== undefined) {
    const versions = await m.versions(id);
    const ids = [
      ...new Set(
        args.milestones.map((ref) =>
          resolveNamed(ref, versions, { parameter: "milestones", what: "milestone", where, hint })
            .id
        ),
      ),
    ];
    (ids.length ? add : clear)(
      "milestones",
      { milestoneId: ids.length ? ids : [""] },
      (i) => sameIds((i.milestone ?? []).map((v) => v.id), ids),
    );
  }
  if (args.categories !== undefined) {
    const categories = await m.categories(id);
    const ids = [
      ...new Set(
        args.categories.map((ref) =>
          resolveNamed(ref, categories, { parameter: "categories", what: "category", where, hint })
            .id
        ),
      ),
    ];
    (ids.length ? add : clear)(
      "categories",
      { categoryId: ids.length ? ids : [""] },
      (i) => sameIds((i.category ?? []).map((c) => c.id), ids),
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
    const target = { project, issueType, current, tz, now };
    fields.push(...await planCustomFields(ctx, args.custom_fields, target));
  } else if (args.custom_fields && Object.keys(args.custom_fields).length) {
    throw new ToolInputError(
      "custom_fields",
      "the issue's type is unknown, so its custom fields cannot be checked.",
    );
  }
  const notify: User[] = [];
  if (args.notify_user_ids?.length) {
    const [members, self] = await Promise.all([m.projectUsers(id), me(ctx)]);
    for (const ref of args.notify_user_ids) {
      notify.push(resolveMember(ref, members, self, "notify_user_ids", project.projectKey));
    }
  }
  return { fields, notify };
}

/** Merges the forms of `fields` (and the notified users) into one request. */
export function mergeForms(fields: readonly FieldPlan[], notify: readonly User[]): IssueForm {
  const form: IssueForm = Object.assign({}, ...fields.map((f) => f.form));
  if (notify.length) form.notifiedUserId = [...new Set(notify.map((u) => u.id))];
  return form;
}
