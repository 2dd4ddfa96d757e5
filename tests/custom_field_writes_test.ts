/**
 * Custom fields written by name through the whole pipeline (stand-in →
 * client → tool → text): create and update, values checked before anything
 * is sent, required fields, before → after.
 */

import { assert, assertEquals, assertStringIncludes } from "./assert.ts";
import { textOf, withSession } from "./harness.ts";
import { SEED } from "../src/tooling/sandbox/seed.ts";
import type { Sandbox } from "../src/tooling/sandbox/server.ts";
import type { IssueRecord } from "../src/tooling/sandbox/types.ts";
import type { UpdateResult } from "../src/render/write.ts";

const CF = SEED.customFields;
const issue = (sandbox: Sandbox, key: string): IssueRecord =>
  sandbox.state.issues.find((i) => i.issueKey === key)!;
const writes = (sandbox: Sandbox) => sandbox.requests.filter((r) => r.method !== "GET");
const fetched = (sandbox: Sandbox, what: string) =>
  sandbox.requests.filter((r) => r.path.endsWith(`/${what}`)).length;

Deno.test("create_issue: a missing required field answers one sentence; nothing is sent", async () => {
  await withSession(async (session, sandbox) => {
    const missing = await session.call("create_issue", {
      project: "PROJ",
      summary: "Checkout fails for Acme",
      issue_type: "Bug",
      custom_fields: { Severity: "Major" },
    });
    assertEquals(missing.isError, true);
    assertEquals(
      textOf(missing),
      'Invalid custom_fields: PROJ requires this custom field for Bug issues: "Customer" (one line of text); pass it in custom_fields, e.g. {"Customer": …}.',
    );
    const none = textOf(
      await session.call("create_issue", { project: "PROJ", summary: "x", issue_type: "Bug" }),
    );
    assertStringIncludes(none, '"Customer" (one line of text), "Severity" (one of Critical, Major');
    assertEquals(writes(sandbox), []);

    const empty = await session.call("create_issue", {
      project: "PROJ",
      summary: "x",
      issue_type: "Bug",
      custom_fields: { Customer: "Acme", Severity: null },
    });
    assertStringIncludes(
      textOf(empty),
      '"Severity" is required for Bug issues in PROJ; give it a value',
    );
    assertEquals(writes(sandbox), []);

    const count = sandbox.state.issues.length;
    const created = await session.call("create_issue", {
      project: "PROJ",
      summary: "Checkout fails for Acme",
      issue_type: "Bug",
      custom_fields: { customer: "Acme", Severity: { other: "Blocker" }, "70103": "5" },
    });
    assert(!created.isError, textOf(created));
    assertEquals(sandbox.state.issues.length, count + 1);
    const stored = sandbox.state.issues.at(-1)!;
    assertEquals(stored.customFieldValues[CF.projCustomer], "Acme");
    assertEquals(stored.customFieldOther?.[CF.projSeverity], "Blocker");
    assertEquals(stored.customFieldValues[CF.projStoryPoints], 5);
    const plain = await session.call("create_issue", {
      project: "DEMO",
      summary: "x",
      issue_type: "Task",
      custom_fields: { Platforms: [], "Story points": null, Browser: "Edge" },
    });
    assert(!plain.isError, textOf(plain));
    const sentEmpty = Object.keys(writes(sandbox).at(-1)!.params).filter((k) =>
      k.startsWith("custom")
    );
    assertEquals(sentEmpty, [`customField_${CF.demoBrowser}`], "no empty values sent on create");
    const post = writes(sandbox)[0].params;
    assertEquals(post[`customField_${CF.projSeverity}_otherValue`], ["Blocker"]);
    assert(!(`customField_${CF.projSeverity}` in post), "no empty item value sent on create");
    assertStringIncludes(
      textOf(created),
      "Custom fields:\n- Customer: Acme\n- Severity: Blocker (other)",
    );

    // A Task needs neither; the Bug-only fields are refused for it.
    const task = await session.call("create_issue", {
      project: "PROJ",
      summary: "Plain task",
      issue_type: "Task",
    });
    assert(!task.isError, textOf(task));
    sandbox.clearRequests();
    const misfit = await session.call("create_issue", {
      project: "PROJ",
      summary: "x",
      issue_type: "Task",
      custom_fields: { Severity: "Minor" },
    });
    assertStringIncludes(
      textOf(misfit),
      '"Severity" does not apply to Task issues in PROJ (only to Bug)',
    );
    assertEquals(writes(sandbox), []);
    assertEquals(fetched(sandbox, "customFields"), 0, "definitions cached per project");
  });
});

Deno.test("create_issue and update_issue: values checked against type and items before sending", async () => {
  await withSession(async (session, sandbox) => {
    const cases: [Record<string, unknown>, string[]][] = [
      [{ "Story points": "lots" }, ['"Story points" takes a number from 0 to 100 pt']],
      [{ "Story points": 101 }, ["out of range"]],
      [{ "Target date": "2028-02-01" }, ["a date YYYY-MM-DD from 2026-01-01 to 2027-12-31"]],
      [{ Browser: "Opera" }, [
        'no list item named "Opera" of "Browser"',
        "Chrome, Safari, Firefox, Edge",
      ]],
      [{ Browser: ["Chrome", "Edge"] }, ["one of Chrome, Safari"]],
      [{ Platforms: ["Linux", "BeOS"] }, ['"BeOS"', "Windows, macOS, Linux, iOS, Android"]],
      [{ Browser: { other: "Opera" } }, ['"Browser" takes no "other" text']],
      [{ "Ticket ref": "a\nb" }, ["one-line"]],
      [{ Sprint: 1 }, ['no custom field named "Sprint" in DEMO', "Browser, Ticket ref"]],
      [{ Impact: { items: "Low", other: "x" } }, ["not both"]],
    ];
    for (const [custom_fields, parts] of cases) {
      for (
        const [tool, args] of [
          ["update_issue", { issue_key: SEED.issues.noComments, custom_fields }],
          ["create_issue", { project: "DEMO", summary: "x", issue_type: "Task", custom_fields }],
        ] as const
      ) {
        const result = await session.call(tool, args);
        assertEquals(result.isError, true, `${tool} ${JSON.stringify(custom_fields)}`);
        assertStringIncludes(textOf(result), "Invalid custom_fields: ");
        for (const part of parts) assertStringIncludes(textOf(result), part);
      }
    }
    assertEquals(writes(sandbox), []);
  });
});

Deno.test("update_issue: every type by name, before → after, unchanged ones not sent, null clears", async () => {
  await withSession(async (session, sandbox) => {
    const key = SEED.issues.rich;
    const result = await session.call("update_issue", {
      issue_key: key,
      custom_fields: {
        browser: "firefox",
        "Ticket ref": "ZD-9000",
        "Release notes": "Line one\nLine two",
        "Story points": 5,
        "Target date": "2026-12-24",
        Platforms: ["Linux", "iOS"],
        Checks: { items: ["E2E tests", 1], other: "Load test" },
        Impact: "High", // already High
      },
    });
    assert(!result.isError, textOf(result));
    const r = result.structuredContent as UpdateResult;
    assertEquals(r.changes, [
      ["Browser", "Safari", "Firefox"],
      ["Ticket ref", "ZD-8812", "ZD-9000"],
      [
        "Release notes",
        "Fixed the CSP header for Safari. No user action needed.",
        "Line one Line two",
      ],
      ["Story points", "3", "5"],
      ["Target date", "2026-11-24", "2026-12-24"],
      ["Platforms", "macOS, iOS", "Linux, iOS"],
      [
        "Checks",
        "Unit tests, Manual Safari check (other)",
        "Unit tests, E2E tests, Load test (other)",
      ],
    ]);
    assertEquals(r.unchanged, [["Impact", "High"]]);
    const patch = writes(sandbox)[0].params;
    assert(!(`customField_${CF.demoImpact}` in patch), "unchanged field not sent");
    assertEquals(patch[`customField_${CF.demoPlatforms}`], ["3", "4"]);
    assertStringIncludes(textOf(result), "- Platforms: macOS, iOS → Linux, iOS");
    const stored = issue(sandbox, key);
    assertEquals(stored.customFieldValues[CF.demoChecks], [1, 2]);

    const cleared = await session.call("update_issue", {
      issue_key: key,
      custom_fields: { "Story points": null, Platforms: [], Checks: null, Impact: { other: "?" } },
    });
    assert(!cleared.isError, textOf(cleared));
    assertEquals(stored.customFieldValues[CF.demoStoryPoints], null);
    assertEquals(stored.customFieldValues[CF.demoPlatforms], []);
    assertEquals(stored.customFieldValues[CF.demoChecks], []);
    assertEquals(stored.customFieldOther?.[CF.demoChecks], undefined);
    assertEquals([
      stored.customFieldValues[CF.demoImpact],
      stored.customFieldOther?.[CF.demoImpact],
    ], [
      null,
      "?",
    ]);
    assertStringIncludes(textOf(cleared), "- Impact: High → ? (other)");

    // Nothing to change: nothing sent.
    sandbox.clearRequests();
    const again = await session.call("update_issue", {
      issue_key: key,
      custom_fields: { "Story points": null },
    });
    assertStringIncludes(textOf(again), "nothing was sent");
    assertEquals(writes(sandbox), []);
  });
});

Deno.test("update_issue: list writes use indexed keys (a stand-in that takes only those)", async () => {
  await withSession(async (session, sandbox) => {
    const result = await session.call("update_issue", {
      issue_key: SEED.issues.noComments,
      custom_fields: { Platforms: ["Windows", "Android"], Checks: ["Docs updated"] },
    });
    assert(!result.isError, textOf(result));
    const stored = issue(sandbox, SEED.issues.noComments);
    assertEquals(stored.customFieldValues[CF.demoPlatforms], [1, 5]);
    assertEquals(stored.customFieldValues[CF.demoChecks], [3]);
  }, { sandbox: { customFields: { listWriteKeys: ["indexed"] } } });
});

Deno.test("update_issue: required fields cannot be cleared; a type change asks for them", async () => {
  await withSession(async (session, sandbox) => {
    const bug = sandbox.state.issues.find((i) => i.issueTypeId === SEED.issueTypes.projBug)!;
    const clear = await session.call("update_issue", {
      issue_key: bug.issueKey,
      custom_fields: { Customer: null },
    });
    assertStringIncludes(textOf(clear), '"Customer" is required for Bug issues in PROJ');
    const task = sandbox.state.issues.find((i) => i.issueTypeId === SEED.issueTypes.projTask)!;
    const toBug = await session.call("update_issue", {
      issue_key: task.issueKey,
      issue_type: "Bug",
    });
    assertStringIncludes(textOf(toBug), "PROJ requires these custom fields for Bug issues");
    assertEquals(writes(sandbox), []);
    const ok = await session.call("update_issue", {
      issue_key: task.issueKey,
      issue_type: "Bug",
      custom_fields: { Customer: "Globex", Severity: "Minor" },
    });
    assert(!ok.isError, textOf(ok));
    assertEquals(issue(sandbox, task.issueKey).issueTypeId, SEED.issueTypes.projBug);

    sandbox.clearRequests();
    await session.call("update_issue", { issue_key: SEED.issues.noComments, status: "Open" });
    assertEquals(fetched(sandbox, "customFields"), 0, "no custom fields given: none fetched");
  });
});
