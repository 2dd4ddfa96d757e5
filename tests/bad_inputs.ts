/**
 * The bad inputs `bad_input_test.ts` sends: a table of distinct ones for the
 * two tools every version of the server has (wrong types, huge strings,
 * unicode, negative and huge numbers, empty lists, SQL/HTML/path-like keys,
 * unknown and missing parameters), cases generated from every listed tool's
 * schema, and random argument objects from a seeded generator.
 *
 * @module
 */

/** A bad call; `raw` is sent as the JSON text of `arguments` when set (e.g. a `__proto__` key). */
export interface BadCase {
  tool: string;
  args?: unknown;
  raw?: string;
  /** Expect a tool error (isError) or a JSON-RPC error; false: any answer will do. */
  rejected?: boolean;
}

export const DETAILS = "get_issue_details";
const LIST = "get_user_issue_list";
const HUGE = "A".repeat(1_000_000);

/** Explicit cases for the two tools every version of the server has. */
export const TABLE: BadCase[] = [
  // get_issue_details: the key in every wrong shape.
  { tool: DETAILS, args: {} },
  { tool: DETAILS, args: { issue_key: 42 } },
  { tool: DETAILS, args: { issue_key: null } },
  { tool: DETAILS, args: { issue_key: true } },
  { tool: DETAILS, args: { issue_key: ["DEMO-1"] } },
  { tool: DETAILS, args: { issue_key: { key: "DEMO-1" } } },
  { tool: DETAILS, args: { issue_key: "" } },
  { tool: DETAILS, args: { issue_key: "   " } },
  { tool: DETAILS, args: { issue_key: HUGE } },
  { tool: DETAILS, args: { issue_key: "ＤＥＭＯ－１" } },
  { tool: DETAILS, args: { issue_key: "DEMO\u20101" } },
  { tool: DETAILS, args: { issue_key: "DEMO-1\u0000" } },
  { tool: DETAILS, args: { issue_key: "\u202eDEMO-1" } },
  { tool: DETAILS, args: { issue_key: "🙂-1" } },
  { tool: DETAILS, args: { issue_key: "DEMO-1' OR '1'='1" } },
  { tool: DETAILS, args: { issue_key: "DEMO-1; DROP TABLE issues; --" } },
  { tool: DETAILS, args: { issue_key: "<script>alert(1)</script>" } },
  { tool: DETAILS, args: { issue_key: "../../etc/passwd" } },
  { tool: DETAILS, args: { issue_key: "DEMO-1/../../users/myself" } },
  { tool: DETAILS, args: { issue_key: "..%2F..%2Fusers%2Fmyself" } },
  { tool: DETAILS, args: { issue_key: "DEMO-1?apiKey=stolen" } },
  { tool: DETAILS, args: { issue_key: "DEMO-1#comment" } },
  { tool: DETAILS, args: { issue_key: "DEMO-1\r\nX-Injected: 1" } },
  { tool: DETAILS, args: { issue_key: "DEMO-0" } },
  { tool: DETAILS, args: { issue_key: "DEMO--1" } },
  { tool: DETAILS, args: { issue_key: "DEMO-99999999999999999999999" } },
  { tool: DETAILS, args: { issue_key: "DEMO-1", comment_limit: -1 } },
  { tool: DETAILS, args: { issue_key: "DEMO-1", comment_limit: 1e308 } },
  { tool: DETAILS, args: { issue_key: "DEMO-1", comment_limit: 1.5 } },
  { tool: DETAILS, args: { issue_key: "DEMO-1", comment_limit: "20" } },
  { tool: DETAILS, args: { issue_key: "DEMO-1", include_comments: "yes" } },
  { tool: DETAILS, args: { issue_key: "DEMO-1", timezone: "Mars/Olympus_Mons" } },
  { tool: DETAILS, args: { issue_key: "DEMO-1", timezone: "../../../etc/localtime" } },
  { tool: DETAILS, args: { issue_key: "DEMO-1", timezone: 9 } },
  { tool: DETAILS, args: { issue_key: "DEMO-1", issue_title: 5 } },
  { tool: DETAILS, args: { issue_key: "DEMO-1", no_such_parameter: 1 } },
  // JSON.parse makes "__proto__" an own key; zod skips it (no prototype is touched): any answer.
  { tool: DETAILS, raw: '{"issue_key":"DEMO-1","__proto__":{"polluted":true}}', rejected: false },
  { tool: DETAILS, raw: '{"issue_key":"DEMO-1","constructor":{"prototype":{"x":1}}}' },
  // get_user_issue_list: ids, numbers, enums, dates and text out of range.
  { tool: LIST, args: { project_ids: {} } },
  { tool: LIST, args: { project_ids: [[1]] } },
  { tool: LIST, args: { project_ids: [-1] } },
  { tool: LIST, args: { project_ids: [1e308] } },
  { tool: LIST, args: { project_ids: [1.5] } },
  { tool: LIST, args: { project_ids: Array.from({ length: 100_000 }, (_, i) => i + 1) } },
  { tool: LIST, args: { assignee_ids: true } },
  { tool: LIST, args: { status_ids: [null] } },
  { tool: LIST, args: { milestone_ids: "../../" } },
  { tool: LIST, args: { parent_issue_ids: [0] } },
  { tool: LIST, args: { limit: 0.5 } },
  { tool: LIST, args: { limit: -5 } },
  { tool: LIST, args: { limit: 1e9 } },
  { tool: LIST, args: { limit: "100" } },
  { tool: LIST, args: { offset: -1 } },
  { tool: LIST, args: { offset: 1e20 } },
  { tool: LIST, args: { sort: "created; DROP TABLE issues" } },
  { tool: LIST, args: { order: "sideways" } },
  { tool: LIST, args: { keyword: "x".repeat(100_000) } },
  { tool: LIST, args: { keyword: 12 } },
  { tool: LIST, args: { created_since: "2026-13-01" } },
  { tool: LIST, args: { created_since: "2026-01-01'; --" } },
  { tool: LIST, args: { due_date_until: "<img src=x onerror=alert(1)>" } },
  { tool: LIST, args: { updated_since: 20260101 } },
  { tool: LIST, args: { created_since: "2026-12-01", created_until: "2026-11-01" } },
  { tool: LIST, args: { timezone: "" } },
  { tool: LIST, args: { timezone: "UTC\u0000" } },
  { tool: LIST, args: { totally_unknown_parameter: 1 } },
  // Not even an object, or no such tool: a JSON-RPC error is the answer.
  { tool: DETAILS, args: [] },
  { tool: DETAILS, args: "DEMO-1" },
  { tool: LIST, args: 5 },
  { tool: "no_such_tool", args: {} },
  { tool: "../get_issue_details", args: { issue_key: "DEMO-1" } },
  { tool: "", args: {} },
];

/** A value of the wrong JSON type for a property of `type`. */
function wrongValues(type: unknown): unknown[] {
  switch (type) {
    case "string":
      return [12345, { nested: "object" }];
    case "number":
    case "integer":
      return ["not a number", -1e308];
    case "boolean":
      return ["maybe", 2];
    case "array":
      return ["not a list", { 0: "a" }];
    case "object":
      return [7, ["list"]];
    default:
      return [{ unexpected: [null] }];
  }
}

export interface ListedTool {
  name: string;
  inputSchema: {
    properties?: Record<string, { type?: unknown }>;
    required?: string[];
  };
}

/** Cases generated from each listed tool's schema, so tools added later are covered too. */
export function generatedCases(tools: readonly ListedTool[]): BadCase[] {
  const cases: BadCase[] = [];
  for (const tool of tools) {
    const props = tool.inputSchema.properties ?? {};
    if (tool.inputSchema.required?.length) cases.push({ tool: tool.name, args: {} });
    cases.push({ tool: tool.name, args: { __definitely_unknown__: "x" } });
    cases.push({ tool: tool.name, raw: '{"__proto__":{"admin":true}}', rejected: false });
    for (const [name, schema] of Object.entries(props)) {
      for (const value of wrongValues(schema.type)) {
        cases.push({ tool: tool.name, args: { [name]: value } });
      }
    }
  }
  return cases;
}

/** Random JSON values of every awkward kind, from a seeded generator. */
function randomValue(random: () => number, depth = 0): unknown {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const strings = [
    "",
    " ",
    "DEMO-1",
    "DEMO-3",
    "PROJ-2",
    "me",
    "Asia/Tokyo",
    "2026-11-20",
    "today",
    "../../../etc/passwd",
    "<b>bold</b><script>x</script>",
    "' OR 1=1 --",
    "%00%2e%2e",
    "\u0000\u0001\u001f",
    "日本語のテキスト",
    "🙂🙃🫠",
    "\u202e\u200b\ufeff",
    "e\u0301",
    "\ud800",
    "x".repeat(5000),
  ];
  const numbers = [0, -1, 1, 2, 100, 101, 1000, 1001, 2 ** 53 + 1, -(2 ** 31), 1e308, 0.5, -0];
  const kind = Math.floor(random() * (depth > 1 ? 4 : 6));
  switch (kind) {
    case 0:
      return pick(strings);
    case 1:
      return random() < 0.5 ? pick(numbers) : Math.floor((random() - 0.5) * 1e6);
    case 2:
      return pick([true, false, null]);
    case 3:
      return random() < 0.3 ? "A".repeat(Math.floor(random() * 200_000)) : pick(strings);
    case 4:
      return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1));
    default:
      return Object.fromEntries(
        Array.from(
          { length: Math.floor(random() * 3) },
          (_, i) => [`k${i}`, randomValue(random, depth + 1)],
        ),
      );
  }
}

/** A random argument object for a random tool: known parameters, unknown ones, or not an object. */
export function randomCase(random: () => number, tools: readonly ListedTool[]): BadCase {
  const tool = tools[Math.floor(random() * tools.length)];
  if (random() < 0.05) return { tool: tool.name, args: randomValue(random, 1), rejected: false };
  const args: Record<string, unknown> = {};
  for (const name of Object.keys(tool.inputSchema.properties ?? {})) {
    if (random() < 0.5) args[name] = randomValue(random);
  }
  if (random() < 0.2) args[`extra_${Math.floor(random() * 1000)}`] = randomValue(random);
  return { tool: tool.name, args, rejected: false };
}
