/**
 * How the API key travels, and the one switch `auto` mode may make: the key
 * goes in the `Backlog-API-Key` header; after the first 401 of the process,
 * the documented `?apiKey=` query form is tried once, and its outcome decides
 * the form for every later request (never again on each request, and never
 * once the header has worked: then a 401 means the key was revoked).
 *
 * @module
 */

import type { Logger } from "../log.ts";
import { BacklogError } from "./errors.ts";
import type { ApiKeyTransport } from "./request.ts";

/** The key form of one client, with the `auto` fallback's state. */
export class KeyForm {
  readonly #transport: ApiKeyTransport;
  readonly #log: Logger;
  /** Set once the query form was found to work (`auto`), or always (`query`). */
  #inQuery: boolean;
  /** Set once Backlog accepted the header form. */
  #headerWorked = false;
  /** The one try of the query form after a 401: resolves true if Backlog took it. */
  #probe?: Promise<boolean>;

  constructor(transport: ApiKeyTransport, log: Logger) {
    this.#transport = transport;
    this.#log = log;
    this.#inQuery = transport === "query";
  }

  /** Runs `send` with the form in use; in `auto` mode, the first 401 tries the query form once. */
  async send<T>(send: (keyInQuery: boolean) => Promise<T>): Promise<T> {
    const inQuery = this.#inQuery;
    try {
      const result = await send(inQuery);
      if (!inQuery) this.#headerWorked = true;
      return result;
    } catch (error) {
      if (
        !(error instanceof BacklogError) || error.kind !== "auth" ||
        this.#transport !== "auto" || inQuery || this.#headerWorked
      ) throw error;
      if (this.#probe) {
        if (await this.#probe) return await send(true);
        throw error;
      }
      return await this.#tryQueryForm(send);
    }
  }

  async #tryQueryForm<T>(send: (keyInQuery: boolean) => Promise<T>): Promise<T> {
    let settle!: (worked: boolean) => void;
    this.#probe = new Promise((resolve) => settle = resolve);
    try {
      const result = await send(true);
      this.#useQueryForm();
      settle(true);
      return result;
    } catch (error) {
      if (error instanceof BacklogError && error.status !== undefined) {
        // Any answer but a 401 means Backlog authenticated the query form.
        const worked = error.kind !== "auth";
        if (worked) this.#useQueryForm();
        settle(worked);
      } else {
        this.#probe = undefined; // no answer: nothing learned, a later 401 may try again
        settle(false);
      }
      throw error;
    }
  }

  #useQueryForm(): void {
    this.#inQuery = true;
    this.#log.warn(
      "Backlog rejected the Backlog-API-Key header but accepted the apiKey query parameter; using the query form from now on",
    );
  }
}
