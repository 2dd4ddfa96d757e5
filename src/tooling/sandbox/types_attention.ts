/**
 * Data model of the sandbox's "attention" part (backlog-api.md §12.4–§12.8): notifications,
 * watchings, shared files and the activities that do not come from issues
 * and comments (wiki, files, Git, pull requests, members, milestones …).
 * Issue activities (types 1–3) are derived from the issues and comments at
 * request time, so writes show up in them without bookkeeping.
 *
 * Timestamps are epoch ms, like the rest of the sandbox's records.
 *
 * @module
 */

/** A pull request as notifications carry it (only what they need). */
export interface PullRequestRef {
  id: number;
  number: number;
  summary: string;
  repositoryId: number;
  repositoryName: string;
}

/** A document as notifications carry it. */
export interface DocumentRef {
  id: string;
  title: string;
}

/** A stored notification (backlog-api.md §12.5) for user `userId`. */
export interface NotificationRecord {
  id: number;
  userId: number;
  reason: number;
  alreadyRead: boolean;
  resourceAlreadyRead: boolean;
  projectId: number;
  issueId: number | null;
  commentId: number | null;
  senderId: number;
  created: number;
  pullRequest: PullRequestRef | null;
  /** Text of the pull request comment (reason 11). */
  pullRequestComment: string | null;
  document: DocumentRef | null;
  /** Text of the document comment or reply (reasons 14, 15). */
  documentComment: string | null;
}

/** A stored watching (backlog-api.md §12.6). */
export interface WatchingRecord {
  id: number;
  userId: number;
  issueId: number;
  note: string;
  resourceAlreadyRead: boolean;
  created: number;
  updated: number;
}

/** A stored shared file (backlog-api.md §12.8). `dir` starts and ends with "/". */
export interface SharedFileRecord {
  id: number;
  projectId: number;
  type: "file" | "directory";
  dir: string;
  name: string;
  size: number;
  createdUserId: number;
  created: number;
  updatedUserId: number;
  updated: number;
}

/** A stored activity that is not derived from issues (ids are assigned on output). */
export interface ActivityRecord {
  projectId: number;
  type: number;
  /** Wire `content`, snake_case keys (backlog-api.md §12.4). */
  content: Record<string, unknown>;
  createdUserId: number;
  created: number;
}

/** The attention part of the sandbox state. */
export interface AttentionState {
  notifications: NotificationRecord[];
  watchings: WatchingRecord[];
  sharedFiles: SharedFileRecord[];
  /** Issue id → ids of the shared files linked to it. */
  issueSharedFiles: Record<number, number[]>;
  activities: ActivityRecord[];
  nextWatchingId: number;
  /**
   * Bytes of files whose content matters (`attachment:ID`, `file:ID`); any other
   * file's bytes are generated from its name and size (`file_bytes.ts`).
   */
  contents: Record<string, Uint8Array>;
}

/** An attention state with nothing in it yet. */
export function emptyAttention(): AttentionState {
  return {
    notifications: [],
    watchings: [],
    sharedFiles: [],
    issueSharedFiles: {},
    activities: [],
    nextWatchingId: 0,
    contents: {},
  };
}
