/**
 * Request parameter decoding (backlog-api.md §8, §10 item 2): query string plus form body, with array keys
 * normalised so that `k[]`, `k%5B%5D`, `k[0]` and a bare `k` all name the same list.
 *
 * @module
 */
import { ApiError } from "./http.ts";

/** How a key was spelled on the wire. */
export type KeyForm = "bare" | "brackets" | "indexed";

/** One decoded `key=value` pair. */
export interface ParamEntry {
  key: string;
  form: KeyForm;
  value: string;
}

/** Which array spellings count as lists. `brackets` (`k[]`) is always accepted. */
export interface ArrayKeyPolicy {
  bare: boolean;
  indexed: boolean;
}

const ARRAY_SUFFIX = /^(.+?)\[(\d*)\]$/;

/** Decodes pairs (URLSearchParams already percent-decodes `%5B%5D`), dropping `apiKey`. */
export function decodeEntries(...sources: URLSearchParams[]): ParamEntry[] {
  const out: ParamEntry[] = [];
  for (const src of sources) {
    for (const [rawKey, value] of src) {
      const m = ARRAY_SUFFIX.exec(rawKey);
      const key = m ? m[1] : rawKey;
      if (key === "apiKey") continue;
      out.push({ key, value, form: m ? (m[2] === "" ? "brackets" : "indexed") : "bare" });
    }
  }
  return out;
}

/** Normalised key → values, as recorded in `RecordedRequest.params`. */
export function entriesToRecord(entries: ParamEntry[]): Record<string, string[]> {
  const rec: Record<string, string[]> = {};
  for (const e of entries) (rec[e.key] ??= []).push(e.value);
  return rec;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Typed, validating access to request parameters. Problems collect in `errors`. */
export class Params {
  readonly problems: string[] = [];

  constructor(readonly entries: ParamEntry[], readonly policy: ArrayKeyPolicy) {}

  /** Every distinct key present. */
  keys(): string[] {
    return [...new Set(this.entries.map((e) => e.key))];
  }

  has(key: string): boolean {
    return this.entries.some((e) => e.key === key);
  }

  /** First value of a scalar parameter. */
  str(key: string): string | undefined {
    return this.entries.find((e) => e.key === key && e.form === "bare")?.value ??
      this.entries.find((e) => e.key === key)?.value;
  }

  /** Values of a list parameter, honouring the array-key policy; undefined when absent. */
  list(key: string): string[] | undefined {
    const hits = this.entries.filter((e) =>
      e.key === key &&
      (e.form === "brackets" || (e.form === "indexed" ? this.policy.indexed : this.policy.bare))
    );
    return hits.length ? hits.map((e) => e.value) : undefined;
  }

  /** Integer list; empty strings are dropped (`k[]=` means "empty list"). */
  intList(key: string): number[] | undefined {
    const raw = this.list(key);
    if (!raw) return undefined;
    const out: number[] = [];
    for (const v of raw) {
      if (v === "") continue;
      const n = toInt(v);
      if (n === undefined) this.problems.push(`Invalid ${key}: "${v}" is not a number.`);
      else out.push(n);
    }
    return out;
  }

  /** Integer scalar, optionally range-checked. Empty string counts as absent. */
  int(key: string, range?: { min?: number; max?: number }): number | undefined {
    const v = this.str(key);
    if (v === undefined || v === "") return undefined;
    const n = toInt(v);
    if (n === undefined) {
      this.problems.push(`Invalid ${key}: "${v}" is not a number.`);
      return undefined;
    }
    if (
      (range?.min !== undefined && n < range.min) || (range?.max !== undefined && n > range.max)
    ) {
      const lo = range?.min ?? "-∞", hi = range?.max ?? "∞";
      this.problems.push(`Invalid ${key}: ${n} is out of range (${lo}..${hi}).`);
      return undefined;
    }
    return n;
  }

  /** Non-negative decimal (hours). */
  decimal(key: string): number | undefined {
    const v = this.str(key);
    if (v === undefined || v === "") return undefined;
    const n = Number(v);
    if (!/^\d+(\.\d+)?$/.test(v) || !Number.isFinite(n)) {
      this.problems.push(`Invalid ${key}: "${v}" is not a number.`);
      return undefined;
    }
    return n;
  }

  /** `yyyy-MM-dd` date, validated as a real calendar date. */
  date(key: string): string | undefined {
    const v = this.str(key);
    if (v === undefined || v === "") return undefined;
    if (!isDate(v)) {
      this.problems.push(`Invalid ${key}: "${v}" is not a yyyy-MM-dd date.`);
      return undefined;
    }
    return v;
  }

  /** `true`/`false`. */
  bool(key: string): boolean | undefined {
    const v = this.str(key);
    if (v === undefined || v === "") return undefined;
    if (v !== "true" && v !== "false") {
      this.problems.push(`Invalid ${key}: "${v}" is not true or false.`);
      return undefined;
    }
    return v === "true";
  }

  /** One of a fixed set of strings. */
  oneOf<T extends string>(key: string, allowed: readonly T[]): T | undefined {
    const v = this.str(key);
    if (v === undefined || v === "") return undefined;
    if (!(allowed as readonly string[]).includes(v)) {
      this.problems.push(`Invalid ${key}: "${v}".`);
      return undefined;
    }
    return v as T;
  }

  /** Throws 400 / code 7 with one entry per collected problem. */
  throwIfInvalid(): void {
    if (this.problems.length) throw ApiError.invalid(...this.problems);
  }
}

function toInt(v: string): number | undefined {
  return /^-?\d+$/.test(v) && Number.isSafeInteger(Number(v)) ? Number(v) : undefined;
}

/** True for a real `yyyy-MM-dd` calendar date. */
export function isDate(v: string): boolean {
  const m = DATE.exec(v);
  if (!m) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}
