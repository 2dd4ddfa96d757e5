/**
 * The assertions the tests use, under the names of `@std/assert` (which lives
 * on JSR, unreachable here). Equality and throwing are delegated to
 * `node:assert/strict`, whose deep equality checks prototypes, Maps, Sets and
 * Dates correctly; this module only adds messages that show both sides.
 *
 * @module
 */

import nodeAssert from "node:assert/strict";

/** Thrown by every assertion. */
export const AssertionError = nodeAssert.AssertionError;

/** Fails unless `condition` is truthy. */
export function assert(condition: unknown, message = "expected a truthy value"): asserts condition {
  nodeAssert.ok(condition, message);
}

/** Fails unless `actual` deep-equals `expected` (strict: prototypes and types count). */
export function assertEquals<T>(actual: T, expected: T, message?: string): void {
  nodeAssert.deepStrictEqual(actual, expected, message);
}

/** Fails if `actual` deep-equals `unexpected`. */
export function assertNotEquals<T>(actual: T, unexpected: T, message?: string): void {
  nodeAssert.notDeepStrictEqual(actual, unexpected, message);
}

function fail(message: string | undefined, detail: string): never {
  throw new nodeAssert.AssertionError({ message: `${message ? message + "\n" : ""}${detail}` });
}

/** Fails unless `text` contains `part`. */
export function assertStringIncludes(text: string, part: string, message?: string): void {
  if (!text.includes(part)) fail(message, `expected to find ${JSON.stringify(part)} in:\n${text}`);
}

/** Fails if `text` contains `part`. */
export function assertNotIncludes(text: string, part: string, message?: string): void {
  if (text.includes(part)) fail(message, `did not expect ${JSON.stringify(part)} in:\n${text}`);
}

/** Fails unless `text` matches `pattern`. */
export function assertMatch(text: string, pattern: RegExp, message?: string): void {
  nodeAssert.match(text, pattern, message);
}

// deno-lint-ignore no-explicit-any
type ErrorClass<E> = new (...args: any[]) => E;

/** Fails unless `fn` throws; returns the error (optionally checked by class and message part). */
export function assertThrows<E extends Error = Error>(
  fn: () => unknown,
  errorClass?: ErrorClass<E>,
  includes?: string,
): E {
  let caught: unknown;
  nodeAssert.throws(() => {
    try {
      fn();
    } catch (error) {
      caught = error;
      throw error;
    }
  });
  return checkError(caught, errorClass, includes);
}

/** Fails unless the promise rejects; returns the error (optionally checked). */
export async function assertRejects<E extends Error = Error>(
  fn: () => Promise<unknown>,
  errorClass?: ErrorClass<E>,
  includes?: string,
): Promise<E> {
  let caught: unknown;
  await nodeAssert.rejects(async () => {
    try {
      await fn();
    } catch (error) {
      caught = error;
      throw error;
    }
  });
  return checkError(caught, errorClass, includes);
}

function checkError<E extends Error>(
  error: unknown,
  errorClass: ErrorClass<E> | undefined,
  includes: string | undefined,
): E {
  if (errorClass) {
    nodeAssert.ok(error instanceof errorClass, `expected ${errorClass.name}, got ${String(error)}`);
  }
  const message = error instanceof Error ? error.message : String(error);
  if (includes && !message.includes(includes)) {
    fail(
      undefined,
      `expected the error message to include ${JSON.stringify(includes)}, got ${
        JSON.stringify(message)
      }`,
    );
  }
  return error as E;
}
