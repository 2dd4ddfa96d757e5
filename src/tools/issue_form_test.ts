import { assertEquals, assertRejects, assertStringIncludes } from "../../tests/assert.ts";
import type { BacklogApi, IssueForm } from "../backlog/api.ts";
import type { Metadata } from "../backlog/metadata.ts";
import { CUSTOM_FIELD_TYPE as T, type CustomField, type Issue } from "../backlog/types.ts";
import type { ResolveContext } from "../resolve/resolver.ts";
import { ProjectScope } from "../resolve/scope.ts";
import { ToolInputError } from "../shared/input_error.ts";
import { type FieldArgs, mergeForms, planFields } from "./issue_form.ts";

const DEMO = { id: 101, projectKey: "DEMO", name: "Demo", archived: false };
const BUG = { id: 10, name: "Bug" };
const TASK = { id: 11, name: "Task" };
const ME = { id: 5001, userId: "taro", name: "Taro Yamada" };
const HANAKO = { id: 5002, userId: "hanako", name: "Hanako Suzuki" };
const KENJI = { id: 5003, userId: "kenji", name: "佐藤 健二" };

const FIELDS: CustomField[] = [
  { id: 1, typeId: T.text, name: "Ticket ref" },
  { id: 3, typeId: T.number, name: "Story points", min: 0, max: 100 },
  { id: 4, typeId: T.date, name: "Release" },
  {
    id: 5,
    typeId: T.singleList,
    name: "Browser",
    items: [{ id: 51, name: "Chrome" }, { id: 52, name: "Safari" }],
  },
  {
    id: 6,
    typeId: T.multipleList,
    name: "OS",
    items: [{ id: 61, name: "Windows" }, { id: 62, name: "macOS" }, { id: 63, name: "Linux" }],
  },
  {
    id: 7,
    typeId: T.checkbox,
    name: "Checks",
    allowInput: true,
    items: [{ id: 71, name: "Unit" }, { id: 72, name: "E2E" }],
  },
  {
    id: 9,
    typeId: T.singleList,
    name: "Severity",
    required: true,
    applicableIssueTypes: [BUG.id],
    items: [{ id: 91, name: "Minor" }, { id: 92, name: "Major" }],
  },
];

/** DEMO's metadata, as the cache would answer it; `asked` counts the lookups. */
function context(asked: string[] = []): ResolveContext {
  const answer = <T>(name: string, value: T) => () => {
    asked.push(name);
    return Promise.resolve(value);
  };
  const metadata = {
    myself: answer("myself", ME),
    statuses: answer("statuses", [
      { id: 1, name: "Open" },
      { id: 2, name: "In Progress" },
      { id: 3, name: "Resolved" },
      { id: 4, name: "Closed" },
      { id: 101, name: "Waiting for review" },
    ]),
    resolutions: answer("resolutions", [{ id: 0, name: "Fixed" }, { id: 1, name: "Won't Fix" }]),
    priorities: answer("priorities", [
      { id: 2, name: "High" },
      { id: 3, name: "Normal" },
      { id: 4, name: "Low" },
    ]),
    issueTypes: answer("issueTypes", [BUG, TASK]),
    versions: answer("versions", [{ id: 4102, name: "Sprint 23" }, {
      id: 4103,
      name: "Sprint 24",
    }]),
    categories: answer("categories", [{ id: 201, name: "Frontend" }, { id: 202, name: "Backend" }]),
    projectUsers: answer("projectUsers", [ME, HANAKO, KENJI]),
    customFields: answer("customFields", FIELDS),
  };
  return {
    config: { userId: undefined },
    api: {} as BacklogApi,
    metadata: metadata as unknown as Metadata,
    scope: new ProjectScope(),
  };
}

/** 2026-11-22 in Tokyo. */
const NOW = new Date("2026-11-21T16:00:00Z");
const ON_CREATE = { project: DEMO, tz: "Asia/Tokyo", now: NOW };

/** The form planFields would send. */
async function form(args: FieldArgs, current?: Issue): Promise<IssueForm> {
  const plan = await planFields(context(), args, { ...ON_CREATE, current });
  return mergeForms(plan.fields, plan.notify);
}

/** The refusal planFields gives `args`: its parameter and message. */
async function refusal(args: FieldArgs, current?: Issue): Promise<ToolInputError> {
  return await assertRejects(() => form(args, current), ToolInputError);
}

/** An issue of DEMO with every field set. */
const CURRENT: Issue = {
  id: 1,
  projectId: DEMO.id,
  issueKey: "DEMO-1",
  summary: "Login fails",
  description: "Steps",
  issueType: TASK,
  status: { id: 2, name: "In Progress" },
  resolution: { id: 1, name: "Won't Fix" },
  priority: { id: 3, name: "Normal" },
  assignee: HANAKO,
  milestone: [{ id: 4103, name: "Sprint 24" }],
  category: [{ id: 201, name: "Frontend" }],
  startDate: "2026-11-01T00:00:00Z",
  dueDate: "2026-11-30T00:00:00Z",
  estimatedHours: 4,
  actualHours: 2.5,
  created: "2026-10-01T00:00:00Z",
  customFields: [
    { id: 1, name: "Ticket ref", value: "ZD-1" },
    { id: 7, name: "Checks", value: [{ id: 71, name: "Unit" }], otherValue: "Load" },
  ],
};

Deno.test("planFields: names become ids, lists are deduplicated, hours are rounded", async () => {
  assertEquals(
    await form({
      summary: "Crash on save",
      description: "It crashes.",
      status: "in_progress",
      priority: "高",
      issue_type: "bug",
      assignee: "Hanako Suzuki",
      start_date: { word: "today" },
      due_date: { date: "2026-12-01" },
      milestones: ["Sprint 24", "sprint 24", 4102],
      categories: ["frontend", "202"],
      estimated_hours: 1.234,
      actual_hours: 0.005,
      notify_user_ids: ["me", "kenji", 5001],
      custom_fields: { severity: "Major" },
    }),
    {
      summary: "Crash on save",
      description: "It crashes.",
      statusId: 2,
      assigneeId: 5002,
      priorityId: 2,
      issueTypeId: 10,
      startDate: "2026-11-22",
      dueDate: "2026-12-01",
      milestoneId: [4103, 4102],
      categoryId: [201, 202],
      estimatedHours: 1.23,
      actualHours: 0.01,
      customField_9: "92",
      notifiedUserId: [5001, 5003],
    },
  );
});

Deno.test("planFields: custom fields of each type, by name or id, as Backlog takes them", async () => {
  assertEquals(
    await form({
      issue_type: "Task",
      custom_fields: {
        "ticket ref": "ZD-9",
        "Story points": "8",
        Release: "tomorrow",
        Browser: "safari",
        "6": ["Linux", "windows", 63],
        Checks: { items: ["E2E"], other: "Load test" },
      },
    }),
    {
      issueTypeId: 11,
      customField_1: "ZD-9",
      customField_3: "8",
      customField_4: "2026-11-23",
      customField_5: "52",
      customField_6: [63, 61],
      customField_7: [72],
      customField_7_otherValue: "Load test",
    },
  );
});

Deno.test("planFields: on create nothing is sent for an empty value; a required field must be given", async () => {
  assertEquals(
    await form({
      issue_type: "Task",
      assignee: null,
      resolution: null,
      start_date: null,
      due_date: null,
      milestones: [],
      categories: [],
      estimated_hours: null,
      actual_hours: null,
      notify_user_ids: [],
      custom_fields: { "Ticket ref": null, OS: [] },
    }),
    { issueTypeId: 11 },
  );
  const missing = await refusal({ issue_type: "Bug" });
  assertEquals(missing.parameter, "custom_fields");
  assertStringIncludes(
    missing.message,
    'DEMO requires this custom field for Bug issues: "Severity"',
  );
  assertStringIncludes(missing.message, "one of Minor, Major");
});

Deno.test("planFields: on update the clears are sent; unchanged values are known as such", async () => {
  const args: FieldArgs = {
    status: 2,
    resolution: null,
    assignee: null,
    start_date: null,
    due_date: null,
    milestones: [],
    categories: [],
    estimated_hours: null,
    actual_hours: 2.5,
    custom_fields: { "Ticket ref": null, Checks: ["E2E"] },
  };
  const plan = await planFields(context(), args, { ...ON_CREATE, current: CURRENT });
  assertEquals(mergeForms(plan.fields, plan.notify), {
    statusId: 2,
    resolutionId: "",
    assigneeId: "",
    startDate: "",
    dueDate: "",
    milestoneId: [""],
    categoryId: [""],
    estimatedHours: "",
    actualHours: 2.5,
    customField_1: "",
    // Items alone replace the whole value: the old "other" text is cleared too.
    customField_7: [72],
    customField_7_otherValue: "",
  });
  const already = plan.fields.filter((f) => f.already(CURRENT)).map((f) => f.field);
  assertEquals(already, ["status", "actual_hours"]);
});

Deno.test("planFields: a bad value is refused naming its parameter, before anything is sent", async () => {
  const cases: [FieldArgs, string, string][] = [
    [{ status: "Doing" }, "status", 'no status named "Doing" in DEMO'],
    [{ status: 7 }, "status", "7 is not the id of a status in DEMO"],
    [{ resolution: "Done" }, "resolution", 'no resolution named "Done"'],
    [{ priority: 9 }, "priority", "9 is not the id of a priority. Valid priority names: High (2)"],
    [{ issue_type: "Epic" }, "issue_type", "Valid issue type names: Bug, Task"],
    [{ issue_type: 99 }, "issue_type", "99 is not the id of an issue type in DEMO"],
    [{ assignee: 6000 }, "assignee", "user 6000 is not a member of DEMO"],
    [{ assignee: "jiro" }, "assignee", 'no user named "jiro" among the members of DEMO'],
    [{ milestones: ["Sprint 99"] }, "milestones", 'no milestone named "Sprint 99" in DEMO'],
    [{ categories: [999] }, "categories", "999 is not the id of a category in DEMO"],
    [{ notify_user_ids: ["nobody"] }, "notify_user_ids", 'no user named "nobody"'],
    [{ start_date: { date: "2026-12-31" } }, "start_date", "would be after the due date"],
    [{ due_date: { date: "2026-10-01" } }, "due_date", "would be after the due date"],
    [{ custom_fields: { "Story points": 500 } }, "custom_fields", "500 is out of range"],
    [{ custom_fields: { Sprint: 1 } }, "custom_fields", 'no custom field named "Sprint" in DEMO'],
    [{ custom_fields: { Severity: "Major" } }, "custom_fields", "does not apply to Task issues"],
  ];
  for (const [args, parameter, message] of cases) {
    const error = await refusal(args, CURRENT);
    assertEquals(error.parameter, parameter, JSON.stringify(args));
    assertStringIncludes(error.message, message, JSON.stringify(args));
  }
  const untyped = await refusal({ custom_fields: { "Ticket ref": "x" } }, {
    ...CURRENT,
    issueType: null,
  });
  assertEquals(untyped.parameter, "custom_fields");
  assertStringIncludes(untyped.message, "the issue's type is unknown");
});

Deno.test("planFields: only what is given is looked up", async () => {
  const asked: string[] = [];
  const plan = await planFields(context(asked), { summary: "New title" }, {
    ...ON_CREATE,
    current: CURRENT,
  });
  assertEquals(mergeForms(plan.fields, plan.notify), { summary: "New title" });
  assertEquals(asked, []);
});
