/**
 * The timezone check: which zone answers and relative dates use, and where it
 * comes from (BACKLOG_TIMEZONE, else the space's own from `GET /space`).
 *
 * @module
 */

import type { BacklogApi } from "../../backlog/api.ts";
import { describeZone, outputZone } from "../../resolve/timezone.ts";
import type { CheckResult } from "./types.ts";

/** One `timezone` result: the zone in use and its source; fails only when neither gives one. */
export async function checkTimezone(
  api: BacklogApi,
  configured: string | undefined,
): Promise<CheckResult> {
  // The space's zone is asked even when BACKLOG_TIMEZONE overrides it, to show both.
  const space = await outputZone({ config: {}, metadata: { space: () => api.getSpace() } });
  if (configured) {
    const theirs = space.source === "space" ? `; the space's own is ${space.zone}` : "";
    return {
      id: "timezone",
      status: "pass",
      message: `Times and relative dates use ${configured} (BACKLOG_TIMEZONE${theirs}).`,
    };
  }
  if (space.source === "space") {
    return {
      id: "timezone",
      status: "pass",
      message: `Times and relative dates use ${
        describeZone(space)
      }, read from GET /api/v2/space; set BACKLOG_TIMEZONE to use another.`,
    };
  }
  return {
    id: "timezone",
    status: "fail",
    message: `Times and relative dates would use ${describeZone(space)}.`,
    fix: "set BACKLOG_TIMEZONE to your IANA timezone, e.g. BACKLOG_TIMEZONE=Asia/Tokyo.",
  };
}
