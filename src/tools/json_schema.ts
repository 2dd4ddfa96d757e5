/**
 * The JSON Schemas `tools/list` shows, made from the tools' zod schemas so
 * that what is validated and what is advertised cannot drift apart. They are
 * written for every client at once:
 *
 * - JSON Schema 2020-12 (MCP's default dialect) and no `$schema` keyword: some
 *   clients reject any other dialect, and leaving it out costs nothing.
 * - No `type` arrays and no bare `false` subschemas (function-calling APIs
 *   and MCP Inspector's portability check take neither): a nullable output
 *   field becomes `anyOf`, a tuple is bounded by `minItems`/`maxItems`.
 * - Input schemas show types, enums, defaults and the ranges a model may
 *   meet (a `limit` of 1 to 1000), not `additionalProperties: false`
 *   (registration refuses unknown parameters itself, naming the allowed
 *   ones, and accepts client-added ones such as wait_for_previous); sanity caps (string lengths, 100 entries,
 *   maximums of a million and more) are enforced with a clear message but not
 *   advertised, because every model reads them in every session.
 * - A parameter may advertise a simpler form than it accepts
 *   ({@linkcode advertise}): ids or names are shown as strings (a digit-only
 *   string is an id), and `null` (still accepted from older prompts) is left
 *   out in favour of `""`.
 *
 * @module
 */

import { z } from "zod";

/** A JSON Schema object. */
export type JsonSchema = { [key: string]: unknown };

const ADVERTISED = new WeakMap<object, JsonSchema>();

/** Advertise a parameter as this to leave it out of tools/list (accepted, never shown). */
export const HIDDEN: JsonSchema = { "x-hidden": true };

/** Makes `schema` appear in tools/list as `json` (its description and default are kept). */
export function advertise<T extends z.ZodType>(schema: T, json: JsonSchema): T {
  ADVERTISED.set(schema, json);
  return schema;
}

/** True for a parameter advertised as {@linkcode HIDDEN}. */
export function isHidden(schema: unknown): boolean {
  return !!schema && typeof schema === "object" && ADVERTISED.get(schema) === HIDDEN;
}

/** The input schema a tool shows in tools/list. */
export function inputJsonSchema(schema: z.ZodType): JsonSchema {
  const json = convert(schema, "input");
  stripCaps(json);
  // Unknown parameters are refused with the allowed names (and client-added ones such as
  // wait_for_previous accepted): saying so in every schema would cost each session bytes.
  delete json.additionalProperties;
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  for (const [name, property] of Object.entries(properties)) {
    if (!property["x-hidden"]) continue;
    delete properties[name];
    if (Array.isArray(json.required)) json.required = json.required.filter((r) => r !== name);
  }
  return json;
}

/** The output schema a tool shows in tools/list (with BACKLOG_STRUCTURED_OUTPUT=true). */
export function outputJsonSchema(schema: z.ZodType): JsonSchema {
  return convert(schema, "output");
}

function convert(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const json = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "throw",
    override: ({ zodSchema, jsonSchema }) => {
      const shown = ADVERTISED.get(zodSchema);
      if (!shown) return;
      const { description, default: fallback } = jsonSchema;
      for (const key of Object.keys(jsonSchema)) delete jsonSchema[key];
      Object.assign(jsonSchema, structuredClone(shown));
      if (description !== undefined) jsonSchema.description = description;
      if (fallback !== undefined) jsonSchema.default = fallback;
    },
  }) as JsonSchema;
  delete json.$schema;
  portable(json);
  return json;
}

/** Rewrites `type` arrays as `anyOf` and drops `items: false` after `prefixItems`, everywhere. */
function portable(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(portable);
  if (!node || typeof node !== "object") return;
  const schema = node as JsonSchema;
  if (Array.isArray(schema.type)) {
    const types = schema.type as string[];
    delete schema.type;
    const rest = { ...schema };
    for (const key of Object.keys(schema)) delete schema[key];
    // Keywords that describe the value stay outside; the type branches go into anyOf.
    const { description, default: fallback, ...constraints } = rest;
    if (description !== undefined) schema.description = description;
    if (fallback !== undefined) schema.default = fallback;
    schema.anyOf = types.map((type) => ({ type, ...(type === "null" ? {} : constraints) }));
  }
  if (schema.items === false && Array.isArray(schema.prefixItems)) delete schema.items;
  // A record's keys are strings anyway, and an empty schema is the verbose spelling of `true`.
  if (isStringType(schema.propertyNames)) delete schema.propertyNames;
  if (isEmpty(schema.additionalProperties)) schema.additionalProperties = true;
  for (const value of Object.values(schema)) portable(value);
}

const isEmpty = (value: unknown) =>
  !!value && typeof value === "object" && Object.keys(value).length === 0;
const isStringType = (value: unknown) =>
  !!value && typeof value === "object" && JSON.stringify(value) === '{"type":"string"}';

/** Removes the sanity caps from an input schema (see the module doc). */
function stripCaps(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(stripCaps);
  if (!node || typeof node !== "object") return;
  const schema = node as JsonSchema;
  delete schema.maxLength;
  delete schema.minLength;
  if (schema.type === "array" && !Array.isArray(schema.prefixItems)) delete schema.maxItems;
  if (typeof schema.maximum === "number" && schema.maximum >= 1_000_000) delete schema.maximum;
  if (schema.type === "integer" && schema.exclusiveMinimum === 0) {
    delete schema.exclusiveMinimum;
    schema.minimum = 1;
  }
  for (const value of Object.values(schema)) stripCaps(value);
}
