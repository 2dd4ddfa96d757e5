import { assertEquals } from "../../tests/assert.ts";
import { type Cursor, PAGE_SIZE, readPages } from "./paging.ts";

/** Items with ids `count` down to 1, newest (highest id) first, as Backlog lists them. */
const items = (count: number) => Array.from({ length: count }, (_, i) => ({ id: count - i }));

Deno.test("readPages: by offset until a short page ends the list", async () => {
  const all = items(250);
  const asked: Cursor[] = [];
  const read = await readPages({
    by: "offset",
    read: (at) => {
      asked.push(at);
      return Promise.resolve(all.slice(at.offset, at.offset + PAGE_SIZE));
    },
    maxPages: 10,
  });
  assertEquals(read.items, all);
  assertEquals({ pages: read.pages, ended: read.ended, enough: read.enough }, {
    pages: 3,
    ended: true,
    enough: false,
  });
  assertEquals(asked.map((c) => c.offset), [0, 100, 200]);
  assertEquals(asked.every((c) => c.maxId === undefined), true, "no maxId by offset");
});

Deno.test("readPages: by id below a bound, held to it whatever Backlog sends", async () => {
  const all = items(500);
  const asked: (number | undefined)[] = [];
  const read = await readPages({
    by: "maxId",
    belowId: 451,
    // This Backlog ignores maxId's bound by one: it includes one item above it.
    read: (at) => {
      asked.push(at.maxId);
      const from = all.findIndex((i) => i.id <= at.maxId! + 1);
      return Promise.resolve(all.slice(from, from + PAGE_SIZE));
    },
    maxPages: 2,
  });
  assertEquals(asked, [450, 351]);
  assertEquals(read.items.map((i) => i.id), [...Array(198).keys()].map((k) => 450 - k));
  assertEquals({ ended: read.ended, enough: read.enough }, { ended: false, enough: false });
});

Deno.test("readPages: enough stops after a full page; maxPages 0 reads nothing", async () => {
  let reads = 0;
  const read = await readPages({
    by: "maxId",
    read: (at) => {
      reads++;
      const all = items(1000).filter((i) => at.maxId === undefined || i.id <= at.maxId);
      return Promise.resolve(all.slice(0, PAGE_SIZE));
    },
    maxPages: 5,
    enough: (page, all) => all.length >= 200 && page.length === PAGE_SIZE,
  });
  assertEquals({ reads, items: read.items.length, enough: read.enough }, {
    reads: 2,
    items: 200,
    enough: true,
  });
  const none = await readPages({ by: "offset", read: () => Promise.reject(), maxPages: 0 });
  assertEquals(none.items, []);
});
