/**
 * A user's watching list (`GET /users/:id/watchings`, backlog-api.md §12.6) as the tools
 * read it: most recently updated issue first, a page at a time.
 *
 * @module
 */

import type { BacklogApi } from "./api.ts";
import { PAGE_SIZE, type PageReading, type PagesRead, readPages } from "./paging.ts";
import type { Watching } from "./types.ts";

/** Reads `userId`'s watchings, newest issue update first, until `reading` stops. */
export function readWatchings(
  api: BacklogApi,
  userId: number,
  reading: Pick<PageReading<Watching>, "maxPages" | "enough">,
): Promise<PagesRead<Watching>> {
  return readPages({
    ...reading,
    by: "offset",
    read: (at) =>
      api.listWatchings(userId, {
        sort: "issueUpdated",
        order: "desc",
        count: PAGE_SIZE,
        offset: at.offset,
      }),
  });
}
