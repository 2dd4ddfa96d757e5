import { assertEquals } from "../../tests/assert.ts";
import { activityAccount } from "./activity_report.ts";

Deno.test("activityAccount: where the page limit stopped, in the answer's zone", () => {
  const reads = {
    userId: 7,
    pages: 10,
    read: 1000,
    capped: true,
    oldest: "2026-11-30T15:30:00Z",
    restricted: false,
  };
  assertEquals(activityAccount({ ...reads, timezone: "Asia/Tokyo" }).left_out, [
    "activities before 2026-12-01 00:30 +09:00 (read the newest 1000; a later since helps)",
  ]);
  assertEquals(
    activityAccount({ ...reads, timezone: "America/New_York" }).left_out[0],
    "activities before 2026-11-30 10:30 -05:00 (read the newest 1000; a later since helps)",
  );
  const whole = activityAccount({ ...reads, capped: false, restricted: true, timezone: "UTC" });
  assertEquals(whole, {
    sources: ["GET /users/7/activities (10 page(s))"],
    left_out: ["projects outside BACKLOG_PROJECTS"],
  });
});
