/**
 * A request as the API layer issues it, and how messages name it.
 *
 * @module
 */

import { apiPath, encodeParams, type Params } from "./query.ts";

/** The HTTP methods Backlog's API is called with. */
export type Method = "GET" | "POST" | "PATCH" | "DELETE";

/**
 * How the API key travels to Backlog: `header` sends `Backlog-API-Key`;
 * `query` sends `?apiKey=`; `auto` uses the header and, once per process, tries
 * the query form after a 401 (sticking to it if Backlog accepts it).
 */
export type ApiKeyTransport = "auto" | "header" | "query";

/** A request as issued by the API layer. */
export interface RequestSpec {
  /** The HTTP method. */
  method: Method;
  /** The path under `/api/v2`, one segment per element (encoded when sent). */
  path: readonly (string | number)[];
  /** Query parameters (arrays become `name[]=` repeats). */
  query?: Params;
  /** A form body (`application/x-www-form-urlencoded`), for writes. */
  form?: Params;
  /**
   * A later request of one bulk operation (a call's issue pages after its
   * first): Nulab asks for a pause between such requests, so it is spaced
   * from the previous request of its rate-limit class. The first request of a
   * call never is.
   */
  bulk?: boolean;
  /** The caller gave up (MCP `notifications/cancelled`): send nothing more, retry nothing. */
  signal?: AbortSignal;
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

/** Where a request goes and with which key: the key travels in the URL only when `keyInQuery`. */
export interface RequestTarget {
  baseUrl: string;
  apiKey: string;
  keyInQuery: boolean;
}

/** The HTTP request `spec` becomes: its URL (query encoded), headers and form body. */
export function httpRequest(
  spec: RequestSpec,
  target: RequestTarget,
): { url: URL; headers: Headers; body?: string } {
  const url = new URL(target.baseUrl + apiPath(spec.path));
  url.search = encodeParams(spec.query).toString();
  if (target.keyInQuery) url.searchParams.set("apiKey", target.apiKey);
  const headers = new Headers({ Accept: "application/json" });
  if (!target.keyInQuery) headers.set("Backlog-API-Key", target.apiKey);
  if (!spec.form) return { url, headers };
  headers.set("Content-Type", "application/x-www-form-urlencoded");
  return { url, headers, body: encodeParams(spec.form).toString() };
}

/** A path under `/api/v2`, one segment per element. */
export type ApiPathSegments = readonly (string | number)[];

/** What {@linkcode BacklogApi} sends requests through: the client, or a view of it bound to a call. */
export interface BacklogRequests {
  /** `GET` with query parameters; resolves to the parsed JSON. */
  get<T>(path: ApiPathSegments, query?: Params): Promise<T>;
  /** `POST` with a form body. */
  post<T>(path: ApiPathSegments, form: Params): Promise<T>;
  /** `PATCH` with a form body. */
  patch<T>(path: ApiPathSegments, form: Params): Promise<T>;
  /** `DELETE`, with a form body when given. */
  delete<T>(path: ApiPathSegments, form?: Params): Promise<T>;
  /** Any request, spelled out. */
  request<T>(spec: RequestSpec): Promise<T>;
  /** The same requests, stopped (no more sent, none retried) once `signal` aborts. */
  withSignal(signal: AbortSignal): BacklogRequests;
}

/** `requests` with `signal` on every request (combined with one already there). */
export function bindSignal(requests: BacklogRequests, signal: AbortSignal): BacklogRequests {
  const request = <T>(spec: RequestSpec) =>
    requests.request<T>({
      ...spec,
      signal: spec.signal ? AbortSignal.any([spec.signal, signal]) : signal,
    });
  return {
    get: (path, query) => request({ method: "GET", path, query }),
    post: (path, form) => request({ method: "POST", path, form }),
    patch: (path, form) => request({ method: "PATCH", path, form }),
    delete: (path, form) => request({ method: "DELETE", path, form }),
    request,
    withSignal: (other) => bindSignal(requests, AbortSignal.any([signal, other])),
  };
}
