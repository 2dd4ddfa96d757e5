/**
 * The answer of a write tool once Backlog has taken the write. Everything
 * after the write (reading Backlog's reply, rendering) may fail on an odd
 * reply; the write must still be reported as done, with its key and URL, or a
 * model would retry it and file duplicates. And a 2xx reply that cannot be
 * read is said to be a write that most likely went through, not a failure.
 *
 * @module
 */

import type { z } from "zod";
import { BacklogError, withMessage } from "../backlog/errors.ts";
import type { Logger } from "../log.ts";
import type { ToolOutput } from "./tool.ts";

/**
 * Sends a write. A 2xx reply that is not Backlog's JSON becomes an error that
 * says the write was most likely applied and how to check, instead of an
 * invitation to retry.
 */
export async function sendWrite<T>(
  what: string,
  check: string,
  send: () => Promise<T>,
): Promise<T> {
  try {
    return await send();
  } catch (error) {
    const status = error instanceof BacklogError ? error.status : undefined;
    if (error instanceof BacklogError && status !== undefined && status >= 200 && status < 300) {
      throw withMessage(
        error,
        `Backlog accepted ${what} (HTTP ${status}), so it was most likely applied, but its reply could not be read: ${error.message} Check with ${check} before trying again.`,
      );
    }
    throw error;
  }
}

/** What {@linkcode appliedAnswer} needs. */
export interface AppliedAnswer<S> {
  tool: string;
  /** The tool's output schema: checked here, as the SDK checks it after the handler. */
  schema: z.ZodType<S>;
  logger: Logger;
  /** The full answer, built from Backlog's reply. */
  build: () => ToolOutput<S>;
  /** The answer from what was known before the write (key, URL): it must not fail. */
  fallback: () => ToolOutput<S>;
}

/** The full answer, or, when it cannot be built, the fallback that still reports the write. */
export function appliedAnswer<S>(answer: AppliedAnswer<S>): ToolOutput<S> {
  try {
    const output = answer.build();
    const checked = answer.schema.safeParse(output.structured);
    if (!checked.success) throw new Error(`output schema: ${checked.error.message}`);
    return output;
  } catch (error) {
    answer.logger.error("the answer to an applied write could not be built", {
      tool: answer.tool,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    return answer.fallback();
  }
}
