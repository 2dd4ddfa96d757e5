import { assertEquals, assertStringIncludes, assertThrows } from "../../tests/assert.ts";
import type { CustomField, Issue } from "../backlog/types.ts";
import { ToolInputError } from "../shared/input_error.ts";
import { checkFilter } from "./custom_field_filters.ts";
import { allowedValues, checkWrite, holds } from "./custom_field_values.ts";
import { checkWrites, missingRequired, requiredSentence } from "./custom_fields.ts";

const items = (...names: string[]) => names.map((name, n) => ({ id: n + 1, name }));
const F = {
  text: { id: 1, typeId: 1, name: "Ticket ref" },
  sentence: { id: 2, typeId: 2, name: "Notes" },
  number: { id: 3, typeId: 3, name: "Story points", min: 0, max: 100, unit: "pt" },
  date: {
    id: 4,
    typeId: 4,
    name: "Target date",
    min: "2026-01-01T00:00:00Z",
    max: "2027-12-31T00:00:00Z",
  },
  single: { id: 5, typeId: 5, name: "Browser", items: items("Chrome", "Safari") },
  multi: { id: 6, typeId: 6, name: "Platforms", items: items("Windows", "macOS", "Linux") },
  checkbox: { id: 7, typeId: 7, name: "Checks", items: items("Unit", "E2E"), allowInput: true },
  radio: { id: 8, typeId: 8, name: "Impact", items: items("Low", "High"), allowInput: true },
  closedRadio: { id: 9, typeId: 8, name: "Size", items: items("S", "M", "L") },
} satisfies Record<string, CustomField>;

const clock = { tz: "Asia/Tokyo", now: new Date("2026-11-21T16:00:00Z") }; // 22nd in Tokyo

function refused(fn: () => unknown, ...parts: string[]) {
  const error = assertThrows(fn, ToolInputError);
  assertEquals(error.parameter, "custom_fields");
  for (const part of parts) assertStringIncludes(error.message, part);
}

Deno.test("checkWrite: text, sentence, number and date values", () => {
  assertEquals(checkWrite(F.text, "ZD-1", clock), { id: 1, value: "ZD-1" });
  assertEquals(checkWrite(F.text, 42, clock), { id: 1, value: "42" });
  refused(() => checkWrite(F.text, "a\nb", clock), "one-line");
  refused(() => checkWrite(F.text, "  ", clock), "null to clear");
  assertEquals(checkWrite(F.sentence, "a\nb", clock).value, "a\nb");
  assertEquals(checkWrite(F.number, 2.5, clock).value, 2.5);
  assertEquals(checkWrite(F.number, "8", clock).value, 8);
  refused(() => checkWrite(F.number, 101, clock), "from 0 to 100 pt", "out of range");
  refused(() => checkWrite(F.number, "lots", clock), '"Story points"', "a number");
  refused(() => checkWrite(F.number, true, clock), "a number");
  assertEquals(checkWrite(F.date, "2026-12-24", clock).value, "2026-12-24");
  assertEquals(checkWrite(F.date, "tomorrow", clock).value, "2026-11-23", "Tokyo's tomorrow");
  refused(() => checkWrite(F.date, "2028-01-01", clock), "2026-01-01 to 2027-12-31");
  refused(() => checkWrite(F.date, "2026-02-30", clock), "YYYY-MM-DD");
  refused(() => checkWrite(F.date, "next_week", clock), "today, tomorrow, yesterday");
  assertEquals(checkWrite(F.number, null, clock), { id: 3, value: null });
});

Deno.test("checkWrite: list items by name or id, other text, replacement", () => {
  assertEquals(checkWrite(F.single, "safari", clock).value, 2);
  assertEquals(checkWrite(F.single, 1, clock).value, 1);
  assertEquals(checkWrite(F.single, ["Chrome"], clock).value, 1);
  refused(() => checkWrite(F.single, ["Chrome", "Safari"], clock), "one of Chrome, Safari");
  refused(
    () => checkWrite(F.single, "Opera", clock),
    'no list item named "Opera"',
    "Chrome, Safari",
  );
  refused(() => checkWrite(F.single, 7, clock), "7 is not the id of a list item");
  assertEquals(checkWrite(F.multi, ["Linux", "windows", 3], clock).value, [3, 1]);
  assertEquals(checkWrite(F.multi, "macOS", clock).value, [2]);
  const years = {
    id: 10,
    typeId: 5,
    name: "Year",
    items: [{ id: 1, name: "3" }, { id: 3, name: "1" }],
  };
  assertEquals(checkWrite(years, "3", clock).value, 1, "an item named 3 beats the id 3");
  assertEquals(checkWrite(years, 3, clock).value, 3, "a JSON number is an id");
  assertEquals(checkWrite(F.multi, [], clock).value, []);
  assertEquals(checkWrite(F.checkbox, { items: ["E2E"], other: "Load" }, clock), {
    id: 7,
    value: [2],
    other: "Load",
  });
  assertEquals(checkWrite(F.radio, { other: "Unknown" }, clock), { id: 8, other: "Unknown" });
  refused(() => checkWrite(F.radio, { items: "Low", other: "x" }, clock), "not both");
  refused(() => checkWrite(F.closedRadio, { other: "XL" }, clock), 'no "other" text', "S, M, L");
  refused(() => checkWrite(F.single, { other: "Opera" }, clock), 'no "other" text');
  refused(() => checkWrite(F.checkbox, { other: "x", extra: 1 }, clock), "Checks");
  // On an issue with other text, choosing items clears it; "other" alone clears the item.
  const issue = {
    customFields: [
      { id: 7, name: "Checks", value: [{ id: 1, name: "Unit" }], otherValue: "Load" },
      { id: 8, name: "Impact", value: { id: 2, name: "High" }, otherValue: null },
    ],
  } as unknown as Issue;
  assertEquals(checkWrite(F.checkbox, ["E2E"], { ...clock, current: issue }), {
    id: 7,
    value: [2],
    other: null,
  });
  assertEquals(checkWrite(F.radio, { other: "?" }, { ...clock, current: issue }), {
    id: 8,
    value: null,
    other: "?",
  });
  assertEquals(holds(F.checkbox, { id: 7, value: [1], other: "Load" }, issue), true);
  assertEquals(holds(F.checkbox, { id: 7, value: [1], other: null }, issue), false);
  assertEquals(holds(F.radio, { id: 8, value: 2 }, issue), true);
});

Deno.test("checkFilter: keyword, ranges with words, items ORed; empty is refused", () => {
  assertEquals(checkFilter(F.text, "acme", clock).filter, { id: 1, keyword: "acme" });
  assertEquals(checkFilter(F.number, 3, clock).filter, { id: 3, min: 3, max: 3 });
  assertEquals(checkFilter(F.number, { min: 3 }, clock).filter, { id: 3, min: 3, max: undefined });
  refused(() => checkFilter(F.number, { min: 5, max: 3 }, clock), "min 5 after max 3");
  assertEquals(checkFilter(F.date, { min: "this_week" }, clock).filter, {
    id: 4,
    min: "2026-11-16",
    max: undefined,
  });
  assertEquals(checkFilter(F.date, "next_week", clock).filter, {
    id: 4,
    min: "2026-11-23",
    max: "2026-11-29",
  });
  const list = checkFilter(F.multi, ["Linux", "macOS"], clock);
  assertEquals(list.filter, { id: 6, items: [3, 2] });
  assertEquals(list.label, "Platforms: Linux or macOS");
  refused(() => checkFilter(F.single, null, clock), "empty value");
  refused(() => checkFilter(F.single, [], clock), "at least one item");
});

Deno.test("checkWrites and required fields: applicability, clearing, the one sentence", () => {
  const severity = { ...F.radio, name: "Severity", required: true, applicableIssueTypes: [10] };
  const customer = { ...F.text, name: "Customer", required: true, applicableIssueTypes: [10] };
  const project = { id: 1, projectKey: "PROJ", name: "P", archived: false };
  const fields = { project, fields: [customer, severity, F.number] };
  const types = new Map([[10, "Bug"], [11, "Task"]]);
  const target = (issueTypeId: number) => ({
    fields,
    issueTypeId,
    issueTypeName: types.get(issueTypeId)!,
    clock,
  });
  refused(
    () => checkWrites({ Severity: "Low" }, target(11), types),
    '"Severity" does not apply to Task issues in PROJ (only to Bug)',
  );
  refused(() => checkWrites({ Customer: null }, target(10), types), "give it a value");
  const current = { customFields: [] } as unknown as Issue;
  refused(
    () => checkWrites({ Customer: "  " }, target(10), types),
    "must not be empty",
  );
  refused(
    () => checkWrites({ Customer: null }, { ...target(10), current }, types),
    '"Customer" is required for Bug issues in PROJ; it cannot be cleared',
  );
  assertEquals(checkWrites({ "Story points": null }, target(10), types), [], "nothing to send");
  refused(() => checkWrites({ "story points": 1, "3": 2 }, target(10), types), "given twice");
  refused(() => checkWrites({ Sprint: 1 }, target(10), types), "no custom field named");
  const given = checkWrites({ severity: "High" }, target(10), types);
  const missing = missingRequired(fields.fields, { issueTypeId: 10, given });
  assertEquals(missing.map((f) => f.name), ["Customer"]);
  assertEquals(missingRequired(fields.fields, { issueTypeId: 11, given: [] }), []);
  assertEquals(
    requiredSentence([customer, severity], "PROJ", "Bug"),
    'PROJ requires these custom fields for Bug issues: "Customer" (one line of text), ' +
      '"Severity" (one of Low, High, or {"other": text}); pass them in custom_fields, e.g. {"Customer": …}.',
  );
  assertEquals(allowedValues(F.checkbox), 'any of Unit, E2E (a list), or {"other": text}');
});
