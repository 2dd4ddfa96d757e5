/**
 * A few assertions, because `@std/assert` lives on JSR, which cannot be
 * reached here. Messages show both sides so a failure explains itself.
 *
 * @module
 */

/** Thrown by every assertion. */
export class AssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AssertionError";
  }
}

/** Fails unless `condition` is truthy. */
export function assert(condition: unknown, message = "expected a truthy value"): asserts condition {
  if (!condition) throw new AssertionError(message);
}

/** Deep equality for JSON-like values, Maps, Sets and Dates. */
export function equal(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (a instanceof Map && b instanceof Map) return equal([...a], [...b]);
  if (a instanceof Set && b instanceof Set) return equal([...a].sort(), [...b].sort());
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) =>
    equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])
  );
}

function show(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v) => v instanceof Map ? [...v] : v, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Fails unless `actual` deep-equals `expected`. */
export function assertEquals<T>(actual: T, expected: T, message?: string): void {
  if (!equal(actual, expected)) {
    throw new AssertionError(
      `${message ? message + "\n" : ""}actual:   ${show(actual)}\nexpected: ${show(expected)}`,
    );
  }
}

/** Fails if `actual` deep-equals `unexpected`. */
export function assertNotEquals<T>(actual: T, unexpected: T, message?: string): void {
  if (equal(actual, unexpected)) {
    throw new AssertionError(message ?? `expected a value other than ${show(unexpected)}`);
  }
}

/** Fails unless `text` contains `part`. */
export function assertStringIncludes(text: string, part: string, message?: string): void {
  if (!text.includes(part)) {
    throw new AssertionError(
      `${message ? message + "\n" : ""}expected to find ${show(part)} in:\n${text}`,
    );
  }
}

/** Fails if `text` contains `part`. */
export function assertNotIncludes(text: string, part: string, message?: string): void {
  if (text.includes(part)) {
    throw new AssertionError(
      `${message ? message + "\n" : ""}did not expect ${show(part)} in:\n${text}`,
    );
  }
}

/** Fails unless `text` matches `pattern`. */
export function assertMatch(text: string, pattern: RegExp, message?: string): void {
  if (!pattern.test(text)) {
    throw new AssertionError(
      `${message ? message + "\n" : ""}expected ${pattern} to match:\n${text}`,
    );
  }
}

/** Fails unless `fn` throws; returns the error (optionally checked by class and message part). */
export function assertThrows<E extends Error = Error>(
  fn: () => unknown,
  // deno-lint-ignore no-explicit-any
  errorClass?: new (...args: any[]) => E,
  includes?: string,
): E {
  try {
    fn();
  } catch (error) {
    return checkError(error, errorClass, includes);
  }
  throw new AssertionError("expected the function to throw");
}

/** Fails unless the promise rejects; returns the error (optionally checked). */
export async function assertRejects<E extends Error = Error>(
  fn: () => Promise<unknown>,
  // deno-lint-ignore no-explicit-any
  errorClass?: new (...args: any[]) => E,
  includes?: string,
): Promise<E> {
  try {
    await fn();
  } catch (error) {
    return checkError(error, errorClass, includes);
  }
  throw new AssertionError("expected the promise to reject");
}

function checkError<E extends Error>(
  error: unknown,
  // deno-lint-ignore no-explicit-any
  errorClass?: new (...args: any[]) => E,
  includes?: string,
): E {
  if (errorClass && !(error instanceof errorClass)) {
    throw new AssertionError(`expected ${errorClass.name}, got ${show(String(error))}`);
  }
  const message = error instanceof Error ? error.message : String(error);
  if (includes && !message.includes(includes)) {
    throw new AssertionError(
      `expected the error message to include ${show(includes)}, got ${show(message)}`,
    );
  }
  return error as E;
}
