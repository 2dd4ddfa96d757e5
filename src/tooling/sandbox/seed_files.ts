/**
 * Seeded shared files (§12.8): a few files in DEMO's file area, two of them
 * linked to the rich fixture issue (`SEED.richSharedFiles`).
 *
 * @module
 */
import { at } from "./seed_draft.ts";
import { P, U } from "./seed_data.ts";
import type { SharedFileRecord } from "./types.ts";

/** Shared files linked to the rich issue (DEMO-1). */
export const RICH_SHARED_FILES = [
  { id: 77001, dir: "/design/", name: "login-flow.pdf", size: 482_133 },
  { id: 77002, dir: "/仕様書/", name: "ログイン画面 v2.xlsx", size: 20_480 },
] as const;

/** Every project's shared files. */
export function seedSharedFiles(): SharedFileRecord[] {
  const file = (
    f: { id: number; dir: string; name: string; size: number },
    projectId: number,
    created: string,
  ): SharedFileRecord => ({
    ...f,
    projectId,
    type: "file",
    createdUserId: U.hanako,
    created: at(created),
    updatedUserId: null,
    updated: at(created),
  });
  return [
    file(RICH_SHARED_FILES[0], P.DEMO, "2026-03-01T02:00:00Z"),
    file(RICH_SHARED_FILES[1], P.DEMO, "2026-03-02T02:00:00Z"),
    file(
      { id: 77003, dir: "/design/", name: "palette.png", size: 9_120 },
      P.DEMO,
      "2026-03-03T02:00:00Z",
    ),
  ];
}
