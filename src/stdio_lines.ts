/**
 * stdin split into lines with bounded memory: a line longer than the limit is
 * not kept but skimmed, byte by byte, for the `id` of its top-level object, so
 * the request it carried can still be answered with an error.
 *
 * @module
 */

/** What {@linkcode LineSplitter} reports. */
export interface LineHandlers {
  /** A complete line (without its `\n` and a trailing `\r`), blank lines skipped. */
  line(text: string): void;
  /** A line longer than the limit: its length in bytes and its top-level id, if one was seen. */
  oversize(bytes: number, id: string | number | null): void;
}

const NEWLINE = 0x0a;

/** Splits chunks of bytes into lines of at most `maxBytes` bytes. */
export class LineSplitter {
  #parts: Uint8Array[] = [];
  #size = 0;
  /** Set while an over-long line is being skipped. */
  #skimmer?: IdSkimmer;
  readonly #decoder = new TextDecoder();

  constructor(readonly maxBytes: number, readonly handlers: LineHandlers) {}

  /** Takes the next chunk of input. */
  push(chunk: Uint8Array): void {
    let start = 0;
    while (start <= chunk.length) {
      const newline = chunk.indexOf(NEWLINE, start);
      const end = newline === -1 ? chunk.length : newline;
      if (end > start) this.#take(chunk.subarray(start, end));
      if (newline === -1) return;
      this.#finish();
      start = newline + 1;
    }
  }

  /** The input ended: a last line without `\n` still counts. */
  end(): void {
    if (this.#size > 0 || this.#skimmer) this.#finish();
  }

  #take(piece: Uint8Array): void {
    if (this.#skimmer) {
      this.#skimmer.feed(piece);
      return;
    }
    if (this.#size + piece.length <= this.maxBytes) {
      this.#parts.push(piece.slice());
      this.#size += piece.length;
      return;
    }
    this.#skimmer = new IdSkimmer();
    for (const part of this.#parts) this.#skimmer.feed(part);
    this.#skimmer.feed(piece);
    this.#parts = [];
    this.#size = 0;
  }

  #finish(): void {
    const skimmer = this.#skimmer;
    if (skimmer) {
      this.#skimmer = undefined;
      this.handlers.oversize(skimmer.bytes, skimmer.id);
      return;
    }
    const bytes = new Uint8Array(this.#size);
    let at = 0;
    for (const part of this.#parts) {
      bytes.set(part, at);
      at += part.length;
    }
    this.#parts = [];
    this.#size = 0;
    const text = this.#decoder.decode(bytes).replace(/\r$/, "");
    if (text.trim()) this.handlers.line(text);
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** Longest id (as JSON text) worth keeping. */
const ID_MAX = 256;

/**
 * Finds the `id` member of a top-level JSON object in a stream of bytes
 * without keeping the bytes: strings and nesting are tracked, so an `"id"`
 * inside `params` or inside a string is not mistaken for it. The last one wins,
 * as in `JSON.parse`.
 */
export class IdSkimmer {
  /** The id found so far: a string or a number, null if none. */
  id: string | number | null = null;
  /** Bytes seen. */
  bytes = 0;
  #depth = 0;
  #topIsObject = false;
  #inString = false;
  #escaped = false;
  /** The next string at depth 1 is a member name. */
  #expectKey = false;
  /** The member being read is `id`, its value not seen yet. */
  #idNext = false;
  /** What the current string or number is collected for. */
  #collect: "key" | "id" | null = null;
  #text: number[] = [];
  #number: number[] | null = null;

  /** Takes the next bytes. */
  feed(bytes: Uint8Array): void {
    this.bytes += bytes.length;
    for (let i = 0; i < bytes.length; i++) this.#byte(bytes[i]);
  }

  #byte(b: number): void {
    if (this.#inString) {
      if (this.#escaped) this.#escaped = false;
      else if (b === BACKSLASH) this.#escaped = true;
      else if (b === QUOTE) return this.#endString();
      if (this.#collect) this.#keep(b);
      return;
    }
    if (this.#number) {
      if (/[0-9.eE+-]/.test(String.fromCharCode(b))) return void this.#number.push(b);
      this.#endNumber();
    }
    switch (b) {
      case 0x7b: // {
      case 0x5b: // [
        if (this.#depth === 0) this.#topIsObject = b === 0x7b;
        this.#depth++;
        this.#expectKey = this.#depth === 1 && b === 0x7b;
        this.#idNext = false;
        return;
      case 0x7d: // }
      case 0x5d: // ]
        this.#depth--;
        this.#idNext = false;
        return;
      case 0x2c: // ,
        if (this.#depth === 1) this.#expectKey = true;
        return;
      case QUOTE:
        this.#inString = true;
        this.#text = [];
        this.#collect = null;
        if (this.#depth === 1 && this.#topIsObject) {
          if (this.#expectKey) this.#collect = "key";
          else if (this.#idNext) this.#collect = "id";
          this.#expectKey = false;
        }
        return;
      default:
        if (this.#depth === 1 && this.#idNext && (b === 0x2d || (b >= 0x30 && b <= 0x39))) {
          this.#number = [b];
        } else if (b !== 0x3a && b !== 0x20 && b !== 0x09 && b !== 0x0d && b !== NEWLINE) {
          this.#idNext = false; // true, false, null: not an id
        }
    }
  }

  #keep(b: number): void {
    if (this.#text.length < ID_MAX) this.#text.push(b);
    else this.#collect = null;
  }

  #endString(): void {
    this.#inString = false;
    const text = new TextDecoder().decode(new Uint8Array(this.#text));
    if (this.#collect === "key") {
      this.#idNext = text === "id";
    } else if (this.#collect === "id") {
      try {
        this.id = JSON.parse(`"${text}"`);
      } catch {
        // not a valid JSON string: no id
      }
      this.#idNext = false;
    }
    this.#collect = null;
  }

  #endNumber(): void {
    const value = Number(String.fromCharCode(...this.#number!));
    if (Number.isFinite(value)) this.id = value;
    this.#number = null;
    this.#idNext = false;
  }
}
