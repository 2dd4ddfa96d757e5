import { assertEquals } from "../../tests/assert.ts";
import type { BacklogApi, IssueQuery } from "./api.ts";
import { searchIssues, unappliedFilters } from "./issue_search.ts";
import type { Issue } from "./types.ts";

const issue = (id: number, extra: Partial<Issue> = {}): Issue => ({
  id,
  projectId: 1,
  issueKey: `P-${id}`,
  summary: "s",
  created: "2026-01-01T00:00:00Z",
  ...extra,
});

Deno.test("unappliedFilters: a filter the answer breaks is named with how many issues break it", () => {
  const issues = [
    issue(1, {
      dueDate: "2026-11-30T00:00:00Z",
      attachments: [],
      sharedFiles: [],
      parentIssueId: null,
    }),
    issue(2, { dueDate: null, attachments: [{ id: 1, name: "a", size: 1 }], parentIssueId: 7 }),
  ];
  const query: IssueQuery = {
    hasDueDate: false,
    dueDateUntil: "2026-11-29",
    attachment: true,
    parentChild: 2,
  };
  assertEquals(unappliedFilters(query, issues), [
    "due date until 2026-11-29 (2 issues outside it)",
    "no due date (1 issue outside it)",
    "with attachments (1 issue outside it)",
    "child issues (1 issue outside it)",
  ]);
  // Kept filters, and fields an answer lacks, give nothing.
  assertEquals(unappliedFilters({ dueDateSince: "2026-11-30", sharedFile: true }, [issues[0]]), [
    "with shared files (1 issue outside it)",
  ]);
  assertEquals(unappliedFilters({ sharedFile: true }, [issue(3)]), []);
  assertEquals(unappliedFilters({ keyword: "x", createdSince: "2026-01-02" }, issues), []);
});

Deno.test("searchIssues: never counts on the way; a last page under 100 asks one more", async () => {
  const calls: string[] = [];
  const fake = (matching: number) =>
    ({
      listIssues: (_q: IssueQuery, offset: number, count: number) => {
        calls.push(`list ${offset}+${count}`);
        const n = Math.max(0, Math.min(count, matching - offset));
        return Promise.resolve(Array.from({ length: n }, (_, i) => issue(offset + i)));
      },
      countIssues: () => {
        calls.push("count");
        return Promise.resolve(matching);
      },
    }) as unknown as BacklogApi;
  const run = async (matching: number, offset: number, limit: number) => {
    calls.length = 0;
    const page = await searchIssues(fake(matching), {}, { offset, limit });
    return { shown: page.issues.length, total: page.total, more: page.more, calls: [...calls] };
  };
  // The first page holds everything: one request, the total for free.
  assertEquals(await run(42, 0, 100), { shown: 42, total: 42, more: false, calls: ["list 0+100"] });
  // A full page of 100: one request, total unknown (no /issues/count round trip).
  assertEquals(await run(250, 0, 100), {
    shown: 100,
    total: null,
    more: undefined,
    calls: ["list 0+100"],
  });
  // Under 100: one more asked, so "more" is known.
  assertEquals(await run(250, 100, 50), {
    shown: 50,
    total: null,
    more: true,
    calls: ["list 100+51"],
  });
  assertEquals(await run(150, 100, 50), {
    shown: 50,
    total: 150,
    more: false,
    calls: ["list 100+51"],
  });
  // Many pages; the short last one gives the total.
  assertEquals(await run(250, 0, 300), {
    shown: 250,
    total: 250,
    more: false,
    calls: ["list 0+100", "list 100+100", "list 200+100"],
  });
  // Past the end: nothing there, so one count gives the true total (never the offset).
  assertEquals(await run(50, 100, 10), {
    shown: 0,
    total: 50,
    more: false,
    calls: ["list 100+11", "count"],
  });
  // limit 0 only counts.
  assertEquals(await run(250, 0, 0), { shown: 0, total: 250, more: true, calls: ["count"] });
  // No project selected: nothing asked.
  calls.length = 0;
  assertEquals(await searchIssues(fake(5), { projectId: [] }, { offset: 0, limit: 10 }), {
    issues: [],
    total: 0,
    more: false,
  });
  assertEquals(calls, []);
});
