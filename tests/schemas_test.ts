/**
 * Schemas every client accepts: tools/list, in every mode the server has
 * (normal and read-only, text-only and structured), holds no `$schema` of a
 * dialect other than JSON Schema 2020-12; every input and output schema
 * compiles under Ajv's 2020-12 build in strict mode (as Claude Desktop's
 * validator does); no schema uses a `type` array or a bare boolean subschema
 * (function-calling APIs and MCP Inspector's portability check take neither).
 */

import { Ajv2020 } from "ajv/dist/2020.js";
import { assert, assertEquals } from "./assert.ts";
import { listTools, MODES } from "./tools_list.ts";

const DIALECT = "https://json-schema.org/draft/2020-12/schema";

/** Every place in `schema` where `visit` finds a problem, as `path: problem`. */
function problems(
  node: unknown,
  visit: (schema: Record<string, unknown>) => string | undefined,
  path = "",
): string[] {
  if (Array.isArray(node)) return node.flatMap((n, i) => problems(n, visit, `${path}[${i}]`));
  if (!node || typeof node !== "object") return [];
  const schema = node as Record<string, unknown>;
  const found = visit(schema);
  return [
    ...(found ? [`${path || "/"}: ${found}`] : []),
    ...Object.entries(schema).flatMap(([key, value]) => problems(value, visit, `${path}/${key}`)),
  ];
}

/** A `type` array, a foreign `$schema`, or a bare `true`/`false` where a schema is expected. */
function portabilityProblem(schema: Record<string, unknown>): string | undefined {
  if (Array.isArray(schema.type)) return `type array ${JSON.stringify(schema.type)}`;
  if ("$schema" in schema && schema.$schema !== DIALECT) return `$schema ${schema.$schema}`;
  for (const key of ["items", "not", "contains", "if", "then", "else", "propertyNames"]) {
    if (typeof schema[key] === "boolean") return `bare ${schema[key]} under ${key}`;
  }
  return undefined;
}

for (const [mode, env] of Object.entries(MODES)) {
  Deno.test(`schemas (${mode}): 2020-12, strict-valid under Ajv, no type arrays`, async () => {
    const tools = await listTools(env);
    assert(tools.length >= 6, `${tools.length} tools listed`);
    const structured = env.BACKLOG_STRUCTURED_OUTPUT === "true";
    for (const tool of tools) {
      const schemas = { inputSchema: tool.inputSchema, outputSchema: tool.outputSchema };
      assertEquals(schemas.outputSchema !== undefined, structured, `${tool.name}: outputSchema`);
      for (const [kind, schema] of Object.entries(schemas)) {
        if (schema === undefined) continue;
        // A fresh validator per schema: one schema's definitions never help another compile.
        const ajv = new Ajv2020({ strict: true, allErrors: true });
        try {
          ajv.compile(schema);
        } catch (error) {
          throw new Error(`${tool.name} ${kind} does not compile under Ajv 2020 strict: ${error}`);
        }
        assertEquals(schema.type, "object", `${tool.name} ${kind} is an object schema`);
        assertEquals(problems(schema, portabilityProblem), [], `${tool.name} ${kind}`);
      }
    }
  });
}

Deno.test("schemas: a tool without parameters lists an empty object", async () => {
  const tools = await listTools(MODES["text only"]);
  const myself = tools.find((t) => t.name === "get_myself")!;
  assertEquals(myself.inputSchema, { type: "object", properties: {} });
});
