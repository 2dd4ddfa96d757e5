/**
 * What went wrong with each error the client raised, kept aside so that the
 * one sentence a caller gets when retries end can name it ("HTTP 503:
 * Unavailable") without parsing the error's own message.
 *
 * @module
 */

import type { BacklogError } from "./errors.ts";

/** Per-error notes: the failure as a phrase, and whether no retry can fix it. */
export class FailureNotes {
  readonly #failures = new WeakMap<BacklogError, string>();
  /** Errors no retry can fix, whatever their kind (a denied Deno permission). */
  readonly #final = new WeakSet<BacklogError>();

  /** Records what went wrong with `error` (and whether it is final); returns `error`. */
  note(error: BacklogError, failure: string, final = false): BacklogError {
    this.#failures.set(error, failure);
    if (final) this.#final.add(error);
    return error;
  }

  /** The phrase recorded for `error`, if any. */
  failure(error: BacklogError): string | undefined {
    return this.#failures.get(error);
  }

  /** Whether `error` was recorded as one no retry can fix. */
  isFinal(error: BacklogError): boolean {
    return this.#final.has(error);
  }
}
