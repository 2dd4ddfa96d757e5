import { assertEquals, assertStringIncludes } from "../../tests/assert.ts";
import type { ChangeLogEntry } from "../backlog/types.ts";
import { type Change, summarizeChanges, toChanges } from "./changelog.ts";
import { NONE } from "./text.ts";

Deno.test("toChanges: null, undefined and empty logs give no changes", () => {
  assertEquals(toChanges(null), []);
  assertEquals(toChanges(undefined), []);
  assertEquals(toChanges([]), []);
});

Deno.test("toChanges: Backlog field names become the names people use", () => {
  const log: ChangeLogEntry[] = [
    { field: "assigner", originalValue: null, newValue: "Hanako Suzuki" },
    { field: "limitDate", originalValue: "2026-11-30", newValue: "2026-12-01" },
    { field: "startDate", originalValue: "", newValue: "2026-11-01" },
    { field: "component", originalValue: "UI", newValue: "API" },
    { field: "version", originalValue: "1.0", newValue: "1.1" },
    { field: "issueType", originalValue: "Bug", newValue: "Task" },
    { field: "parentIssue", originalValue: null, newValue: "PROJ-1" },
    { field: "estimatedHours", originalValue: "1", newValue: "2" },
    { field: "actualHours", originalValue: "3", newValue: "4" },
    { field: "status", originalValue: "Open", newValue: "In Progress" },
    { field: "milestone", originalValue: "M1", newValue: "M2" },
    { field: "Customer rank", originalValue: "A", newValue: "B" },
  ];
  assertEquals(toChanges(log).map((c) => c.field), [
    "assignee",
    "due date",
    "start date",
    "category",
    "affected version",
    "issue type",
    "parent issue",
    "estimated hours",
    "actual hours",
    "status",
    "milestone",
    "Customer rank",
  ]);
});

Deno.test("toChanges: missing values become null", () => {
  assertEquals(toChanges([{ field: "status" }]), [{ field: "status", from: null, to: null }]);
  assertEquals(toChanges([{ field: "status", originalValue: null, newValue: "Closed" }]), [
    { field: "status", from: null, to: "Closed" },
  ]);
});

Deno.test("toChanges: attachments use the attachment name", () => {
  const added = toChanges([{
    field: "attachment",
    originalValue: null,
    newValue: "spec.pdf",
    attachmentInfo: { id: 7, name: "spec-v2.pdf" },
  }]);
  assertEquals(added, [{ field: "attachment", from: null, to: "spec-v2.pdf" }]);

  const removed = toChanges([{
    field: "attachment",
    originalValue: "old.png",
    newValue: null,
    attachmentInfo: null,
  }]);
  assertEquals(removed, [{ field: "attachment", from: "old.png", to: null }]);

  const noInfo = toChanges([{ field: "attachment", newValue: "log.txt" }]);
  assertEquals(noInfo, [{ field: "attachment", from: null, to: "log.txt" }]);
});

Deno.test("summarizeChanges: field: from → to, joined with semicolons", () => {
  const changes = toChanges([
    { field: "status", originalValue: "Open", newValue: "In Progress" },
    { field: "assigner", originalValue: null, newValue: "Hanako Suzuki" },
  ]);
  assertEquals(
    summarizeChanges(changes),
    `status: Open → In Progress; assignee: ${NONE} → Hanako Suzuki`,
  );
});

Deno.test("summarizeChanges: empty list gives an empty string", () => {
  assertEquals(summarizeChanges([]), "");
});

Deno.test("summarizeChanges: empty and missing values show the placeholder", () => {
  const changes: Change[] = [
    { field: "due date", from: "", to: null },
    { field: "milestone", from: "M1", to: "" },
  ];
  assertEquals(summarizeChanges(changes), `due date: ${NONE} → ${NONE}; milestone: M1 → ${NONE}`);
});

Deno.test("summarizeChanges: descriptions are not repeated", () => {
  const changes = toChanges([{
    field: "description",
    originalValue: "old text ".repeat(50),
    newValue: "new text ".repeat(50),
  }]);
  assertEquals(summarizeChanges(changes), "description: changed");
});

Deno.test("summarizeChanges: attachments and notifications", () => {
  const changes: Change[] = [
    { field: "attachment", from: null, to: "spec.pdf" },
    { field: "attachment", from: "old.png", to: null },
    { field: "attachment", from: null, to: null },
    { field: "notification", from: null, to: "Taro Yamada" },
    { field: "notification", from: null, to: null },
  ];
  assertEquals(
    summarizeChanges(changes),
    `attached spec.pdf; removed old.png; removed file; notified Taro Yamada; notified ${NONE}`,
  );
});

Deno.test("summarizeChanges: long and multi-line values are folded and cut to 60", () => {
  const long = "word ".repeat(30).trim();
  const text = summarizeChanges([{ field: "summary", from: "a\n\n  b", to: long }]);
  const [, from, to] = /^summary: (.*) → (.*)$/.exec(text) ?? [];
  assertEquals(from, "a b");
  assertEquals([...to].length, 60);
  assertEquals(to, long.slice(0, 59) + "…");
});

Deno.test("summarizeChanges: Japanese values are cut by characters", () => {
  const long = "完了までの作業".repeat(20); // 140 characters
  const text = summarizeChanges([{ field: "件名", from: "未対応", to: long }]);
  assertStringIncludes(text, "件名: 未対応 → ");
  const to = text.split(" → ")[1];
  assertEquals([...to].length, 60);
  assertEquals(to, [...long].slice(0, 59).join("") + "…");
});
