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

Deno.test("searchIssues: one request when the first page holds everything, a count otherwise", async () => {
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
  assertEquals((await searchIssues(fake(42), {}, { offset: 0, limit: 100 })).total, 42);
  assertEquals(calls, ["list 0+100"]);
  calls.length = 0;
  const full = await searchIssues(fake(250), {}, { offset: 0, limit: 100 });
  assertEquals([full.issues.length, full.total], [100, 250]);
  assertEquals(calls, ["list 0+100", "count"]);
  calls.length = 0;
  await searchIssues(fake(250), {}, { offset: 0, limit: 300 });
  assertEquals(calls, ["list 0+100", "list 100+100", "list 200+100"]);
  calls.length = 0;
  assertEquals(await searchIssues(fake(5), { projectId: [] }, { offset: 0, limit: 10 }), {
    issues: [],
    total: 0,
  });
  assertEquals(calls, []);
});
