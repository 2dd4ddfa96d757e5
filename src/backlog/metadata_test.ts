import { assertEquals, assertRejects } from "../../tests/assert.ts";
import type { BacklogApi } from "./api.ts";
import { Metadata, TtlCache } from "./metadata.ts";
import type { Project, Status, User } from "./types.ts";

/** A manual clock. */
function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

Deno.test("TtlCache: concurrent callers share one load", async () => {
  const cache = new TtlCache(1000);
  let loads = 0;
  let release!: (value: string) => void;
  const load = () => {
    loads++;
    return new Promise<string>((r) => (release = r));
  };
  const a = cache.get("k", load);
  const b = cache.get("k", load);
  const c = cache.get("k", load);
  assertEquals(loads, 1);
  release("v");
  assertEquals(await Promise.all([a, b, c]), ["v", "v", "v"]);
  assertEquals(loads, 1);
});

Deno.test("TtlCache: keys are independent", async () => {
  const cache = new TtlCache(1000);
  const loaded: string[] = [];
  const loader = (key: string) => () => {
    loaded.push(key);
    return Promise.resolve(key.toUpperCase());
  };
  assertEquals(await cache.get("a", loader("a")), "A");
  assertEquals(await cache.get("b", loader("b")), "B");
  assertEquals(await cache.get("a", loader("a")), "A");
  assertEquals(loaded, ["a", "b"]);
});

Deno.test("TtlCache: entries expire after the TTL (injected clock)", async () => {
  const time = clock();
  const cache = new TtlCache(5000, time.now);
  let loads = 0;
  const load = () => Promise.resolve(++loads);
  assertEquals(await cache.get("k", load), 1);
  time.advance(4999);
  assertEquals(await cache.get("k", load), 1, "still fresh just before the TTL");
  time.advance(1);
  assertEquals(await cache.get("k", load), 2, "reloaded at the TTL");
  time.advance(2000);
  assertEquals(await cache.get("k", load), 2);
  assertEquals(loads, 2);
});

Deno.test("TtlCache: a TTL of 0 never serves a stale value", async () => {
  const time = clock();
  const cache = new TtlCache(0, time.now);
  let loads = 0;
  const load = () => Promise.resolve(++loads);
  assertEquals(await cache.get("k", load), 1);
  assertEquals(await cache.get("k", load), 2);
  assertEquals(loads, 2);
});

Deno.test("TtlCache: failures are not cached", async () => {
  const cache = new TtlCache(60_000);
  let calls = 0;
  const load = () => {
    calls++;
    return calls === 1 ? Promise.reject(new Error("network down")) : Promise.resolve("ok");
  };
  await assertRejects(() => cache.get("k", load), Error, "network down");
  assertEquals(await cache.get("k", load), "ok");
  assertEquals(await cache.get("k", load), "ok");
  assertEquals(calls, 2);
});

Deno.test("TtlCache: concurrent callers of a failing load all see the error", async () => {
  const cache = new TtlCache(60_000);
  let calls = 0;
  let fail!: (error: Error) => void;
  const load = () => {
    calls++;
    return new Promise<string>((_, reject) => (fail = reject));
  };
  const a = cache.get("k", load);
  const b = cache.get("k", load);
  fail(new Error("boom"));
  await assertRejects(() => a, Error, "boom");
  await assertRejects(() => b, Error, "boom");
  assertEquals(calls, 1);
  assertEquals(await cache.get("k", () => Promise.resolve("later")), "later");
});

Deno.test("TtlCache: a late failure of an expired load does not evict its replacement", async () => {
  const time = clock();
  const cache = new TtlCache(100, time.now);
  let failOld!: (error: Error) => void;
  const old = cache.get("k", () => new Promise<string>((_, reject) => (failOld = reject)));
  time.advance(100);
  let newLoads = 0;
  const fresh = () => {
    newLoads++;
    return Promise.resolve("new");
  };
  assertEquals(await cache.get("k", fresh), "new");
  failOld(new Error("old failed"));
  await assertRejects(() => old, Error, "old failed");
  assertEquals(await cache.get("k", fresh), "new");
  assertEquals(newLoads, 1);
});

Deno.test("TtlCache: clear forgets everything", async () => {
  const cache = new TtlCache(60_000);
  let loads = 0;
  const load = () => Promise.resolve(++loads);
  await cache.get("a", load);
  cache.clear();
  assertEquals(await cache.get("a", load), 2);
});

Deno.test("Metadata: caches myself, projects and statuses per project", async () => {
  const calls: string[] = [];
  const api = {
    getMyself: () => {
      calls.push("myself");
      return Promise.resolve({ id: 5001, name: "Taro" } satisfies User);
    },
    getProjects: () => {
      calls.push("projects");
      return Promise.resolve(
        [{ id: 1, projectKey: "PROJ", name: "Project", archived: false }] satisfies Project[],
      );
    },
    getStatuses: (projectId: number | string) => {
      calls.push(`statuses:${projectId}`);
      return Promise.resolve([{ id: 1, name: `Open in ${projectId}` }] satisfies Status[]);
    },
  } as unknown as BacklogApi;
  const time = clock();
  const metadata = new Metadata(api, 1000, { now: time.now });

  assertEquals((await metadata.myself()).id, 5001);
  assertEquals((await metadata.myself()).id, 5001);
  assertEquals((await metadata.projects())[0].projectKey, "PROJ");
  await metadata.projects();
  assertEquals((await metadata.statuses(1))[0].name, "Open in 1");
  assertEquals((await metadata.statuses(2))[0].name, "Open in 2");
  await metadata.statuses(1);
  assertEquals(calls, ["myself", "projects", "statuses:1", "statuses:2"]);

  time.advance(1000);
  await metadata.myself();
  assertEquals(calls.at(-1), "myself");
  assertEquals(calls.length, 5);
});

Deno.test("Metadata: per-project lists and space-wide lists share the TTL cache", async () => {
  const calls: string[] = [];
  const answer = <T>(name: string, value: T) => (id?: number | string) => {
    calls.push(id === undefined ? name : `${name}:${id}`);
    return Promise.resolve(value);
  };
  const api = {
    getIssueTypes: answer("issueTypes", [{ id: 1, name: "Bug" }]),
    getCategories: answer("categories", [{ id: 2, name: "API" }]),
    getVersions: answer("versions", [{ id: 3, name: "Sprint 1", archived: false }]),
    getProjectUsers: answer("users", [{ id: 4, name: "Hanako" }]),
    getPriorities: answer("priorities", [{ id: 3, name: "Normal" }]),
    getResolutions: answer("resolutions", [{ id: 0, name: "Fixed" }]),
  } as unknown as BacklogApi;
  const time = clock();
  const metadata = new Metadata(api, 1000, { now: time.now });
  const all = () =>
    Promise.all([
      metadata.issueTypes(1),
      metadata.categories(1),
      metadata.versions(1),
      metadata.projectUsers(1),
      metadata.projectUsers(2),
      metadata.priorities(),
      metadata.resolutions(),
    ]);
  const first = await all();
  assertEquals(first.map((list) => list[0].name), [
    "Bug",
    "API",
    "Sprint 1",
    "Hanako",
    "Hanako",
    "Normal",
    "Fixed",
  ]);
  assertEquals(calls, [
    "issueTypes:1",
    "categories:1",
    "versions:1",
    "users:1",
    "users:2",
    "priorities",
    "resolutions",
  ]);
  await all();
  assertEquals(calls.length, 7, "served from the cache");
  time.advance(1000);
  await all();
  assertEquals(calls.length, 14, "reloaded after the TTL");
});
