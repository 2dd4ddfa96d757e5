import { assert, assertEquals, assertRejects } from "../../tests/assert.ts";
import { Limiter } from "./limiter.ts";

/** A promise with its resolve/reject exposed. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets queued microtasks and hand-overs run. */
const settle = () => new Promise<void>((r) => setTimeout(r, 0));

Deno.test("Limiter: never more than N tasks run at once", async () => {
  const limiter = new Limiter(2);
  let running = 0;
  let peak = 0;
  const gates = Array.from({ length: 6 }, () => deferred());
  const results = gates.map((gate, i) =>
    limiter.run(async () => {
      running++;
      peak = Math.max(peak, running);
      await gate.promise;
      running--;
      return i;
    })
  );
  await settle();
  assertEquals(running, 2);
  assertEquals(limiter.active, 2);
  assertEquals(limiter.waiting, 4);
  // Release in a scrambled order; the bound must hold throughout.
  for (const i of [1, 0, 3, 2, 5, 4]) {
    gates[i].resolve();
    await settle();
    assert(running <= 2, `running ${running}`);
  }
  assertEquals(await Promise.all(results), [0, 1, 2, 3, 4, 5]);
  assertEquals(peak, 2);
  assertEquals(limiter.active, 0);
  assertEquals(limiter.waiting, 0);
});

Deno.test("Limiter: waiting tasks start first come, first served", async () => {
  const limiter = new Limiter(1);
  const started: number[] = [];
  const gates = Array.from({ length: 5 }, () => deferred());
  const all = gates.map((gate, i) =>
    limiter.run(async () => {
      started.push(i);
      await gate.promise;
    })
  );
  await settle();
  assertEquals(started, [0]);
  for (let i = 0; i < gates.length; i++) {
    gates[i].resolve();
    await settle();
    assertEquals(started, Array.from({ length: Math.min(i + 2, 5) }, (_, j) => j));
  }
  await Promise.all(all);
});

Deno.test("Limiter: a task arriving as the slot frees queues behind earlier waiters", async () => {
  const limiter = new Limiter(1);
  const order: string[] = [];
  const first = deferred();
  const a = limiter.run(async () => {
    order.push("a");
    await first.promise;
  });
  const b = limiter.run(() => {
    order.push("b");
    return Promise.resolve();
  });
  await settle();
  first.resolve();
  // "c" arrives while "a" is finishing, after "b" has queued.
  const c = limiter.run(() => {
    order.push("c");
    return Promise.resolve();
  });
  await Promise.all([a, b, c]);
  assertEquals(order, ["a", "b", "c"]);
});

Deno.test("Limiter: a failing task releases its slot and its error reaches the caller", async () => {
  const limiter = new Limiter(1);
  const failing = limiter.run(() => Promise.reject(new Error("boom")));
  const next = limiter.run(() => Promise.resolve("next ran"));
  await assertRejects(() => failing, Error, "boom");
  assertEquals(await next, "next ran");
  assertEquals(limiter.active, 0);
  assertEquals(limiter.waiting, 0);
});

Deno.test("Limiter: a task that throws synchronously also releases its slot", async () => {
  const limiter = new Limiter(1);
  await assertRejects(
    () =>
      limiter.run((): Promise<void> => {
        throw new TypeError("sync");
      }),
    TypeError,
    "sync",
  );
  assertEquals(limiter.active, 0);
  assertEquals(await limiter.run(() => Promise.resolve(1)), 1);
});

Deno.test("Limiter: many failures in a row do not leak slots", async () => {
  const limiter = new Limiter(2);
  const runs = Array.from(
    { length: 10 },
    (_, i) => limiter.run(() => i % 2 ? Promise.reject(new Error(`e${i}`)) : Promise.resolve(i)),
  );
  const settled = await Promise.allSettled(runs);
  assertEquals(settled.filter((s) => s.status === "rejected").length, 5);
  assertEquals(limiter.active, 0);
  assertEquals(limiter.waiting, 0);
});

Deno.test("Limiter: a size below 1 behaves as 1", async () => {
  for (const size of [0, -3]) {
    const limiter = new Limiter(size);
    const gate = deferred();
    const a = limiter.run(() => gate.promise);
    const b = limiter.run(() => Promise.resolve());
    await settle();
    assertEquals(limiter.active, 1);
    assertEquals(limiter.waiting, 1);
    gate.resolve();
    await Promise.all([a, b]);
    assertEquals(limiter.active, 0);
  }
});
