/**
 * A walk over JSON-like data that rewrites every string (object keys too)
 * and nothing else, so a rewrite can never change the data's structure: the
 * way redaction and sanitising reach structured tool results.
 *
 * @module
 */

/** `value` with `rewrite` applied to every string in it, keys included; other values kept. */
export function mapStrings<T>(value: T, rewrite: (text: string) => string): T {
  return walk(value, rewrite) as T;
}

function walk(value: unknown, rewrite: (text: string) => string): unknown {
  if (typeof value === "string") return rewrite(value);
  if (Array.isArray(value)) return value.map((item) => walk(item, rewrite));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      // defineProperty, so a key such as "__proto__" stays a plain own property.
      Object.defineProperty(out, rewrite(key), {
        value: walk(item, rewrite),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}
