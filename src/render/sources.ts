/**
 * Answers assembled from several Backlog reads (an activity report, recent
 * changes) end by saying which reads they came from and what they left out,
 * so that a model can tell "nothing happened" from "not looked at".
 *
 * @module
 */

import { z } from "zod";

/** The fields such an answer ends with (zod shape). */
export const SOURCED_SHAPE = {
  sources: z.array(z.string()),
  left_out: z.array(z.string()),
  timezone: z.string(),
};

/** `Sources: …. Left out: ….` (or that nothing was). */
export function sourceLines(page: { sources: readonly string[]; left_out: readonly string[] }) {
  return [
    `Sources: ${page.sources.join("; ")}.`,
    page.left_out.length ? `Left out: ${page.left_out.join("; ")}.` : "Nothing was left out.",
  ];
}
