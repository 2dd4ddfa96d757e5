import { SEED } from "./seed.ts";
import { allIssues, assert, assertEquals, call, get, withSandbox } from "./test_util.ts";

const CF = SEED.customFields;
const DEMO = `projectId[]=${SEED.projects.DEMO.id}`;
// deno-lint-ignore no-explicit-any
type Json = any;
const valueOf = (issue: Json, id: number) =>
  issue.customFields.find((f: { id: number }) => f.id === id);

Deno.test("GET /projects/:key/customFields: every type, only its own keys", async () => {
  await withSandbox({}, async (sb) => {
    const r = await get(sb, "projects/DEMO/customFields");
    assertEquals(r.status, 200);
    const defs: Json[] = r.body;
    assertEquals(defs.map((d) => d.typeId), [5, 1, 2, 3, 4, 6, 7, 8]);
    const byType = (t: number) => defs.find((d) => d.typeId === t);
    for (const d of defs) {
      for (const key of ["id", "projectId", "name", "description", "required"]) {
        assert(key in d, `${d.name} has ${key}`);
      }
      assertEquals(Array.isArray(d.applicableIssueTypes), true);
    }
    assert(!("items" in byType(1)) && !("min" in byType(1)) && !("allowInput" in byType(2)));
    assertEquals([byType(3).min, byType(3).max, byType(3).unit], [0, 100, "pt"]);
    assert(!("items" in byType(3)) && !("unit" in byType(4)));
    assertEquals(byType(4).min, "2026-01-01T00:00:00Z", "date bounds come back as timestamps");
    assertEquals(byType(6).items.map((i: Json) => i.name), [
      "Windows",
      "macOS",
      "Linux",
      "iOS",
      "Android",
    ]);
    assertEquals([byType(7).allowInput, byType(8).allowInput, byType(5).allowInput], [
      true,
      true,
      false,
    ]);
    assert(!("initialValue" in byType(5)));

    const proj: Json[] = (await get(sb, `projects/${SEED.projects.PROJ.id}/customFields`)).body;
    const required = proj.filter((d) => d.required);
    assertEquals(required.map((d) => d.name), ["Customer", "Severity"]);
    assertEquals(required[0].applicableIssueTypes, [SEED.issueTypes.projBug]);
    assertEquals((await get(sb, "projects/NOPE/customFields")).status, 404);
  });
});

Deno.test("issue values: backlog-api.md §12.2.2 shapes for every type; empty lists [] or null", async () => {
  await withSandbox({}, async (sb) => {
    const rich = (await get(sb, `issues/${SEED.issues.rich}`)).body;
    assertEquals(rich.customFields.length, 8);
    const v = (id: number) => valueOf(rich, id);
    assertEquals(v(CF.demoBrowser), {
      id: CF.demoBrowser,
      fieldTypeId: 5,
      name: "Browser",
      value: { id: 2, name: "Safari", displayOrder: 1 },
    });
    assertEquals(v(CF.demoTicketRef).value, "ZD-8812");
    assertEquals(v(CF.demoReleaseNotes).value.includes("\n"), true);
    assertEquals(v(CF.demoStoryPoints).value, 3);
    assertEquals(v(CF.demoTargetDate).value, "2026-11-24T00:00:00Z");
    assertEquals(v(CF.demoPlatforms).value.map((i: Json) => i.name), ["macOS", "iOS"]);
    assertEquals(v(CF.demoChecks).otherValue, "Manual Safari check");
    assertEquals(v(CF.demoImpact), {
      id: CF.demoImpact,
      fieldTypeId: 8,
      name: "Impact",
      value: { id: 3, name: "High", displayOrder: 2 },
      otherValue: null,
    });
    assert(!("otherValue" in v(CF.demoBrowser)), "otherValue only on checkbox and radio");

    const sparse = (await get(sb, `issues/${SEED.issues.manyComments}`)).body;
    assertEquals(valueOf(sparse, CF.demoPlatforms).value, []);
    assertEquals(valueOf(sparse, CF.demoImpact).value, null);
    assertEquals(valueOf(sparse, CF.demoStoryPoints).value, null);
  });
  await withSandbox({ customFields: { emptyList: "null", listed: "set" } }, async (sb) => {
    const sparse = (await get(sb, `issues/${SEED.issues.manyComments}`)).body;
    assertEquals(sparse.customFields.map((f: Json) => f.name), ["Browser"]);
  });
  await withSandbox({ customFields: { listed: "applicable" } }, async (sb) => {
    const task = sb.state.issues.find((i) =>
      i.projectId === SEED.projects.PROJ.id && i.issueTypeId === SEED.issueTypes.projTask
    )!;
    const body = (await get(sb, `issues/${task.issueKey}`)).body;
    assertEquals(body.customFields.map((f: Json) => f.name), ["Story points"]);
  });
});

Deno.test("writes: every type, list keys bare/[]/[n], otherValue, clearing, change log", async () => {
  await withSandbox({}, async (sb) => {
    const form = [
      `customField_${CF.demoTicketRef}=ZD-1`,
      `customField_${CF.demoStoryPoints}=5.5`,
      `customField_${CF.demoTargetDate}=2026-12-24`,
      `customField_${CF.demoBrowser}=3`,
      `customField_${CF.demoPlatforms}=1&customField_${CF.demoPlatforms}=3`, // bare repeated
      `customField_${CF.demoChecks}%5B%5D=2&customField_${CF.demoChecks}%5B%5D=1`, // []
      `customField_${CF.demoChecks}_otherValue=Load%20test`,
      `customField_${CF.demoImpact}_otherValue=Unknown`,
      `comment=set`,
    ].join("&");
    const r = await call(sb, `PATCH issues/${SEED.issues.noComments}`, { form });
    assertEquals(r.status, 200, r.text);
    const v = (id: number) => valueOf(r.body, id);
    assertEquals(v(CF.demoStoryPoints).value, 5.5);
    assertEquals(v(CF.demoTargetDate).value, "2026-12-24T00:00:00Z");
    assertEquals(v(CF.demoBrowser).value.name, "Firefox");
    assertEquals(v(CF.demoPlatforms).value.map((i: Json) => i.name), ["Windows", "Linux"]);
    assertEquals(v(CF.demoChecks).value.map((i: Json) => i.id), [1, 2], "display order");
    assertEquals(v(CF.demoChecks).otherValue, "Load test");
    assertEquals([v(CF.demoImpact).value, v(CF.demoImpact).otherValue], [null, "Unknown"]);
    const comment = sb.state.comments.at(-1)!;
    const logged = comment.changeLog!.find((c) => c.field === "Checks")!;
    assertEquals(logged.newValue, "Unit tests, E2E tests, Load test");
    assertEquals(logged.attributeInfo, { id: CF.demoChecks, typeId: 7 });

    // Indexed keys; empty values clear.
    const again = await call(sb, `PATCH issues/${SEED.issues.noComments}`, {
      form: `customField_${CF.demoPlatforms}%5B0%5D=5&customField_${CF.demoStoryPoints}=` +
        `&customField_${CF.demoChecks}=&customField_${CF.demoChecks}_otherValue=`,
    });
    assertEquals(again.status, 200, again.text);
    assertEquals(valueOf(again.body, CF.demoPlatforms).value.map((i: Json) => i.name), [
      "Android",
    ]);
    assertEquals(valueOf(again.body, CF.demoStoryPoints).value, null);
    assertEquals(valueOf(again.body, CF.demoChecks), {
      id: CF.demoChecks,
      fieldTypeId: 7,
      name: "Checks",
      value: [],
      otherValue: null,
    });
  });
});

Deno.test("writes: bad values and required fields are 400 code 7, nothing stored", async () => {
  await withSandbox({}, async (sb) => {
    const key = SEED.issues.noComments;
    for (
      const form of [
        `customField_${CF.demoStoryPoints}=lots`,
        `customField_${CF.demoStoryPoints}=101`,
        `customField_${CF.demoTargetDate}=2028-01-01`,
        `customField_${CF.demoBrowser}=9`,
        `customField_${CF.demoPlatforms}=1&customField_${CF.demoPlatforms}=9`,
        `customField_${CF.demoBrowser}_otherValue=Opera`,
        `customField_${CF.projCustomer}=Acme`, // another project's field
      ]
    ) {
      const r = await call(sb, `PATCH issues/${key}`, { form });
      assertEquals([r.status, r.body.errors[0].code], [400, 7], form);
    }
    const before = sb.state.issues.length;
    const bug = `projectId=${SEED.projects.PROJ.id}&summary=x&priorityId=3` +
      `&issueTypeId=${SEED.issueTypes.projBug}`;
    const missing = await call(sb, "POST issues", { form: bug });
    assertEquals(missing.status, 400);
    assertEquals(missing.body.errors.map((e: Json) => e.message), [
      "Customer is required.",
      "Severity is required.",
    ]);
    const otherOnly = await call(sb, "POST issues", {
      form:
        `${bug}&customField_${CF.projCustomer}=Acme&customField_${CF.projSeverity}_otherValue=Blocker`,
    });
    assertEquals(otherOnly.status, 201, "other text fills a required radio");
    assertEquals(sb.state.issues.length, before + 1);
    // Clearing a required field, or a field that does not apply to the type.
    const created = otherOnly.body.issueKey;
    const cleared = await call(sb, `PATCH issues/${created}`, {
      form: `customField_${CF.projCustomer}=`,
    });
    assertEquals(cleared.body.errors[0].message, "Customer is required.");
    const task = await call(sb, "POST issues", {
      form: `projectId=${SEED.projects.PROJ.id}&summary=x&priorityId=3` +
        `&issueTypeId=${SEED.issueTypes.projTask}&customField_${CF.projSeverity}=1`,
    });
    assertEquals(task.status, 400);
  });
  await withSandbox({ customFields: { requiredMessage: "必須: {name}" } }, async (sb) => {
    const r = await call(sb, "POST issues", {
      form: `projectId=${SEED.projects.PROJ.id}&summary=x&priorityId=3` +
        `&issueTypeId=${SEED.issueTypes.projBug}&customField_${CF.projSeverity}=2`,
    });
    assertEquals(r.body.errors.map((e: Json) => e.message), ["必須: Customer"]);
  });
});

Deno.test("list filters: indexed items ORed; the bare form is ignored and every issue comes back", async () => {
  await withSandbox({}, async (sb) => {
    const all = await allIssues(sb, DEMO);
    const with_ = (ids: number[]) =>
      sb.state.issues.filter((i) =>
        i.projectId === SEED.projects.DEMO.id &&
        ids.includes(i.customFieldValues[CF.demoBrowser] as number)
      ).map((i) => i.id).sort();
    const got = async (q: string) => (await allIssues(sb, `${DEMO}&${q}`)).map((i) => i.id).sort();
    const safari = with_([2]);
    assert(safari.length > 1 && safari.length < all.length, "fixture: some Safari issues");
    assertEquals(await got(`customField_${CF.demoBrowser}%5B0%5D=2`), safari);
    assertEquals(
      await got(`customField_${CF.demoBrowser}%5B0%5D=2&customField_${CF.demoBrowser}%5B1%5D=3`),
      with_([2, 3]),
    );
    assertEquals((await got(`customField_${CF.demoBrowser}=2`)).length, all.length, "bare");
    assertEquals((await got(`customField_${CF.demoBrowser}=99`)).length, all.length, "bare");
    assertEquals((await got(`customField_${CF.demoBrowser}%5B%5D=2`)).length, all.length);
    assertEquals(await got(`customField_${CF.demoBrowser}%5B0%5D=99`), []);
    // Multiple list: any of the items.
    const linuxOrIos = sb.state.issues.filter((i) =>
      ((i.customFieldValues[CF.demoPlatforms] as number[] | undefined) ?? [])
        .some((id) => id === 3 || id === 4)
    ).map((i) => i.id).sort();
    assertEquals(
      await got(
        `customField_${CF.demoPlatforms}%5B0%5D=3&customField_${CF.demoPlatforms}%5B1%5D=4`,
      ),
      linuxOrIos,
    );
    const count = await get(sb, "issues/count", `${DEMO}&customField_${CF.demoBrowser}%5B0%5D=2`);
    assertEquals(count.body.count, safari.length);
  });
  await withSandbox({ customFields: { bracketListFilter: "match" } }, async (sb) => {
    const r = await allIssues(sb, `${DEMO}&customField_${CF.demoBrowser}%5B%5D=2`);
    assert(r.every((i) => valueOf(i, CF.demoBrowser).value?.id === 2));
  });
});

Deno.test("filters: text keyword, number and date ranges (inclusive), unknown field, sort", async () => {
  await withSandbox({}, async (sb) => {
    const text = await allIssues(sb, `customField_${CF.demoTicketRef}=zd-88`);
    assertEquals(text.map((i) => i.issueKey), [SEED.issues.rich]);
    const points = await allIssues(
      sb,
      `${DEMO}&customField_${CF.demoStoryPoints}_min=3&customField_${CF.demoStoryPoints}_max=5`,
    );
    assert(points.length > 0);
    assert(points.every((i) => [3, 5].includes(valueOf(i, CF.demoStoryPoints).value)));
    const dated = await allIssues(
      sb,
      `customField_${CF.demoTargetDate}_min=2026-11-24&customField_${CF.demoTargetDate}_max=2026-11-24`,
    );
    assertEquals(dated.map((i) => i.issueKey), [SEED.issues.rich]);
    for (const q of [`customField_1_min=3`, `customField_${CF.demoStoryPoints}_min=x`]) {
      assertEquals((await get(sb, "issues", q)).status, 400, q);
    }
    const sorted = (await get(
      sb,
      "issues",
      `${DEMO}&sort=customField_${CF.demoStoryPoints}&order=asc&count=100`,
    ))
      .body.map((i: Json) => valueOf(i, CF.demoStoryPoints).value);
    const set = sorted.filter((v: number | null) => v !== null);
    assertEquals(set, [...set].sort((a: number, b: number) => a - b));
    assertEquals(sorted.indexOf(null), set.length, "empty values last");
  });
  await withSandbox(
    { customFields: { unknownField: "ignore", rangeInclusive: false } },
    async (sb) => {
      assertEquals((await get(sb, "issues", "customField_1_min=3")).status, 200);
      const dated = await allIssues(sb, `customField_${CF.demoTargetDate}_min=2026-11-24`);
      assert(!dated.some((i) => i.issueKey === SEED.issues.rich), "exclusive bounds");
    },
  );
});

Deno.test("seed: every stored value fits its field; required fields are set where they apply", async () => {
  await withSandbox({}, (sb) => {
    const s = sb.state;
    for (const issue of s.issues) {
      for (const [id, value] of Object.entries(issue.customFieldValues)) {
        const def = s.customFields.find((f) => f.id === Number(id))!;
        assertEquals(def.projectId, issue.projectId, `${issue.issueKey} ${id}`);
        if (value === null) continue;
        const ids = Array.isArray(value) ? value : [value];
        if (def.typeId >= 5) {
          assert(ids.every((v) => def.items!.some((i) => i.id === v)), `${issue.issueKey} ${id}`);
        }
        assertEquals(Array.isArray(value), def.typeId === 6 || def.typeId === 7);
      }
      for (const def of s.customFields.filter((f) => f.projectId === issue.projectId)) {
        const applies = !def.applicableIssueTypes.length ||
          def.applicableIssueTypes.includes(issue.issueTypeId);
        if (def.required && applies) {
          assert(issue.customFieldValues[def.id] != null, `${issue.issueKey} lacks ${def.name}`);
        }
      }
    }
    assert(s.issues.some((i) => i.customFieldValues[CF.projSeverity] != null), "PROJ has Bugs");
    return Promise.resolve();
  });
});
