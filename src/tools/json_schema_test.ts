import { z } from "zod";
import { assertEquals } from "../../tests/assert.ts";
import { advertise, HIDDEN, inputJsonSchema, isHidden, outputJsonSchema } from "./json_schema.ts";

Deno.test("inputJsonSchema: 2020-12 without $schema, sanity caps left out, advertised forms used", () => {
  const ref = advertise(z.union([z.number().int().positive(), z.string().min(1)]), {
    type: "string",
  });
  const hidden = advertise(z.string().optional(), HIDDEN);
  const schema = z.strictObject({
    key: z.string().max(200).describe("e.g. PROJ-1"),
    ids: z.array(ref).max(100).optional(),
    id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
    limit: z.number().int().min(1).max(1000).default(100),
    offset: z.number().int().min(0).max(1_000_000).default(0),
    old: hidden,
  });
  assertEquals(inputJsonSchema(schema), {
    type: "object",
    properties: {
      key: { description: "e.g. PROJ-1", type: "string" },
      ids: { type: "array", items: { type: "string" } },
      id: { type: "integer", minimum: 1 },
      limit: { default: 100, type: "integer", minimum: 1, maximum: 1000 },
      offset: { default: 0, type: "integer", minimum: 0 },
    },
    required: ["key"],
  });
  assertEquals(isHidden(hidden), true);
  assertEquals(isHidden(ref), false);
});

Deno.test("outputJsonSchema: nullable becomes anyOf, tuples are bounded without items: false", () => {
  const schema = z.object({
    name: z.string().nullable().describe("who"),
    row: z.tuple([z.string(), z.number()]),
  });
  assertEquals(outputJsonSchema(schema), {
    type: "object",
    properties: {
      name: { description: "who", anyOf: [{ type: "string" }, { type: "null" }] },
      row: {
        type: "array",
        prefixItems: [{ type: "string" }, { type: "number" }],
        minItems: 2,
        maxItems: 2,
      },
    },
    required: ["name", "row"],
    additionalProperties: false,
  });
});
