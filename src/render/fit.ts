/**
 * Keeping every result within BACKLOG_MAX_RESULT_CHARS, whatever Backlog
 * sends. Renderers clip single values (descriptions, comments, summaries,
 * names) and lists fit whole rows with {@linkcode fitRows}, saying how to get
 * the rest. {@linkcode boundText} and {@linkcode boundJson} are the last cut,
 * for a result that is too long all the same.
 *
 * @module
 */

/** A result being fitted: its text and, when structured output is on, its JSON. */
export interface Fitted {
  text: string;
  structured: unknown;
}

/** Options of {@linkcode fitRows}. */
export interface FitOptions<T extends Fitted> {
  /** Rows available. */
  count: number;
  /** The result showing the first `shown` rows (including any note about the rest). */
  build: (shown: number) => T;
  maxChars: number;
  /** Whether the structured JSON is sent too (then it must fit as well). */
  structured: boolean;
}

/** Characters `value` takes as JSON. */
export function jsonLength(value: unknown): number {
  return JSON.stringify(value)?.length ?? 0;
}

/**
 * The result with as many whole rows as fit (at least none): the largest
 * `shown` whose text, and JSON when sent, are within `maxChars`. Results grow
 * with the rows, about evenly, so each guess is where the size line through
 * the two nearest known renderings crosses `maxChars` (a few renderings where
 * halving the range takes ten); after a guess that left more than half the
 * range the next one halves it, so an uneven list costs at most about twice
 * as many renderings as halving.
 */
export function fitRows<T extends Fitted>(options: FitOptions<T>): { output: T; shown: number } {
  const { count, build, maxChars, structured } = options;
  const size = (output: T) =>
    Math.max(output.text.length, structured ? jsonLength(output.structured) : 0);
  const all = build(count);
  const allSize = size(all);
  if (allSize <= maxChars) return { output: all, shown: count };
  // low fits (or nothing smaller exists), high does not; their sizes (low's estimated at 0).
  let low = 0, lowSize = 0, lowOutput: T | undefined;
  let high = count, highSize = allSize;
  let halve = false; // the last guess left more than half the range: halve this time
  while (high - low > 1) {
    const span = high - low;
    const line = low + Math.floor((maxChars - lowSize) * span / (highSize - lowSize));
    const guess = Math.min(high - 1, Math.max(low + 1, halve ? low + Math.floor(span / 2) : line));
    const output = build(guess);
    const guessSize = size(output);
    if (guessSize <= maxChars) {
      [low, lowSize, lowOutput] = [guess, guessSize, output];
      // The next row usually decides it: try it before another guess.
      if (guess + 1 < high) {
        const next = build(guess + 1);
        const nextSize = size(next);
        if (nextSize > maxChars) [high, highSize] = [guess + 1, nextSize];
        else [low, lowSize, lowOutput] = [guess + 1, nextSize, next];
      }
    } else {
      [high, highSize] = [guess, guessSize];
    }
    halve = !halve && high - low > span / 2;
  }
  return { output: lowOutput ?? build(low), shown: low };
}

/** A list cut short to fit: `shown` of `of` `what`, and `how` to get the rest. */
export interface ListCut {
  shown: number;
  of: number;
  /** What the list holds, e.g. `projects`. */
  what: string;
  /** How to get the rest, e.g. `call again with offset=40`. */
  how: string;
}

/** A sentence for a list cut short to fit. */
export function cutNote(cut: ListCut): string {
  return `only ${cut.shown} of ${cut.of} ${cut.what} fit in one answer (BACKLOG_MAX_RESULT_CHARS); ${cut.how}.`;
}

/**
 * The last cut of a text: at a line break before `maxChars`, with a note
 * saying how much was cut. Text within the limit is returned as it is.
 */
export function boundText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const note = (cut: number) =>
    `\n[answer cut: ${cut} more characters not shown (BACKLOG_MAX_RESULT_CHARS=${maxChars}); ask for less, e.g. fewer rows or a narrower filter]`;
  const room = maxChars - note(text.length).length;
  let head = text.slice(0, Math.max(0, room));
  const lineEnd = head.lastIndexOf("\n");
  if (lineEnd > room / 2) head = head.slice(0, lineEnd);
  // Never end on half of a surrogate pair.
  if (/[\ud800-\udbff]$/.test(head)) head = head.slice(0, -1);
  return head + note(text.length - head.length);
}

/** Longest string {@linkcode boundJson} leaves whole. */
const STRING_KEEP = 1_000;

/**
 * The last cut of structured content whose JSON is over `maxChars`: long
 * strings are shortened (ending in "…"), then elements are dropped from the
 * end of the largest lists (rows, never parts of a row: arrays of at most 10
 * plain values are left whole). Shapes stay valid against an output schema
 * that bounds neither string lengths nor list sizes, which is true of every
 * schema here.
 */
export function boundJson<T>(value: T, maxChars: number): T {
  if (jsonLength(value) <= maxChars) return value;
  const copy = structuredClone(value);
  shortenStrings(copy);
  for (let round = 0; round < 200 && jsonLength(copy) > maxChars; round++) {
    const list = largestList(copy);
    if (!list) break;
    let excess = jsonLength(copy) - maxChars;
    while (excess > 0 && list.length > 0) excess -= jsonLength(list.pop()) + 1;
  }
  return copy;
}

function shortenStrings(node: unknown): void {
  if (!node || typeof node !== "object") return;
  const entries: [string | number, unknown][] = Array.isArray(node)
    ? node.map((v, i) => [i, v])
    : Object.entries(node);
  for (const [key, value] of entries) {
    if (typeof value === "string" && value.length > STRING_KEEP) {
      (node as Record<string | number, unknown>)[key] = value.slice(0, STRING_KEEP - 1) + "…";
    } else {
      shortenStrings(value);
    }
  }
}

function largestList(node: unknown): unknown[] | undefined {
  let best: unknown[] | undefined;
  let bestSize = 0;
  const visit = (value: unknown) => {
    if (!value || typeof value !== "object") return;
    const children = Array.isArray(value) ? value : Object.values(value);
    const isRow = Array.isArray(value) && value.length <= 10 &&
      value.every((v) => v === null || typeof v !== "object");
    if (Array.isArray(value) && value.length > 0 && !isRow) {
      const size = jsonLength(value);
      if (size > bestSize) [best, bestSize] = [value, size];
    }
    children.forEach(visit);
  };
  visit(node);
  return best;
}
