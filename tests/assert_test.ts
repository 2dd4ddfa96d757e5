import {
  assertEquals,
  AssertionError,
  assertNotEquals,
  assertRejects,
  assertThrows,
} from "./assert.ts";

Deno.test("assert: deep equality is strict about Maps, prototypes and types", () => {
  assertThrows(() => assertEquals<unknown>(new Map([["a", 1]]), {}), AssertionError);
  assertThrows(() => assertEquals<unknown>(new Set([1]), [1]), AssertionError);
  assertThrows(() => assertEquals<unknown>(Object.create(null), {}), AssertionError);
  assertThrows(() => assertEquals<unknown>({ a: 1 }, { a: "1" }), AssertionError);
  assertEquals(new Map([["a", { b: [1, 2] }]]), new Map([["a", { b: [1, 2] }]]));
  assertNotEquals<unknown>([1, 2], [2, 1]);
});

Deno.test("assert: assertThrows and assertRejects check the class and the message", async () => {
  const error = assertThrows(
    () => {
      throw new RangeError("too far");
    },
    RangeError,
    "far",
  );
  assertEquals(error.message, "too far");
  assertThrows(() => assertThrows(() => {}), AssertionError);
  assertThrows(() =>
    assertThrows(() => {
      throw new Error("x");
    }, RangeError), AssertionError);
  await assertRejects(() => Promise.reject(new TypeError("bad")), TypeError, "bad");
  await assertRejects(() => assertRejects(() => Promise.resolve()), AssertionError);
});
