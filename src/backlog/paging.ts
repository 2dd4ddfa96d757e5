/**
 * Lists as Backlog pages them: at most {@linkcode PAGE_SIZE} items a request,
 * by `offset` (issues, watchings) or, newest first, by `maxId` (comments,
 * notifications, activities: the next page asks below the last id seen, which
 * is right whether Backlog's `maxId` includes that id or not). A short page
 * is the end of the list. The issue search, with its totals, is
 * `issue_search.ts`.
 *
 * @module
 */

/** The most items Backlog returns for one request (`count` 1–100). */
export const PAGE_SIZE = 100;

/** Where the next page starts: after `offset` items read, and (by id) at or below `maxId`. */
export interface Cursor {
  offset: number;
  maxId?: number;
}

/** What {@linkcode readPages} reads and when it stops. */
export interface PageReading<T> {
  /** Reads one page of {@linkcode PAGE_SIZE} items at `cursor`. */
  read(cursor: Cursor): Promise<T[]>;
  /** `offset`, or `maxId` (newest first, below `belowId` when given). */
  by: "offset" | "maxId";
  belowId?: number;
  /** Pages read at most. */
  maxPages: number;
  /** Asked after every full page: true when what was read is enough. */
  enough?: (page: readonly T[], all: readonly T[]) => boolean;
}

/** The items read, and why the reading stopped. */
export interface PagesRead<T> {
  items: T[];
  pages: number;
  /** The list ended (a short page): nothing was left unread. */
  ended: boolean;
  /** `enough` said so. Neither `ended` nor `enough`: `maxPages` cut the list. */
  enough: boolean;
}

/** Reads pages until the list ends, `enough` says so, or `maxPages` were read. */
export async function readPages<T extends { id?: number }>(
  reading: PageReading<T>,
): Promise<PagesRead<T>> {
  const items: T[] = [];
  const byId = reading.by === "maxId";
  let maxId = byId && reading.belowId !== undefined ? reading.belowId - 1 : undefined;
  for (let pages = 1; pages <= reading.maxPages; pages++) {
    const raw = await reading.read({ offset: items.length, maxId });
    // An id-paged answer is held to its bound, whatever Backlog made of it.
    const page = maxId === undefined ? raw : raw.filter((item) => (item.id ?? 0) <= maxId!);
    items.push(...page);
    if (raw.length < PAGE_SIZE) return { items, pages, ended: true, enough: false };
    if (reading.enough?.(page, items)) return { items, pages, ended: false, enough: true };
    if (byId) maxId = (raw[raw.length - 1].id ?? 0) - 1;
  }
  return { items, pages: reading.maxPages, ended: false, enough: false };
}
