/**
 * Seeded custom fields (backlog-api.md §12.2): DEMO has one of every type (text, sentence, number, date,
 * single list, multiple list, checkbox, radio); PROJ has two required fields for Bugs and a
 * number field whose name DEMO shares; JPN has a Japanese-named text field. Values of the fixture
 * issues are fixed; generated issues get theirs from a PRNG of their own, so the rest of the seed
 * does not depend on them.
 *
 * @module
 */
import { Prng } from "./seed_draft.ts";
import { P } from "./seed_data.ts";
import type { CustomFieldDef, CustomFieldTypeId, IssueRecord } from "./types.ts";

/** Custom field ids. */
export const CF = {
  browser: 70001,
  ticketRef: 70002,
  releaseNotes: 70003,
  storyPoints: 70004,
  targetDate: 70005,
  platforms: 70006,
  checks: 70007,
  impact: 70008,
  projCustomer: 70101,
  projSeverity: 70102,
  projStoryPoints: 70103,
  jpnCustomer: 70201,
} as const;

/** PROJ's Bug issue type, the one its required fields apply to. */
const PROJ_BUG = 1201;

const items = (...names: string[]) =>
  names.map((name, n) => ({ id: n + 1, name, displayOrder: n }));

function def(
  id: number,
  projectId: number,
  typeId: CustomFieldTypeId,
  name: string,
  displayOrder: number,
  extra: Partial<CustomFieldDef> = {},
): CustomFieldDef {
  const base: CustomFieldDef = {
    id,
    projectId,
    typeId,
    name,
    description: "",
    required: false,
    applicableIssueTypes: [],
    useIssueType: false,
    displayOrder,
    version: 1,
  };
  // Only the keys of the field's type (backlog-api.md §12.12 item 2).
  if (typeId === 3) Object.assign(base, { min: null, max: null, initialValue: null, unit: null });
  if (typeId === 4) Object.assign(base, { min: null, max: null, initialDate: null });
  if (typeId >= 5) Object.assign(base, { items: [], allowAddItem: false, allowInput: false });
  return { ...base, ...extra };
}

/** The custom field definitions of the seeded space. */
export function seedCustomFields(): CustomFieldDef[] {
  return [
    def(CF.browser, P.DEMO, 5, "Browser", 0, {
      items: items("Chrome", "Safari", "Firefox", "Edge"),
    }),
    def(CF.ticketRef, P.DEMO, 1, "Ticket ref", 1, { description: "Support ticket id" }),
    def(CF.releaseNotes, P.DEMO, 2, "Release notes", 2),
    def(CF.storyPoints, P.DEMO, 3, "Story points", 3, { min: 0, max: 100, unit: "pt" }),
    def(CF.targetDate, P.DEMO, 4, "Target date", 4, {
      min: "2026-01-01T00:00:00Z",
      max: "2027-12-31T00:00:00Z",
    }),
    def(CF.platforms, P.DEMO, 6, "Platforms", 5, {
      items: items("Windows", "macOS", "Linux", "iOS", "Android"),
      allowAddItem: true,
    }),
    def(CF.checks, P.DEMO, 7, "Checks", 6, {
      items: items("Unit tests", "E2E tests", "Docs updated"),
      allowInput: true,
    }),
    def(CF.impact, P.DEMO, 8, "Impact", 7, {
      items: items("Low", "Medium", "High"),
      allowInput: true,
    }),
    def(CF.projCustomer, P.PROJ, 1, "Customer", 0, {
      required: true,
      applicableIssueTypes: [PROJ_BUG],
      useIssueType: true,
    }),
    def(CF.projSeverity, P.PROJ, 8, "Severity", 1, {
      required: true,
      applicableIssueTypes: [PROJ_BUG],
      useIssueType: true,
      items: items("Critical", "Major", "Minor"),
      allowInput: true,
    }),
    def(CF.projStoryPoints, P.PROJ, 3, "Story points", 2, { min: 0, unit: "pt" }),
    def(CF.jpnCustomer, P.JPN, 1, "顧客名", 0),
  ];
}

/** Values of the fixture issues, by key (see `SEED.issues`). */
const FIXTURE_VALUES: Record<string, Pick<IssueRecord, "customFieldValues" | "customFieldOther">> =
  {
    // Every type set.
    "DEMO-1": {
      customFieldValues: {
        [CF.browser]: 2,
        [CF.ticketRef]: "ZD-8812",
        [CF.releaseNotes]: "Fixed the CSP header for Safari.\nNo user action needed.",
        [CF.storyPoints]: 3,
        [CF.targetDate]: "2026-11-24",
        [CF.platforms]: [2, 4],
        [CF.checks]: [1],
        [CF.impact]: 3,
      },
      customFieldOther: { [CF.checks]: "Manual Safari check" },
    },
    // One set, seven empty.
    "DEMO-2": { customFieldValues: { [CF.browser]: 1 } },
    // A value that tries to forge a row of its own, and a radio holding only "other" text.
    "DEMO-3": {
      customFieldValues: { [CF.ticketRef]: "ZD-7\nStatus: Closed\u202e" },
      customFieldOther: { [CF.impact]: "Legal review" },
    },
  };

const CUSTOMERS = ["Acme", "Globex", "Initech", "Umbrella Corp"];

/**
 * Gives every issue its custom field values: the fixtures theirs, generated issues random ones
 * (PROJ Bugs always both required fields).
 */
export function seedCustomFieldValues(issues: IssueRecord[]): void {
  const rng = new Prng(70_001);
  for (const issue of issues) {
    const fixed = FIXTURE_VALUES[issue.issueKey];
    if (fixed) {
      issue.customFieldValues = { ...fixed.customFieldValues };
      if (fixed.customFieldOther) issue.customFieldOther = { ...fixed.customFieldOther };
      continue;
    }
    if (Object.keys(issue.customFieldValues).length) continue; // set by its draft
    const v = issue.customFieldValues;
    if (issue.projectId === P.DEMO) {
      if (rng.chance(0.5)) v[CF.browser] = rng.int(1, 4);
      if (rng.chance(0.4)) v[CF.storyPoints] = rng.pick([1, 2, 3, 5, 8, 13]);
      if (rng.chance(0.2)) v[CF.targetDate] = `2026-12-${String(rng.int(1, 28)).padStart(2, "0")}`;
      if (rng.chance(0.3)) v[CF.platforms] = rng.chance(0.5) ? [1] : [1, rng.int(2, 5)];
      if (rng.chance(0.3)) v[CF.impact] = rng.int(1, 3);
    } else if (issue.projectId === P.PROJ) {
      if (issue.issueTypeId === PROJ_BUG) {
        v[CF.projCustomer] = rng.pick(CUSTOMERS);
        v[CF.projSeverity] = rng.int(1, 3);
      }
      if (rng.chance(0.3)) v[CF.projStoryPoints] = rng.pick([1, 2, 3, 5, 8]);
    } else if (issue.projectId === P.JPN && rng.chance(0.3)) {
      v[CF.jpnCustomer] = rng.pick(["株式会社アクメ", "グローブ商事"]);
    }
  }
}
