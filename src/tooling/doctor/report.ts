/**
 * Renders doctor results: one line per check, the fix on the same line as a
 * failure, and a closing summary.
 *
 * @module
 */

import type { CheckResult } from "./types.ts";

const MARK = { pass: "✔", fail: "✘", skip: "–" } as const;

/** One line per result. */
export function formatResult(result: CheckResult): string {
  const fix = result.status === "fail" && result.fix ? ` Fix: ${result.fix}` : "";
  return `${MARK[result.status]} ${result.message}${fix}`;
}

/** The closing line. */
export function formatSummary(results: readonly CheckResult[]): string {
  const failed = results.filter((r) => r.status === "fail").length;
  const skipped = results.filter((r) => r.status === "skip").length;
  if (failed === 0 && skipped === 0) return `All ${results.length} checks passed.`;
  const parts = [`${failed} of ${results.length} checks failed`];
  if (skipped > 0) parts.push(`${skipped} skipped`);
  return `${parts.join(", ")}. Fix the first ✘ and run \`mise run doctor\` again.`;
}

/** The whole report. */
export function formatReport(results: readonly CheckResult[]): string {
  return [...results.map(formatResult), "", formatSummary(results)].join("\n");
}
