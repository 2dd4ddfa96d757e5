/**
 * Parameter encoding in Backlog's convention: multi-value parameters repeat
 * the key with a literal `[]` suffix (`statusId[]=1&statusId[]=2`), the same in
 * query strings and form bodies. Custom field lists are the exception: they
 * are indexed (`customField_7[0]=1&customField_7[1]=2`), the one spelling
 * Backlog is measured to match (backlog-api.md §12.2.4) and the one backlog-js sends.
 *
 * @module
 */

/** A parameter value; arrays become repeated `key[]` (or indexed `customField_…[n]`) entries. */
export type ParamValue =
  | string
  | number
  | boolean
  | readonly (string | number)[]
  | null
  | undefined;

/** Parameters by Backlog name, without the `[]` suffix. */
export type Params = Record<string, ParamValue>;

/**
 * Encodes `params` as URLSearchParams. `undefined`/`null` are skipped, and so
 * are empty arrays (Backlog reads a missing filter as "any").
 */
export function encodeParams(params: Params = {}): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      const indexed = key.startsWith("customField_");
      value.forEach((item, n) => out.append(indexed ? `${key}[${n}]` : `${key}[]`, String(item)));
    } else {
      out.append(key, String(value));
    }
  }
  return out;
}

/** Joins path segments under `/api/v2`, URL-encoding each one (issue keys, project keys). */
export function apiPath(segments: readonly (string | number)[]): string {
  return "/api/v2/" + segments.map((segment) => {
    const text = String(segment);
    // URL parsing would resolve "." and ".." (even percent-encoded) and leave the API prefix.
    if (text === "" || text === "." || text === "..") {
      throw new RangeError(`invalid path segment "${text}"`);
    }
    return encodeURIComponent(text);
  }).join("/");
}
