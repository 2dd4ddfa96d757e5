import { assertEquals, assertStringIncludes, assertThrows } from "../../tests/assert.ts";
import type { Project, Status, Version } from "../backlog/types.ts";
import { ToolInputError } from "../shared/input_error.ts";
import type { Named } from "../backlog/types.ts";
import { statusAliases } from "./builtins.ts";
import { type ProjectItems, resolveAcrossProjects } from "./per_project.ts";

const resolveStatuses = (
  refs: (number | string)[],
  lists: ProjectItems<Named>[],
  parameter: string,
) => resolveAcrossProjects(refs, lists, { parameter, what: "status", aliases: statusAliases });
const resolveMilestones = (refs: string[], lists: ProjectItems<Named>[], parameter: string) =>
  resolveAcrossProjects(refs, lists, { parameter, what: "milestone" });

const project = (id: number, key: string): Project => ({
  id,
  projectKey: key,
  name: key,
  archived: false,
});
const DEMO = project(101, "DEMO");
const PROJ = project(102, "PROJ");
const JPN = project(103, "JPN");
const statuses = (names: [number, string][]): Status[] => names.map(([id, name]) => ({ id, name }));
const EN: [number, string][] = [[1, "Open"], [2, "In Progress"], [3, "Resolved"], [4, "Closed"]];
const JA: [number, string][] = [[1, "未対応"], [2, "処理中"], [3, "処理済み"], [4, "完了"]];
const LISTS = [
  { project: DEMO, items: statuses([...EN, [101, "Waiting for review"]]) },
  { project: PROJ, items: statuses([...EN, [102, "Waiting for QA"], [103, "Blocked"]]) },
  { project: JPN, items: statuses([...JA, [105, "レビュー待ち"]]) },
];

Deno.test("statuses: English and Japanese names of built-ins work in every project", () => {
  assertEquals(resolveStatuses(["In Progress"], LISTS, "status_ids").ids, [2]);
  assertEquals(resolveStatuses(["処理中"], LISTS, "status_ids").ids, [2]);
  assertEquals(resolveStatuses(["closed", "未対応"], LISTS, "status_ids").ids, [4, 1]);
  // A Japanese built-in name in English-only projects still means the built-in.
  assertEquals(resolveStatuses(["完了"], LISTS.slice(0, 2), "status_ids").ids, [4]);
  const labels = resolveStatuses(["in_progress"], LISTS, "status_ids").labels;
  assertEquals(labels, ["In Progress/処理中 (2)"]);
});

Deno.test("statuses: a custom status is found in the project that has it; names and ids mix", () => {
  const r = resolveStatuses(["Waiting for QA", "レビュー待ち", 3, "101"], LISTS, "status_ids");
  assertEquals(r.ids, [102, 105, 3, 101]);
  assertEquals(r.labels, ["Waiting for QA (102)", "レビュー待ち (105)", "3", "101"]);
});

Deno.test("statuses: unknown names list every valid name of the selected projects", () => {
  const error = assertThrows(
    () => resolveStatuses(["Doing"], LISTS.slice(0, 2), "status_ids"),
    ToolInputError,
  );
  assertEquals(error.parameter, "status_ids");
  assertStringIncludes(error.message, 'no status named "Doing" in DEMO, PROJ');
  assertStringIncludes(error.message, "Waiting for review");
  assertStringIncludes(error.message, "Waiting for QA");
  assertEquals(error.message.includes("レビュー待ち"), false, "JPN was not selected");
});

Deno.test("statuses: two statuses answering to one name in a project is an error showing both", () => {
  const lists = [{ project: PROJ, items: statuses([...EN, [102, "QA"], [110, "qa"]]) }];
  const error = assertThrows(() => resolveStatuses(["Qa"], lists, "status"), ToolInputError);
  assertStringIncludes(error.message, "more than one status in PROJ");
  assertStringIncludes(error.message, '"QA" (102) and "qa" (110)');
});

Deno.test("statuses: a custom status named like a built-in's other name is ambiguous, not guessed", () => {
  const lists = [{ project: DEMO, items: statuses([...EN, [120, "処理中"]]) }];
  const error = assertThrows(() => resolveStatuses(["処理中"], lists, "status"), ToolInputError);
  assertStringIncludes(error.message, '"In Progress" (2) and "処理中" (120)');
});

Deno.test("milestones: one name in two projects means both; unknown names list the valid ones", () => {
  const versions = (rows: [number, string][]): Version[] =>
    rows.map(([id, name]) => ({ id, name }));
  const lists = [
    { project: DEMO, items: versions([[4102, "Sprint 23"], [4103, "Sprint 24"]]) },
    { project: PROJ, items: versions([[4204, "2026 Q4"], [4207, "sprint 24"]]) },
  ];
  const r = resolveMilestones(["Sprint 24"], lists, "milestone_ids");
  assertEquals(r.ids, [4103, 4207]);
  assertEquals(r.labels, ["Sprint 24 (4103), sprint 24 (4207)"]);
  const error = assertThrows(
    () => resolveMilestones(["Sprint 25"], lists, "milestone_ids"),
    ToolInputError,
  );
  assertStringIncludes(error.message, "Valid milestone names: Sprint 23, Sprint 24, 2026 Q4");
});
