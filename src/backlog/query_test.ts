import { assertEquals, assertThrows } from "../../tests/assert.ts";
import { apiPath, encodeParams } from "./query.ts";

Deno.test("encodeParams: arrays repeat the key with a [] suffix", () => {
  const params = encodeParams({ statusId: [1, 2] });
  assertEquals([...params], [["statusId[]", "1"], ["statusId[]", "2"]]);
  // URLSearchParams percent-encodes the brackets when stringified.
  assertEquals(params.toString(), "statusId%5B%5D=1&statusId%5B%5D=2");
  assertEquals(decodeURIComponent(params.toString()), "statusId[]=1&statusId[]=2");
});

Deno.test("encodeParams: scalars, booleans and order", () => {
  const params = encodeParams({
    projectId: [10, 20],
    count: 100,
    order: "desc",
    parentChild: 0,
    archived: false,
    keyword: "",
  });
  assertEquals([...params], [
    ["projectId[]", "10"],
    ["projectId[]", "20"],
    ["count", "100"],
    ["order", "desc"],
    ["parentChild", "0"],
    ["archived", "false"],
    ["keyword", ""],
  ]);
});

Deno.test("encodeParams: null, undefined and empty arrays are skipped", () => {
  const params = encodeParams({ a: undefined, b: null, c: [], d: "x" });
  assertEquals([...params], [["d", "x"]]);
  assertEquals(encodeParams().toString(), "");
  assertEquals(encodeParams({}).toString(), "");
});

Deno.test("encodeParams: values are escaped and round-trip", () => {
  const params = encodeParams({ keyword: "a&b=c 日本 +1", assigneeId: ["1", "x y"] });
  const text = params.toString();
  assertEquals(text.includes("&b=c"), false);
  const back = new URLSearchParams(text);
  assertEquals(back.get("keyword"), "a&b=c 日本 +1");
  assertEquals(back.getAll("assigneeId[]"), ["1", "x y"]);
});

Deno.test("apiPath: joins segments under /api/v2", () => {
  assertEquals(apiPath(["issues"]), "/api/v2/issues");
  assertEquals(apiPath(["issues", "count"]), "/api/v2/issues/count");
  assertEquals(apiPath(["projects", 42, "statuses"]), "/api/v2/projects/42/statuses");
  assertEquals(apiPath(["issues", "PROJ-1", "comments"]), "/api/v2/issues/PROJ-1/comments");
});

Deno.test("apiPath: each segment is URL-encoded", () => {
  assertEquals(apiPath(["issues", "A/B"]), "/api/v2/issues/A%2FB");
  assertEquals(apiPath(["issues", "../users"]), "/api/v2/issues/..%2Fusers");
  assertEquals(apiPath(["issues", "a?b#c"]), "/api/v2/issues/a%3Fb%23c");
  assertEquals(apiPath(["projects", "日本"]), "/api/v2/projects/%E6%97%A5%E6%9C%AC");
  assertEquals(apiPath(["issues", "x y"]), "/api/v2/issues/x%20y");
});

Deno.test("apiPath: an encoded segment stays one segment in a URL", () => {
  const url = new URL("https://s.backlog.com" + apiPath(["issues", "A/B", "comments"]));
  assertEquals(url.pathname, "/api/v2/issues/A%2FB/comments");
  assertEquals(url.pathname.split("/").length, 6);
});

// URL parsing resolves "." and ".." (even percent-encoded), so apiPath refuses them.
Deno.test("apiPath: dot and empty segments are refused instead of climbing out", () => {
  for (const bad of ["..", ".", ""]) {
    assertThrows(() => apiPath(["issues", bad, "comments"]), RangeError, "invalid path segment");
  }
});
