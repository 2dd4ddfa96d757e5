import { assertEquals } from "../../tests/assert.ts";
import { customFieldForm, customFieldQuery, customFieldSort } from "./custom_field_params.ts";
import { encodeParams } from "./query.ts";

const wire = (params: Parameters<typeof encodeParams>[0]) =>
  decodeURIComponent(encodeParams(params).toString());

Deno.test("customFieldForm: one key per type, indexed items, other text, clearing", () => {
  const form = customFieldForm([
    { id: 1, value: "ZD-1" },
    { id: 3, value: 2.5 },
    { id: 4, value: "2026-12-01" },
    { id: 5, value: 7 },
    { id: 6, value: [11, 12] },
    { id: 7, value: [21], other: "Perf check" },
    { id: 8, other: "Blocker" },
    { id: 9, value: null, other: null },
    { id: 10, value: [] },
  ]);
  assertEquals(
    wire(form),
    "customField_1=ZD-1&customField_3=2.5&customField_4=2026-12-01&customField_5=7" +
      "&customField_6[0]=11&customField_6[1]=12" +
      "&customField_7[0]=21&customField_7_otherValue=Perf+check" +
      "&customField_8_otherValue=Blocker" +
      "&customField_9=&customField_9_otherValue=&customField_10=",
  );
});

Deno.test("customFieldQuery: keyword, ranges, and list items always indexed (even one)", () => {
  const query = customFieldQuery([
    { id: 1, keyword: "acme" },
    { id: 3, min: 2, max: 5 },
    { id: 4, min: "2026-11-01" },
    { id: 5, items: [2] },
    { id: 6, items: [11, 13] },
  ]);
  assertEquals(
    wire(query),
    "customField_1=acme&customField_3_min=2&customField_3_max=5&customField_4_min=2026-11-01" +
      "&customField_5[0]=2&customField_6[0]=11&customField_6[1]=13",
  );
  // Other array parameters keep Backlog's `[]` form.
  assertEquals(wire({ statusId: [1, 2], ...query }).startsWith("statusId[]=1&statusId[]=2&"), true);
  assertEquals(customFieldSort(70004), "customField_70004");
});
