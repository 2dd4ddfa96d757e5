import { textOf, withSession } from "../tests/harness.ts";
await withSession(async (s) => {
  for (const [n, a] of [
    ["get_issue_details", { issue_key: "DEMO-1", include_comments: false }],
    ["get_issue_details", { issue_key: "DEMO-3", include_comments: false }],
    ["get_project_metadata", { project: "DEMO" }],
    ["get_project_metadata", { project: "PROJ" }],
    ["create_issue", { project: "PROJ", summary: "x", issue_type: "Bug" }],
    ["create_issue", { project: "PROJ", summary: "x", issue_type: "Bug", custom_fields: { customer: "Acme", Severity: { other: "Blocker" } } }],
    ["update_issue", { issue_key: "DEMO-3", custom_fields: { "Story points": 5, Platforms: ["linux", "ios"], Impact: "High", Checks: { items: ["Unit tests"], other: "Perf" }, "Target date": "tomorrow" } }],
    ["update_issue", { issue_key: "DEMO-3", custom_fields: { "Story points": 500 } }],
    ["get_user_issue_list", { project_ids: ["DEMO"], assignee_ids: [], custom_fields: { Browser: ["Safari"], "Story points": { min: 3 } }, sort: "Story points", limit: 5 }],
    ["get_user_issue_list", { assignee_ids: [], custom_fields: { "Story points": { min: 3 } } }],
    ["get_user_issue_list", { sort: "Bogus" }],
  ] as const) {
    const r = await s.call(n, a as Record<string, unknown>);
    console.log(`=== ${n} ${JSON.stringify(a)}${r.isError ? " ERROR" : ""}\n${textOf(r)}\n`);
  }
});
