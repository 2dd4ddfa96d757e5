/**
 * The timezone an answer is given in: the call's `timezone` argument, else
 * BACKLOG_TIMEZONE, else the space's own timezone (`GET /space`, cached with
 * the other metadata), else UTC when the space cannot say.
 *
 * @module
 */

import { BacklogError } from "../backlog/errors.ts";
import type { Metadata } from "../backlog/metadata.ts";
import type { Config } from "../config/config.ts";
import { isValidTimeZone } from "../shared/dates.ts";

/** Where the zone in use came from. */
export type ZoneSource = "argument" | "BACKLOG_TIMEZONE" | "space" | "fallback";

/** The zone in use and why. */
export interface OutputZone {
  zone: string;
  source: ZoneSource;
  /** For `fallback`: why the space's zone was not used. */
  reason?: string;
}

/** What the lookup needs. */
export interface ZoneContext {
  config: Pick<Config, "timezone">;
  metadata: Pick<Metadata, "space">;
}

/** The zone for a call given `requested` (its `timezone` argument, if any). Never throws. */
export async function outputZone(ctx: ZoneContext, requested?: string): Promise<OutputZone> {
  if (requested) return { zone: requested, source: "argument" };
  if (ctx.config.timezone) return { zone: ctx.config.timezone, source: "BACKLOG_TIMEZONE" };
  try {
    const zone = (await ctx.metadata.space()).timezone?.trim();
    if (zone && isValidTimeZone(zone)) return { zone, source: "space" };
    const reason = zone
      ? `the space's timezone "${zone.slice(0, 40)}" is not an IANA name`
      : "the space does not name a timezone";
    return { zone: "UTC", source: "fallback", reason };
  } catch (error) {
    // A space that cannot be read must not fail every call: UTC, said plainly.
    const why = error instanceof BacklogError ? error.message : String(error);
    return {
      zone: "UTC",
      source: "fallback",
      reason: `GET /space failed (${why.slice(0, 160)})`,
    };
  }
}

/** The zone name for a call (see {@linkcode outputZone}). */
export async function zoneName(ctx: ZoneContext, requested?: string): Promise<string> {
  return (await outputZone(ctx, requested)).zone;
}

/** `Asia/Tokyo (the space's timezone)`: the zone and where it came from, for answers and the doctor. */
export function describeZone(z: OutputZone): string {
  switch (z.source) {
    case "argument":
      return z.zone;
    case "BACKLOG_TIMEZONE":
      return `${z.zone} (BACKLOG_TIMEZONE)`;
    case "space":
      return `${z.zone} (the space's timezone)`;
    case "fallback":
      return `${z.zone} (${z.reason ?? "the space's timezone is unknown"}; set BACKLOG_TIMEZONE)`;
  }
}
