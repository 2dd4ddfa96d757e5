/**
 * Backlog's built-in statuses, priorities and resolutions keep fixed ids in
 * every space (backlog-api.md §3.4, §5) but are named in the space's language. Each answers
 * to its English and its Japanese name, whatever the space shows.
 *
 * @module
 */

import type { Named } from "../backlog/types.ts";

/** Built-in statuses by id. */
export const BUILTIN_STATUS_NAMES: Readonly<Record<number, readonly string[]>> = {
  1: ["Open", "未対応"],
  2: ["In Progress", "処理中"],
  3: ["Resolved", "処理済み"],
  4: ["Closed", "完了"],
};

/** Built-in priorities by id. */
export const PRIORITY_NAMES: Readonly<Record<number, readonly string[]>> = {
  2: ["High", "高"],
  3: ["Normal", "中"],
  4: ["Low", "低"],
};

/** Built-in resolutions by id. */
export const RESOLUTION_NAMES: Readonly<Record<number, readonly string[]>> = {
  0: ["Fixed", "対応済み"],
  1: ["Won't Fix", "対応しない"],
  2: ["Invalid", "無効"],
  3: ["Duplication", "重複"],
  4: ["Cannot Reproduce", "再現しない"],
};

/** The other names of a built-in status (none for custom ones, whose ids are ≥ 5). */
export const statusAliases = (status: Named): readonly string[] =>
  BUILTIN_STATUS_NAMES[status.id] ?? [];

/** The other names of a built-in priority. */
export const priorityAliases = (priority: Named): readonly string[] =>
  PRIORITY_NAMES[priority.id] ?? [];

/** The other names of a built-in resolution. */
export const resolutionAliases = (resolution: Named): readonly string[] =>
  RESOLUTION_NAMES[resolution.id] ?? [];
