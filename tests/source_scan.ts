/**
 * A small scanner over the project's TypeScript sources for the layout rules
 * (`layout_test.ts`): which files there are, and which functions take more
 * positional parameters than allowed. It reads text, not a syntax tree: it
 * blanks out comments, strings, template literals and regular expressions,
 * then looks at every parameter list of a function declaration, a method, a
 * constructor or an arrow function (function types included).
 *
 * @module
 */

/** A function whose parameter list is longer than allowed. */
export interface WideFunction {
  /** 1-based line of its parameter list. */
  line: number;
  /** Its name (the variable or property an arrow is assigned to); `(anonymous)` without one. */
  name: string;
  params: number;
}

/** Keywords after which a `/` starts a regular expression, not a division. */
const BEFORE_REGEX = new Set([
  "return",
  "typeof",
  "instanceof",
  "in",
  "of",
  "new",
  "delete",
  "void",
  "throw",
  "case",
  "do",
  "else",
  "yield",
  "await",
]);

/** Keywords whose parenthesis, followed by `{`, is not a parameter list. */
const CONTROL = new Set(["if", "for", "while", "switch", "catch", "with", "return", "function"]);

/** `source` with comments, strings, templates and regex bodies blanked (newlines kept). */
export function blankLiterals(source: string): string {
  const templateDepths: number[] = []; // the brace depth at each open `${`
  let out = "";
  let braces = 0;
  let last = ""; // the last significant character, "a" for a word or a literal
  let word = ""; // the word that character ends, if any
  let i = 0;
  /** Copies `source` up to `end` blanked, keeping `open` and `close` (when there) as they are. */
  const literal = (open: string, end: number, close: string) => {
    const closed = source.startsWith(close, end);
    out += open + source.slice(i + open.length, end).replace(/[^\n]/g, " ") + (closed ? close : "");
    i = closed ? end + close.length : end;
  };
  /** Where a quoted run from `from` ends: at `quote`, at `${` for a template, or at a newline. */
  const endOf = (from: number, quote: string) => {
    let j = from;
    while (j < source.length && source[j] !== quote) {
      if (quote === "`" ? source.startsWith("${", j) : source[j] === "\n") break;
      j += source[j] === "\\" ? 2 : 1;
    }
    return Math.min(j, source.length);
  };
  while (i < source.length) {
    const c = source[i];
    if (source.startsWith("//", i)) {
      const end = source.indexOf("\n", i);
      literal("", end < 0 ? source.length : end, "");
    } else if (source.startsWith("/*", i)) {
      const end = source.indexOf("*/", i + 2);
      literal("", end < 0 ? source.length : end + 2, "");
    } else if (c === '"' || c === "'") {
      literal(c, endOf(i + 1, c), c);
      last = "a";
    } else if (c === "`" || (c === "}" && templateDepths.at(-1) === braces)) {
      if (c === "}") templateDepths.pop();
      const end = endOf(i + 1, "`");
      if (source.startsWith("${", end)) {
        literal(c, end, "${");
        templateDepths.push(braces);
        last = "{";
      } else {
        literal(c, end, "`");
        last = "a";
      }
    } else if (
      c === "/" && (last === "" || "(,=:[!&|?{};+-*%<>~^".includes(last) || BEFORE_REGEX.has(word))
    ) {
      let j = i + 1;
      for (let inClass = false; j < source.length && source[j] !== "\n"; j++) {
        if (source[j] === "\\") j++;
        else if (source[j] === "[") inClass = true;
        else if (source[j] === "]") inClass = false;
        else if (source[j] === "/" && !inClass) break;
      }
      if (source[j] === "/") {
        literal("/", j, "/");
        last = "a";
      } else { // a lone slash after all
        out += c;
        i++;
        last = c;
      }
      word = "";
    } else {
      if (c === "{") braces++;
      else if (c === "}") braces--;
      if (/[\w$]/.test(c)) {
        word = last === "a" && word ? word + c : c;
        last = "a";
      } else if (!/\s/.test(c)) {
        last = c;
        word = "";
      }
      out += c;
      i++;
    }
  }
  return out;
}

/** The index of the bracket closing the one at `open`, or -1. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if ("([{".includes(text[i])) depth++;
    else if (")]}".includes(text[i]) && --depth === 0) return i;
  }
  return -1;
}

/** Top-level entries of a parameter list (`a, { b, c }: T, d = f(x, y)` has three). */
function countParams(list: string): number {
  let depth = 0;
  let angle = 0;
  let count = 0;
  let pending = false;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === "=" && list[i + 1] === ">") {
      i++;
      continue;
    }
    if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) depth--;
    else if (c === "<") angle++;
    else if (c === ">") angle = Math.max(0, angle - 1);
    else if (c === "," && depth === 0 && angle === 0) {
      if (pending) count++;
      pending = false;
      continue;
    }
    if (!/\s/.test(c)) pending = true;
  }
  return count + (pending ? 1 : 0);
}

/** The functions of `source` that take more than `max` parameters. */
export function wideFunctions(source: string, max = 3): WideFunction[] {
  const text = blankLiterals(source);
  const found: WideFunction[] = [];
  for (let open = text.indexOf("("); open >= 0; open = text.indexOf("(", open + 1)) {
    const close = closing(text, open);
    if (close < 0) break;
    const before = text.slice(Math.max(0, open - 200), open);
    const after = text.slice(close + 1, close + 300);
    let name: string | undefined;
    let m: RegExpExecArray | null;
    if ((m = /\bfunction\b\s*\*?\s*([\w$]*)\s*(?:<[^()]*>)?\s*$/.exec(before))) {
      name = m[1] || "(anonymous)";
    } else if (/^\s*=>/.test(after) || /^\s*:[^;={}?]*=>/.test(after)) {
      m = /([\w$]+)\s*[:=]\s*(?:async\s*)?(?:<[^()]*>)?\s*$/.exec(before);
      name = m?.[1] ?? "(anonymous)";
    } else if (
      (m =
        /(?:^|\n)\s*(?:(?:static|async|private|public|protected|readonly|override|get|set)\s+)*(#?[\w$]+)\s*(?:<[^()]*>)?\s*$/
          .exec(before)) && /^\s*(?::[^;]*?)?\{/.test(after) && !CONTROL.has(m[1])
    ) {
      name = m[1];
    }
    if (name === undefined) continue;
    const params = countParams(text.slice(open + 1, close));
    if (params > max) found.push({ line: text.slice(0, open).split("\n").length, name, params });
  }
  return found;
}

/** Every `.ts` file under `dirs` (relative to `root`), `node_modules` left out, sorted. */
export async function sourceFiles(root: string, dirs: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  const walk = async (dir: string) => {
    for await (const entry of Deno.readDir(`${root}${dir}`)) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory && entry.name !== "node_modules") await walk(path);
      else if (entry.isFile && entry.name.endsWith(".ts")) files.push(path);
    }
  };
  for (const dir of dirs) await walk(dir);
  return files.sort();
}
