/**
 * A look at `.env` for `mise run doctor`: which names it sets and which lines
 * Deno's `--env-file` would silently skip. Values are never returned, so
 * nothing here can leak the key. Loading stays with Deno's `--env-file`.
 *
 * @module
 */

/** What `.env` holds, by name only. */
export interface DotenvSummary {
  /** Names assigned, in order, without duplicates. */
  names: string[];
  /** Names assigned more than once (Deno keeps the first). */
  duplicates: string[];
  /** 1-based numbers of lines that are neither blank, a comment, nor `NAME=value`. */
  malformedLines: number[];
}

const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*)$/;

/** Reads the structure of a `.env` file (never its values). */
export function summarizeDotenv(text: string): DotenvSummary {
  const names: string[] = [];
  const duplicates: string[] = [];
  const malformedLines: number[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    const match = ASSIGNMENT.exec(line);
    if (!match) {
      malformedLines.push(i + 1);
      continue;
    }
    const [, name, rest] = match;
    if (!names.includes(name)) names.push(name);
    else if (!duplicates.includes(name)) duplicates.push(name);
    // A quoted value may span lines: skip to the line with the closing quote.
    const value = rest.trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'" || quote === "`") && !closes(value.slice(1), quote)) {
      while (i + 1 < lines.length && !closes(lines[i + 1], quote)) i++;
      i++;
    }
  }
  return { names, duplicates, malformedLines };
}

function closes(text: string, quote: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === quote) return true;
  }
  return false;
}
