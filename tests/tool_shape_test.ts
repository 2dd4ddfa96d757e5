/**
 * Every tool has the same shape (issue 11): its output schema and every
 * string a model reads are built in src/render/, its parameters' shared
 * limits in src/tools/params.ts, and a tool file imports no other tool file.
 * Input schemas (`toolInput({...})`) and error messages (`ToolInputError`)
 * stay in the tool. The source rules are checked on the text with comments
 * blanked (tests/source_scan.ts), and the scanner is tested on a bad tool.
 */

import { assert, assertEquals } from "./assert.ts";
import { blankLiterals, sourceFiles } from "./source_scan.ts";
import { ROOT } from "./harness.ts";
import { TOOLS } from "../src/server.ts";

/** A rule a tool file breaks: what it does, and where that belongs instead. */
interface Rule {
  name: string;
  /** Matched against the source with comments, strings and templates blanked. */
  code?: RegExp;
  /** Matched against the source as it is. */
  raw?: RegExp;
}

const RULES: Rule[] = [
  { name: "defines an object schema (output schemas live in src/render/)", code: /\bz\.object\(/ },
  { name: "joins lines of text (render them in src/render/)", raw: /\.join\(\s*"\\n"\s*\)/ },
  {
    name: "answers with text not made by a render function",
    code: /(?<![\w$.])text\s*:\s*(?!render\w*\()\S/,
  },
  { name: "pushes wording into a list (word notes in src/render/)", code: /\.push\(\s*["'`]/ },
  { name: "adds wording to text (render it in src/render/)", code: /\btext\s*\+=/ },
];
const IMPORTS_TOOL = "imports another tool (share through a module below the tools)";

/** The rules a tool file breaks, as `line: rule`; `tools` are the paths of the tool files. */
function problems(source: string, tools: readonly string[]): string[] {
  const views = { code: blankLiterals(source), raw: source };
  const found: [number, string][] = [];
  const lineOf = (at: number) => source.slice(0, at).split("\n").length;
  for (const rule of RULES) {
    for (const view of ["code", "raw"] as const) {
      const pattern = rule[view];
      if (!pattern) continue;
      for (const m of views[view].matchAll(new RegExp(pattern.source, "g"))) {
        found.push([lineOf(m.index), rule.name]);
      }
    }
  }
  for (const m of source.matchAll(/^import [^;]* from "\.\/(\w+\.ts)";/gm)) {
    if (tools.includes(`src/tools/${m[1]}`)) {
      found.push([lineOf(m.index), `${IMPORTS_TOOL}: ${m[1]}`]);
    }
  }
  return found.sort((a, b) => a[0] - b[0]).map(([line, rule]) => `${line}: ${rule}`);
}

const files = await sourceFiles(ROOT, ["src/tools"]);
const sources = new Map(
  await Promise.all(files.map(async (f) => [f, await Deno.readTextFile(`${ROOT}${f}`)] as const)),
);
/** The files that define a tool (tool.ts defines `defineTool` itself). */
const toolFiles = files.filter((f) =>
  f !== "src/tools/tool.ts" && /\bdefineTool\(/.test(blankLiterals(sources.get(f)!))
);

Deno.test("tool shape: every tool file is found", () => {
  assertEquals(toolFiles.length, TOOLS.length, toolFiles.join(", "));
});

Deno.test("tool shape: tool files build no output schema and no text a model reads", () => {
  const found = toolFiles.flatMap((f) =>
    problems(sources.get(f)!, toolFiles).map((p) => `${f}:${p}`)
  );
  assertEquals(found, []);
});

Deno.test("tool shape: every output schema is exported by a module of src/render/", async () => {
  const renderFiles = (await sourceFiles(ROOT, ["src/render"])).filter((f) =>
    !f.endsWith("_test.ts")
  );
  const exported = new Set<unknown>();
  for (const f of renderFiles) {
    for (const value of Object.values(await import(`${ROOT}${f}`))) exported.add(value);
  }
  const local = TOOLS.filter((t) => !exported.has(t.outputSchema)).map((t) => t.name);
  assertEquals(local, [], "export these tools' output schemas from src/render/ and import them");
});

/** Parts of Backlog's web addresses (issue and comment pages, projects, files, git). */
const WEB_ADDRESS = /\/view\/|#comment-|\/projects\/\$\{|\/file\/|\/git\//;

Deno.test("tool shape: Backlog web addresses are built in src/backlog/ only", async () => {
  const outside = (await sourceFiles(ROOT, ["src"])).filter((f) =>
    !f.startsWith("src/backlog/") && !f.startsWith("src/tooling/") && !f.endsWith("_test.ts")
  );
  assert(outside.some((f) => f.startsWith("src/render/")), "the render modules are scanned");
  const found: string[] = [];
  for (const f of outside) {
    // Comments blanked: a doc comment may show an address.
    const code = (await Deno.readTextFile(`${ROOT}${f}`)).replace(
      /\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm,
      (c) => c.replace(/[^\n]/g, " "),
    );
    code.split("\n").forEach((line, i) => {
      if (WEB_ADDRESS.test(line)) found.push(`${f}:${i + 1}: ${line.trim()}`);
    });
  }
  assertEquals(found, [], "use issueUrl, commentUrl, projectUrl of src/backlog/issue_keys.ts");
  assert(WEB_ADDRESS.test("url: `${baseUrl}/view/${issue.issueKey}`"), "the pattern finds one");
});

Deno.test("tool shape: the scanner finds each broken rule, and passes what is allowed", () => {
  const bad = [
    'import { z } from "zod";',
    'import { getOther } from "./get_other.ts";',
    "const outputSchema = z.object({ a: z.string() });",
    "// z.object( in a comment, and text: here, are fine",
    "export const t = defineTool({",
    "  async handler(args, ctx) {",
    '    const lines = ["a", `b ${args.x}`];',
    '    notes.push(`only ${n} shown`); notes.push("more");',
    '    let text = "x"; text += " y";',
    '    if (bad) throw new ToolInputError("x", `x must be ${n} or less`);',
    '    return { text: lines.join("\\n"), structured: {} };',
    "  },",
    "});",
    "const ok = { text: renderThing(view), input: toolInput({ a: z.string() }) };",
  ].join("\n");
  assertEquals(problems(bad, ["src/tools/get_other.ts"]), [
    "2: imports another tool (share through a module below the tools): get_other.ts",
    "3: defines an object schema (output schemas live in src/render/)",
    "8: pushes wording into a list (word notes in src/render/)",
    "8: pushes wording into a list (word notes in src/render/)",
    "9: adds wording to text (render it in src/render/)",
    "11: joins lines of text (render them in src/render/)",
    "11: answers with text not made by a render function",
  ]);
  assert(toolFiles.includes("src/tools/get_myself.ts"), "tool files are found by defineTool");
});
