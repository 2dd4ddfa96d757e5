/**
 * Response helpers and Backlog's error shape (backlog-api.md §7.1).
 *
 * @module
 */

/** Content type of every JSON answer (backlog-api.md §1.1, §10 item 9). */
export const JSON_TYPE = "application/json;charset=utf-8";

/** One entry of Backlog's `errors` array. */
export interface ErrorEntry {
  message: string;
  code: number;
  moreInfo: string;
}

/** A JSON response with Backlog's content type. */
export function jsonResponse(
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": JSON_TYPE, ...headers },
  });
}

/** `{"errors":[…]}` body. */
export function errorBody(errors: ErrorEntry[]): { errors: ErrorEntry[] } {
  return { errors };
}

/** A Backlog error response with a single entry. */
export function errorResponse(
  status: number,
  entry: { code: number; message: string },
  headers: Record<string, string> = {},
): Response {
  return jsonResponse(errorBody([{ ...entry, moreInfo: "" }]), status, headers);
}

/** Thrown by handlers; the router turns it into an error response. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly errors: ErrorEntry[]) {
    super(errors.map((e) => e.message).join(" "));
  }

  /** 400 + code 7 (InvalidRequestError) with one entry per problem. */
  static invalid(...messages: string[]): ApiError {
    return new ApiError(400, messages.map((message) => ({ message, code: 7, moreInfo: "" })));
  }

  /** 404 + code 6 (NoResourceError). */
  static notFound(message: string): ApiError {
    return new ApiError(404, [{ message, code: 6, moreInfo: "" }]);
  }
}
