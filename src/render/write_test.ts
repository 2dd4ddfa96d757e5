import { assertEquals, assertStringIncludes } from "../../tests/assert.ts";
import type { Issue } from "../backlog/types.ts";
import { fieldValue, renderUpdateText, shownValue } from "./write.ts";

const ISSUE = {
  id: 1,
  projectId: 101,
  issueKey: "DEMO-1",
  summary: "Login fails",
  description: "x".repeat(2000),
  status: { id: 2, name: "In Progress" },
  assignee: null,
  milestone: [{ id: 1, name: "Sprint 23" }, { id: 2, name: "Sprint 24" }],
  dueDate: "2026-11-24T00:00:00Z",
  estimatedHours: 0,
  created: "2026-03-08T06:30:00Z",
} as Issue;

Deno.test("fieldValue: names, calendar dates, lists; empty is null; long descriptions cut", () => {
  assertEquals(fieldValue(ISSUE, "status"), "In Progress");
  assertEquals(fieldValue(ISSUE, "assignee"), null);
  assertEquals(fieldValue(ISSUE, "due_date"), "2026-11-24");
  assertEquals(fieldValue(ISSUE, "start_date"), null);
  assertEquals(fieldValue(ISSUE, "milestones"), "Sprint 23, Sprint 24");
  assertEquals(fieldValue(ISSUE, "categories"), null);
  assertEquals(fieldValue(ISSUE, "estimated_hours"), "0", "zero hours is a value");
  assertEquals(fieldValue(ISSUE, "description")?.length, 501);
  assertEquals(fieldValue({ ...ISSUE, description: "" }, "description"), null);
});

Deno.test("renderUpdateText: changes, no-ops and comment-only updates read differently", () => {
  const base = { key: "DEMO-1", url: "https://s.backlog.com/view/DEMO-1", unchanged: [] };
  const changed = renderUpdateText({
    ...base,
    sent: true,
    comment_added: true,
    changes: [["status", "Open", "In Progress"], [
      "description",
      shownValue("description", "a\nb"),
      shownValue("description", null),
    ]],
  }, "Login fails");
  assertStringIncludes(changed, "Updated DEMO-1 (Login fails):\n- status: Open → In Progress");
  assertStringIncludes(changed, "- description: a b → —");
  assertStringIncludes(changed, "Comment added.");
  const noop = renderUpdateText({
    ...base,
    sent: false,
    comment_added: false,
    changes: [],
    unchanged: [["assignee", ""]],
  }, "Login fails");
  assertStringIncludes(noop, "nothing was sent");
  assertStringIncludes(noop, "Already as asked (not sent): assignee (—).");
  const commentOnly = renderUpdateText(
    { ...base, sent: true, comment_added: true, changes: [] },
    "L",
  );
  assertStringIncludes(commentOnly, "No field of DEMO-1 (L) changed.\nComment added.");
});
