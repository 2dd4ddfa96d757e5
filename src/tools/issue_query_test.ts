/**
 * get_user_issue_list's query builders, against a fake Backlog at the request
 * level (the real BacklogApi, Metadata and ProjectScope over recorded GETs), so
 * the assertions are on the exact parameters Backlog would receive.
 */

import { assertEquals, assertRejects, assertStringIncludes } from "../../tests/assert.ts";
import { BacklogApi } from "../backlog/api.ts";
import { searchIssues } from "../backlog/issue_search.ts";
import { Metadata } from "../backlog/metadata.ts";
import { encodeParams, type Params } from "../backlog/query.ts";
import type { ApiPathSegments, BacklogRequests, RequestSpec } from "../backlog/request.ts";
import { CUSTOM_FIELD_TYPE, type Status } from "../backlog/types.ts";
import { parseConfig } from "../config/config.ts";
import { silentLogger } from "../log.ts";
import { ProjectScope } from "../resolve/scope.ts";
import type { OutputZone } from "../resolve/timezone.ts";
import { ToolInputError } from "../shared/input_error.ts";
import { resolveConditions } from "./issue_attributes.ts";
import { buildQuery, type FilterArgs, resolveDateFilters } from "./issue_query.ts";
import type { ToolContext } from "./tool.ts";

const EN = ["Open", "In Progress", "Resolved", "Closed"];
const JA = ["未対応", "処理中", "処理済み", "完了"];
const statuses = (names: string[], custom: [number, string][] = []): Status[] => [
  ...names.map((name, i) => ({ id: i + 1, name })),
  ...custom.map(([id, name]) => ({ id, name })),
];
const ME = { id: 5001, userId: "taro", name: "Taro Yamada" };
const HANAKO = { id: 5002, userId: "hanako", name: "Hanako Suzuki" };

/** What the fake Backlog answers, by path. */
const ANSWERS: Record<string, unknown> = {
  "users/myself": ME,
  "projects": [
    { id: 101, projectKey: "DEMO", name: "Demo", archived: false },
    { id: 102, projectKey: "PROJ", name: "Project", archived: false },
    { id: 103, projectKey: "JPN", name: "日本", archived: false },
    { id: 104, projectKey: "OLD", name: "Old", archived: true },
  ],
  "projects/101/statuses": statuses(EN, [[101, "Waiting for review"]]),
  "projects/102/statuses": statuses(EN, [[102, "Waiting for QA"]]),
  "projects/103/statuses": statuses(JA),
  "projects/101/users": [ME, HANAKO],
  "projects/101/versions": [{ id: 4103, name: "Sprint 24" }],
  "projects/101/customFields": [
    {
      id: 7,
      typeId: CUSTOM_FIELD_TYPE.singleList,
      name: "Severity",
      items: [{ id: 1, name: "Major" }, { id: 2, name: "Minor" }],
    },
    { id: 8, typeId: CUSTOM_FIELD_TYPE.number, name: "Story points" },
    { id: 9, typeId: CUSTOM_FIELD_TYPE.date, name: "Release" },
  ],
  "issues": [],
  "issues/count": { count: 42 },
};

/** A Backlog that answers GETs from {@linkcode ANSWERS} and records them. */
class FakeBacklog implements BacklogRequests {
  readonly gets: { path: string; query: Params }[] = [];
  get<T>(path: ApiPathSegments, query: Params = {}): Promise<T> {
    const key = path.join("/");
    this.gets.push({ path: key, query });
    if (!(key in ANSWERS)) return Promise.reject(new Error(`unexpected GET /${key}`));
    return Promise.resolve(structuredClone(ANSWERS[key]) as T);
  }
  request<T>(spec: RequestSpec): Promise<T> {
    if (spec.method !== "GET") return Promise.reject(new Error(`unexpected ${spec.method}`));
    return this.get<T>(spec.path, spec.query);
  }
  post<T>(): Promise<T> {
    return Promise.reject(new Error("the query builders never write"));
  }
  patch = this.post;
  delete = this.post;
  withSignal(): BacklogRequests {
    return this;
  }
}

/** 2026-11-21 15:30 UTC: Saturday in UTC, already Sunday 2026-11-22 in Tokyo. */
const NOW = new Date("2026-11-21T15:30:00Z");
const TOKYO: OutputZone = { zone: "Asia/Tokyo", source: "BACKLOG_TIMEZONE" };

function context(env: Record<string, string> = {}, now = NOW) {
  const vars: Record<string, string> = {
    BACKLOG_API_KEY: "unit-test-key",
    BACKLOG_DOMAIN: "example.backlog.com",
    ...env,
  };
  const result = parseConfig((name) => vars[name]);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  const backlog = new FakeBacklog();
  const api = new BacklogApi(backlog);
  const ctx: ToolContext = {
    config: result.config,
    api,
    metadata: new Metadata(api, 60_000),
    scope: new ProjectScope(result.config.projectAllowlist),
    logger: silentLogger,
    now: () => now,
  };
  return { ctx, backlog };
}

/** Builds the query as the handler does: dates and conditions first, then the rest. */
async function build(
  given: Partial<FilterArgs>,
  options: { env?: Record<string, string>; zone?: OutputZone; now?: Date } = {},
) {
  const { ctx, backlog } = context(options.env, options.now);
  const args: FilterArgs = { sort: "updated", order: "desc", ...given };
  const dates = resolveDateFilters(args, options.zone, ctx.now());
  const built = await buildQuery(args, ctx, {
    dates,
    conditions: resolveConditions(args),
    zone: options.zone,
  });
  return { ...built, ctx, backlog };
}

Deno.test("buildQuery: defaults are me, not Closed in any active project, newest update first", async () => {
  const { query, filters, notes, backlog } = await build({});
  assertEquals(query, {
    projectId: [101, 102, 103],
    assigneeId: [5001],
    // Built-in ids are shared; custom ones are each project's own; Closed (4) is left out.
    statusId: [1, 2, 3, 101, 102],
    sort: "updated",
    order: "desc",
  });
  assertEquals(filters, [
    "projects: DEMO, PROJ, JPN",
    "assignee: me (Taro Yamada, user id 5001)",
    "status: not Closed (Open/未対応, In Progress/処理中, Resolved/処理済み, Waiting for review, Waiting for QA)",
    "sorted by updated desc",
  ]);
  assertEquals(notes, [
    "1 archived project was left out; pass its key in project_ids to include it.",
  ]);
  assertEquals(backlog.gets.map((g) => g.path).sort(), [
    "projects",
    "projects/101/statuses",
    "projects/102/statuses",
    "projects/103/statuses",
    "users/myself",
  ]);
  // On the wire: repeated `name[]` keys, as Backlog reads them.
  assertEquals([...encodeParams(query)].map(([k, v]) => `${k}=${v}`).sort(), [
    "assigneeId[]=5001",
    "order=desc",
    "projectId[]=101",
    "projectId[]=102",
    "projectId[]=103",
    "sort=updated",
    "statusId[]=1",
    "statusId[]=101",
    "statusId[]=102",
    "statusId[]=2",
    "statusId[]=3",
  ]);
});

Deno.test("buildQuery: statuses by name in any language, [] for any, unknown names refused", async () => {
  const named = await build({
    project_ids: ["DEMO", "JPN"],
    status_ids: ["処理中", "Waiting for review"],
  });
  assertEquals(named.query.statusId, [2, 101]);
  assertEquals(named.query.projectId, [101, 103]);
  const any = await build({ status_ids: [] });
  assertEquals("statusId" in any.query, false);
  assertStringIncludes(any.filters.join("\n"), "status: any");
  const error = await assertRejects(() => build({ status_ids: ["Doing"] }), ToolInputError);
  assertEquals(error.parameter, "status_ids");
  assertStringIncludes(error.message, '"Doing"');
});

Deno.test("buildQuery: assignees: me and names resolve to ids; [] is anyone; USER_ID needs no lookup", async () => {
  const people = await build({ project_ids: ["DEMO"], assignee_ids: ["me", "hanako"] });
  assertEquals(people.query.assigneeId, [5001, 5002]);
  const anyone = await build({ assignee_ids: [] });
  assertEquals("assigneeId" in anyone.query, false);
  assertStringIncludes(anyone.filters.join("\n"), "assignee: anyone");
  const configured = await build({ project_ids: ["DEMO"] }, { env: { USER_ID: "5009" } });
  assertEquals(configured.query.assigneeId, [5009]);
  assertEquals(configured.backlog.gets.some((g) => g.path === "users/myself"), false);
});

Deno.test("buildQuery: BACKLOG_PROJECTS narrows the default and refuses other projects", async () => {
  const env = { BACKLOG_PROJECTS: "DEMO,JPN" };
  const { query, notes } = await build({}, { env });
  assertEquals(query.projectId, [101, 103]);
  assertEquals(query.statusId, [1, 2, 3, 101], "PROJ's Waiting for QA (102) is not asked for");
  assertStringIncludes(notes.join("\n"), "only the projects allowed by BACKLOG_PROJECTS");
  const error = await assertRejects(
    () => build({ project_ids: ["PROJ"] }, { env }),
    ToolInputError,
  );
  assertEquals(error.parameter, "project_ids");
  assertStringIncludes(error.message, "BACKLOG_PROJECTS: DEMO, JPN");
});

Deno.test("buildQuery: milestones, parents, keyword, custom fields, and the sort keys", async () => {
  const { query, filters, columns } = await build({
    project_ids: ["DEMO"],
    milestone_ids: ["sprint 24"],
    parent_issue_ids: [9001],
    keyword: "login",
    custom_fields: {
      Severity: ["Major"],
      "Story points": { min: 3, max: 8 },
      Release: "this_month",
    },
    sort: "due_date",
    order: "asc",
  }, { zone: TOKYO });
  assertEquals(query, {
    projectId: [101],
    assigneeId: [5001],
    statusId: [1, 2, 3, 101],
    milestoneId: [4103],
    parentIssueId: [9001],
    keyword: "login",
    customField_7: [1],
    customField_8_min: 3,
    customField_8_max: 8,
    customField_9_min: "2026-11-01",
    customField_9_max: "2026-11-30",
    sort: "dueDate",
    order: "asc",
  });
  assertEquals(columns?.map((c) => c.id), [7, 8, 9]);
  assertStringIncludes(filters.join("\n"), "sorted by due_date asc");
  // A list filter is indexed on the wire (customField_7[0]), unlike the other lists.
  assertEquals(
    encodeParams({ customField_7: query.customField_7 }).toString(),
    "customField_7%5B0%5D=1",
  );

  const byField = await build({ project_ids: ["DEMO"], sort: "story points" });
  assertEquals(byField.query.sort, "customField_8");
  assertEquals(byField.columns, [{ id: 8, name: "Story points" }]);
  const error = await assertRejects(
    () => build({ project_ids: ["DEMO"], sort: "bogus" }),
    ToolInputError,
  );
  assertEquals(error.parameter, "sort");
  assertStringIncludes(error.message, "dueDate");
  assertStringIncludes(error.message, "Severity");
});

Deno.test("buildQuery: limit and offset travel beside the filters, as count and offset", async () => {
  const { query, ctx, backlog } = await build({ project_ids: ["DEMO"] });
  backlog.gets.length = 0;
  await searchIssues(ctx.api, query, { offset: 60, limit: 30 });
  // Nothing at offset 60: the total is counted, with the same filters and no sort.
  assertEquals(backlog.gets.map((g) => g.path), ["issues", "issues/count"]);
  // One more than asked, to learn whether more follow.
  assertEquals(backlog.gets[0].query, { ...query, offset: 60, count: 31 });
  const { sort: _sort, order: _order, ...filters } = query;
  assertEquals(backlog.gets[1].query, filters);
});
