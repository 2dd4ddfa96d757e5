/**
 * The error for a bad argument, shared by every layer that checks input
 * (tools, name resolution, date rules). It names the parameter so the answer
 * can say which one was wrong and what is allowed.
 *
 * @module
 */

/** A bad argument found after schema validation (cross-field checks, unknown names). */
export class ToolInputError extends Error {
  /** `parameter`: the argument at fault; `message`: what is wrong and what is allowed. */
  constructor(readonly parameter: string, message: string) {
    super(message);
    this.name = "ToolInputError";
  }
}
