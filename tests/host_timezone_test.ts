/**
 * Output never depends on the host machine's timezone: the same calls, over
 * stdio to the server started as the mcp task starts it, under four host TZ
 * settings, answer byte for byte alike — including timestamps whose wall time
 * in the requested zone falls into a DST gap of the host's zone.
 */

import { assert, assertEquals, assertStringIncludes } from "./assert.ts";
import { sandboxEnv, startTestSandbox } from "./harness.ts";
import { assertCleanOutput, resultText, startLeastPrivilege } from "./least_privilege.ts";
import { SEED } from "../src/tooling/sandbox/server.ts";
import { todayIn } from "../src/shared/dates.ts";

const HOST_ZONES = ["UTC", "America/New_York", "America/Nuuk", "Australia/Lord_Howe"];

// Instants chosen so that the wall time in the requested zone does not exist
// in a host zone (a conversion through the host's local time would shift it).
const AT = {
  // 2026-03-08 02:30 in Tokyo: inside New York's spring-forward gap (02:00 → 03:00).
  tokyoInNewYorkGap: Date.parse("2026-03-07T17:30:00Z"),
  // 2026-10-04 02:15 in Tokyo: inside Lord Howe's 30-minute gap (02:00 → 02:30).
  tokyoInLordHoweGap: Date.parse("2026-10-03T17:15:00Z"),
  // Lord Howe's own change: the first minute after 02:00 +10:30 is 02:30 +11:00.
  lordHoweJump: Date.parse("2026-10-03T15:30:00Z"),
  // 2026-03-28 23:30 in Tokyo: inside Nuuk's gap (23:00 −02:00 → 00:00 −01:00), where a
  // shift would also change the day.
  tokyoInNuukGap: Date.parse("2026-03-28T14:30:00Z"),
};

const CALLS: { tool: string; args: Record<string, unknown> }[] = [
  { tool: "get_issue_details", args: { issue_key: SEED.issues.rich, timezone: "Asia/Tokyo" } },
  {
    tool: "get_issue_details",
    args: { issue_key: SEED.issues.rich, timezone: "Australia/Lord_Howe" },
  },
  {
    tool: "get_issue_details",
    args: { issue_key: SEED.issues.rich, timezone: "America/New_York" },
  },
  { tool: "get_user_issue_list", args: { timezone: "Asia/Tokyo", limit: 100 } },
  { tool: "get_user_issue_list", args: { timezone: "Australia/Lord_Howe", limit: 100 } },
  // "Overdue" and "this week" are computed from today in the zone, not on the host.
  {
    tool: "get_user_issue_list",
    args: { timezone: "America/Nuuk", due_date_until: "overdue", status_ids: [] },
  },
  {
    tool: "get_user_issue_list",
    args: { timezone: "Pacific/Kiritimati", updated_since: "this_week", assignee_ids: [] },
  },
  // No timezone anywhere (BACKLOG_TIMEZONE unset): the space's, Asia/Tokyo.
  { tool: "get_issue_details", args: { issue_key: SEED.issues.rich } },
  { tool: "get_user_issue_list", args: { due_date_until: "overdue", status_ids: [] } },
];

Deno.test("host timezone: the same calls answer byte for byte alike under TZ=UTC, New York, Nuuk, Lord Howe", async () => {
  const sandbox = await startTestSandbox();
  try {
    const issue = sandbox.state.issues.find((i) => i.issueKey === SEED.issues.rich)!;
    issue.created = AT.tokyoInNewYorkGap;
    issue.updated = AT.tokyoInLordHoweGap;
    issue.dueDate = "2026-03-08";
    const comments = sandbox.state.comments.filter((c) => c.issueId === issue.id);
    assert(comments.length >= 3, "the rich issue has comments");
    const times = [AT.tokyoInNewYorkGap, AT.lordHoweJump, AT.tokyoInNuukGap];
    comments.slice(-3).forEach((c, i) => c.created = c.updated = times[i]);

    const answers = async (hostZone: string) => {
      const env = { ...sandboxEnv(sandbox), BACKLOG_TIMEZONE: "", TZ: hostZone };
      const server = await startLeastPrivilege(env);
      try {
        const texts: string[] = [];
        for (const { tool, args } of CALLS) {
          const result = await server.callTool(tool, args);
          assert(!result.isError, `${tool} under TZ=${hostZone}: ${resultText(result)}`);
          texts.push(JSON.stringify(result));
        }
        assertCleanOutput(server, texts);
        return texts;
      } finally {
        await server.closeStdin();
      }
    };

    // Relative dates are resolved from today in real time: rerun once if a zone's day turned.
    const days = () =>
      ["America/Nuuk", "Pacific/Kiritimati", "Asia/Tokyo"].map((z) => todayIn(z)).join();
    let all: string[][] = [];
    for (let attempt = 0; attempt < 2; attempt++) {
      const before = days();
      all = [];
      for (const zone of HOST_ZONES) all.push(await answers(zone));
      if (days() === before) break;
    }
    for (const [i, zone] of HOST_ZONES.entries()) {
      for (const [c, call] of CALLS.entries()) {
        const what = `${call.tool} ${JSON.stringify(call.args)}`;
        assertEquals(all[i][c], all[0][c], `${what}: TZ=${zone} differs from TZ=UTC`);
      }
    }
    // And the answer is the right one, not merely the same one.
    const texts = all[0].map((json) => resultText(JSON.parse(json)));
    const [tokyo, lordHowe, newYork] = texts;
    // The space's zone, when nothing names one: the same times as with Asia/Tokyo named.
    const spaceZone = texts[CALLS.length - 2];
    assertStringIncludes(spaceZone, "2026-03-08 02:30 +09:00");
    assertStringIncludes(spaceZone, "2026-03-28 23:30 +09:00");
    assertStringIncludes(texts[CALLS.length - 1], "Asia/Tokyo");
    assertStringIncludes(tokyo, "2026-03-08 02:30 +09:00"); // created, in New York's gap
    assertStringIncludes(tokyo, "2026-10-04 02:15 +09:00"); // updated, in Lord Howe's gap
    assertStringIncludes(tokyo, "2026-03-28 23:30 +09:00"); // a comment, in Nuuk's gap
    assertStringIncludes(lordHowe, "2026-10-04 02:30 +11:00"); // a comment, at the half-hour jump
    assertStringIncludes(lordHowe, "2026-10-04 04:15 +11:00");
    assertStringIncludes(newYork, "2026-03-07 12:30 -05:00");
    // The due date is a calendar date in every zone.
    for (const text of [tokyo, lordHowe, newYork]) assertStringIncludes(text, "2026-03-08");
  } finally {
    await sandbox.close();
  }
});
