/**
 * Every "§x.y" in the code can be looked up: it names the file it cites
 * (backlog-api.md, the Backlog API reference kept beside the repository at
 * ../shared/reference/backlog-api.md) or a URL on the same line, and the
 * section exists there under that number.
 */

import { assertEquals } from "./assert.ts";
import { ROOT } from "./harness.ts";

/** The section sign, escaped so that this pattern is not a reference itself. */
const SIGN = "\u00a7";
/** As in "backlog-api.md §4.18", "§12.2.1", "§6", "§10 item 2" (a numbered item of §10). */
const REFERENCE = new RegExp(`${SIGN}(\\d+(?:\\.\\d+)*)(?: item (\\d+))?`, "g");
const NAMES_ITS_SOURCE = /backlog-api\.md|https?:\/\//;
const REFERENCE_PATH = "shared/reference/backlog-api.md";

interface Citation {
  where: string;
  section: string;
  item?: string;
  line: string;
}

async function* sourceFiles(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(`${ROOT}${dir}`)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory && entry.name !== "node_modules") yield* sourceFiles(path);
    else if (entry.isFile && /\.(ts|mjs|js)$/.test(entry.name)) yield path;
  }
}

async function citations(): Promise<Citation[]> {
  const found: Citation[] = [];
  const files = ["mod.ts"];
  for (const dir of ["src", "tests"]) for await (const file of sourceFiles(dir)) files.push(file);
  for (const file of files) {
    const lines = (await Deno.readTextFile(`${ROOT}${file}`)).split("\n");
    lines.forEach((line, i) => {
      for (const match of line.matchAll(REFERENCE)) {
        found.push({ where: `${file}:${i + 1}`, section: match[1], item: match[2], line });
      }
    });
  }
  return found;
}

/**
 * Section number → its text, from the reference's headings (`### 4.18 …`,
 * `## 12. …`): from the heading to the next one that is not a subsection of it.
 */
function sections(reference: string): Map<string, string> {
  const lines = reference.split("\n");
  const headings = lines.flatMap((line, at) => {
    const number = line.match(/^#+ (\d+(?:\.\d+)*)\.? /)?.[1];
    return number ? [{ number, at }] : [];
  });
  const out = new Map<string, string>();
  headings.forEach(({ number, at }, i) => {
    const next = headings.slice(i + 1).find((h) => !h.number.startsWith(`${number}.`));
    out.set(number, lines.slice(at, next?.at ?? lines.length).join("\n"));
  });
  return out;
}

/** The reference beside the checkout (../shared/…), or beside a folder above it (a worktree's). */
async function readReference(): Promise<string | undefined> {
  for (
    let dir = new URL("../", `file://${ROOT}`);
    dir.pathname !== "/";
    dir = new URL("../", dir)
  ) {
    try {
      return await Deno.readTextFile(new URL(REFERENCE_PATH, dir));
    } catch {
      // not here: try the folder above
    }
  }
  return undefined;
}

const reference = await readReference();

Deno.test("references: every section sign names backlog-api.md or a URL on its line", async () => {
  const found = await citations();
  assertEquals(
    found.length > 50,
    true,
    `only ${found.length} references found: is the scan working?`,
  );
  const unnamed = found.filter((c) => !NAMES_ITS_SOURCE.test(c.line))
    .map((c) => `${c.where}: ${c.line.trim()}`);
  assertEquals(unnamed, [], "write e.g. (backlog-api.md §4.18)");
});

Deno.test({
  name: reference === undefined
    ? "references: cited sections exist (IGNORED: ../shared/reference/backlog-api.md is not beside this checkout)"
    : "references: every cited section and item exists in backlog-api.md",
  ignore: reference === undefined,
  async fn() {
    const known = sections(reference!);
    assertEquals(known.has("4.18") && known.has("12.2.1"), true, "the headings were read");
    const missing = (await citations()).flatMap((c) => {
      const text = known.get(c.section);
      if (text === undefined) return [`${c.where}: no section ${c.section}`];
      if (c.item && !new RegExp(`^${c.item}\\. `, "m").test(text)) {
        return [`${c.where}: section ${c.section} has no item ${c.item}`];
      }
      return [];
    });
    assertEquals(missing, []);
  },
});
