/**
 * A request as the API layer issues it, and how messages name it.
 *
 * @module
 */

import { apiPath, type Params } from "./query.ts";

/** The HTTP methods Backlog's API is called with. */
export type Method = "GET" | "POST" | "PATCH" | "DELETE";

/** A request as issued by the API layer. */
export interface RequestSpec {
  method: Method;
  path: readonly (string | number)[];
  query?: Params;
  form?: Params;
  /** Read the body as a file of at most this many bytes instead of as JSON. */
  download?: { maxBytes: number };
}

/** Backlog search endpoints, which Backlog asks to be sent one at a time. */
export const isSearch = (spec: RequestSpec): boolean =>
  spec.method === "GET" && spec.path[0] === "issues" &&
  (spec.path.length === 1 || (spec.path.length === 2 && spec.path[1] === "count"));

/** `GET /api/v2/issues/PROJ-1` — method and path, never the query (which may hold the key). */
export function describeRequest(spec: RequestSpec): string {
  return `${spec.method} ${apiPath(spec.path)}`;
}
