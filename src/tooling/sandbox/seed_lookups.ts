/**
 * Static seed tables per project: statuses, issue types, categories, versions,
 * plus the space-wide priorities and resolutions.
 *
 * @module
 */
import { P } from "./seed_data.ts";
import type { Category, IdName, IssueType, Status, Version } from "./types.ts";

/** Custom status ids. */
export const CS = {
  demoReview: 101,
  projQa: 102,
  projBlocked: 103,
  projDeploy: 104,
  jpnReview: 105,
};
/** The PROJ status 104 was renamed on this date; older change logs carry the old name. */
export const RENAMED_STATUS = {
  id: CS.projDeploy,
  oldName: "Ready for release",
  newName: "Ready to deploy",
  renamedAt: Date.parse("2026-07-01T00:00:00Z"),
};

const EN_BUILTIN = ["Open", "In Progress", "Resolved", "Closed"];
const JA_BUILTIN = ["未対応", "処理中", "処理済み", "完了"];
const BUILTIN_COLOR = ["#ed8077", "#4488c5", "#5eb5a6", "#b0be3c"];

/** Statuses per project: the built-in four (JPN in Japanese) plus custom ones between them. */
export function seedStatuses(): Status[] {
  const builtins = (projectId: number, names: string[]) =>
    names.map((name, i) => ({
      id: i + 1,
      projectId,
      name,
      color: BUILTIN_COLOR[i],
      displayOrder: (i + 1) * 1000,
    }));
  return [
    ...builtins(P.DEMO, EN_BUILTIN),
    {
      id: CS.demoReview,
      projectId: P.DEMO,
      name: "Waiting for review",
      color: "#e87758",
      displayOrder: 3999,
    },
    ...builtins(P.PROJ, EN_BUILTIN),
    {
      id: CS.projBlocked,
      projectId: P.PROJ,
      name: "Blocked",
      color: "#393939",
      displayOrder: 2001,
    },
    {
      id: CS.projQa,
      projectId: P.PROJ,
      name: "Waiting for QA",
      color: "#3b9dbd",
      displayOrder: 3001,
    },
    {
      id: RENAMED_STATUS.id,
      projectId: P.PROJ,
      name: RENAMED_STATUS.newName,
      color: "#4caf93",
      displayOrder: 3999,
    },
    ...builtins(P.JPN, JA_BUILTIN),
    {
      id: CS.jpnReview,
      projectId: P.JPN,
      name: "レビュー待ち",
      color: "#eda62a",
      displayOrder: 3500,
    },
    ...builtins(P.OLD, EN_BUILTIN),
    ...builtins(P.OPS, EN_BUILTIN),
  ];
}

const BUG_TEMPLATE = "Steps to reproduce:\n1. \n\nExpected:\n\nActual:\n";

/** Issue types per project (ids 1101… by project). */
export function seedIssueTypes(): IssueType[] {
  const t = (
    id: number,
    projectId: number,
    name: string,
    color: string,
    displayOrder: number,
    templateDescription: string | null = null,
  ): IssueType => ({
    id,
    projectId,
    name,
    color,
    displayOrder,
    templateSummary: null,
    templateDescription,
  });
  return [
    t(1101, P.DEMO, "Bug", "#990000", 0, BUG_TEMPLATE),
    t(1102, P.DEMO, "Task", "#7ea800", 1),
    t(1103, P.DEMO, "Request", "#ff9200", 2),
    t(1104, P.DEMO, "Other", "#2779ca", 3),
    t(1201, P.PROJ, "Bug", "#990000", 0, BUG_TEMPLATE),
    t(1202, P.PROJ, "Task", "#7ea800", 1),
    t(1203, P.PROJ, "Request", "#ff9200", 2),
    t(1204, P.PROJ, "Other", "#2779ca", 3),
    t(1205, P.PROJ, "Epic", "#814fbc", 4),
    t(1301, P.JPN, "バグ", "#990000", 0, "再現手順:\n\n期待する結果:\n\n実際の結果:\n"),
    t(1302, P.JPN, "タスク", "#7ea800", 1),
    t(1303, P.JPN, "要望", "#ff9200", 2),
    t(1304, P.JPN, "その他", "#2779ca", 3),
    t(1401, P.OLD, "Bug", "#990000", 0),
    t(1402, P.OLD, "Task", "#7ea800", 1),
    t(1501, P.OPS, "Task", "#7ea800", 0),
    t(1502, P.OPS, "Incident", "#e30000", 1),
  ];
}

/** Categories per project. */
export function seedCategories(): Category[] {
  const rows: [number, number, string][] = [
    [3101, P.DEMO, "Frontend"],
    [3102, P.DEMO, "Backend"],
    [3103, P.DEMO, "Documentation"],
    [3201, P.PROJ, "API"],
    [3202, P.PROJ, "Web UI"],
    [3203, P.PROJ, "Mobile"],
    [3204, P.PROJ, "Infrastructure"],
    [3205, P.PROJ, "Billing"],
    [3301, P.JPN, "画面"],
    [3302, P.JPN, "サーバー"],
    [3303, P.JPN, "ドキュメント"],
    [3401, P.OLD, "Legacy"],
    [3501, P.OPS, "Monitoring"],
  ];
  const order: Record<number, number> = {};
  return rows.map(([id, projectId, name]) => {
    order[projectId] = (order[projectId] ?? -1) + 1;
    return { id, projectId, name, displayOrder: order[projectId] };
  });
}

/** Versions/milestones, some archived, some without dates. */
export function seedVersions(): Version[] {
  const rows: [number, number, string, string | null, string | null, string | null, boolean][] = [
    [4101, P.DEMO, "v1.0.0", "First release", "2026-01-05", "2026-02-27", true],
    [4102, P.DEMO, "Sprint 23", "", "2026-11-09", "2026-11-20", false],
    [4103, P.DEMO, "Sprint 24", "", "2026-11-23", "2026-12-04", false],
    [4104, P.DEMO, "Backlog", null, null, null, false],
    [4201, P.PROJ, "2026 Q1", "", "2026-01-01", "2026-03-31", true],
    [4202, P.PROJ, "2026 Q2", "", "2026-04-01", "2026-06-30", true],
    [4203, P.PROJ, "2026 Q3", "", "2026-07-01", "2026-09-30", true],
    [4204, P.PROJ, "2026 Q4", "Holiday release", "2026-10-01", "2026-12-31", false],
    [4205, P.PROJ, "v3.0", "Next major release", null, "2027-03-31", false],
    [4206, P.PROJ, "Icebox", null, null, null, false],
    [4301, P.JPN, "第1期リリース", "初回リリース", "2026-04-01", "2026-06-30", true],
    [4302, P.JPN, "第2期リリース", "", "2026-07-01", "2026-12-25", false],
    [4401, P.OLD, "Final", "Last release before shutdown", "2025-10-01", "2026-02-28", true],
  ];
  const order: Record<number, number> = {};
  return rows.map(([id, projectId, name, description, start, due, archived]) => {
    order[projectId] = (order[projectId] ?? -1) + 1;
    return {
      id,
      projectId,
      name,
      description,
      startDate: start ? `${start}T00:00:00Z` : null,
      releaseDueDate: due ? `${due}T00:00:00Z` : null,
      archived,
      displayOrder: order[projectId],
    };
  });
}

/** Built-in priorities (backlog-api.md §3.4), English names. */
export function seedPriorities(): IdName[] {
  return [{ id: 2, name: "High" }, { id: 3, name: "Normal" }, { id: 4, name: "Low" }];
}

/** Built-in resolutions (backlog-api.md §3.4), English names. */
export function seedResolutions(): IdName[] {
  return ["Fixed", "Won't Fix", "Invalid", "Duplication", "Cannot Reproduce"].map((name, id) => ({
    id,
    name,
  }));
}
