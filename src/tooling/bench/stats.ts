/**
 * Timings summarised (median, p95, minimum) and formatted for the report.
 *
 * @module
 */

import { percentile } from "./soak.ts";

/** A sample of timings, summarised. */
export interface Stats {
  n: number;
  p50: number;
  p95: number;
  min: number;
}

/** Summarises `values` (milliseconds). */
export function stats(values: number[]): Stats {
  return {
    n: values.length,
    p50: percentile(values, 0.5),
    p95: percentile(values, 0.95),
    min: Math.min(...values),
  };
}

/** `7.5 ms`, `120 ms`. */
export const ms = (n: number): string => `${n.toFixed(n < 10 ? 1 : 0)} ms`;

/** `1.35×`: how many times `b` fits in `a`. */
export const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
