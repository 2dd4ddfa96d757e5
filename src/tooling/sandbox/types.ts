/**
 * Data model of the Backlog API v2 sandbox.
 *
 * Lookup tables (users, projects, statuses, …) are stored in their wire shape so they can be
 * sent as they are. Issues and comments are stored with ids instead of nested objects and are
 * expanded on output (see `format.ts`), so a write only has to change one place.
 *
 * @module
 */
import type { AttentionState } from "./types_attention.ts";

/** Nulab account attached to a user (backlog-api.md §3.1). */
export interface NulabAccount {
  nulabId: string;
  name: string;
  uniqueId: string;
}

/** Backlog User (backlog-api.md §3.1), wire shape. */
export interface User {
  id: number;
  userId: string | null;
  name: string;
  roleType: number;
  lang: "ja" | "en" | null;
  nulabAccount: NulabAccount | null;
  mailAddress: string;
  lastLoginTime: string | null;
  keyword?: string;
}

/** Backlog Space (`GET /api/v2/space`), wire shape. */
export interface Space {
  spaceKey: string;
  name: string;
  ownerId: number;
  lang: string;
  timezone: string;
  reportSendTime: string;
  textFormattingRule: "backlog" | "markdown";
  created: string;
  updated: string;
}

/** Backlog Project (backlog-api.md §3.2), wire shape. */
export interface Project {
  id: number;
  projectKey: string;
  name: string;
  chartEnabled: boolean;
  useResolvedForChart: boolean;
  subtaskingEnabled: boolean;
  projectLeaderCanEditProjectLeader: boolean;
  useWiki: boolean;
  useDocument: boolean;
  useFileSharing: boolean;
  useWikiTreeView: boolean;
  useSubversion: boolean;
  useGit: boolean;
  useOriginalImageSizeAtWiki: boolean;
  textFormattingRule: "backlog" | "markdown";
  archived: boolean;
  displayOrder: number;
  useDevAttributes: boolean;
  grandchildIssueEnabled?: boolean;
}

/** Project status (backlog-api.md §3.3). Built-in ids 1–4 appear once per project; custom ids are ≥ 100. */
export interface Status {
  id: number;
  projectId: number;
  name: string;
  color: string;
  displayOrder: number;
}

/** Priority or resolution (backlog-api.md §3.4). */
export interface IdName {
  id: number;
  name: string;
}

/** Issue type (backlog-api.md §3.5), with the template fields the list endpoint returns. */
export interface IssueType {
  id: number;
  projectId: number;
  name: string;
  color: string;
  displayOrder: number;
  templateSummary: string | null;
  templateDescription: string | null;
}

/** Category (backlog-api.md §3.6). */
export interface Category {
  id: number;
  projectId: number;
  name: string;
  displayOrder: number;
}

/** Version / milestone (backlog-api.md §3.7). Dates already in wire form (`yyyy-MM-ddT00:00:00Z`). */
export interface Version {
  id: number;
  projectId: number;
  name: string;
  description: string | null;
  startDate: string | null;
  releaseDueDate: string | null;
  archived: boolean;
  displayOrder: number;
}

/** Custom field value as sent inside an Issue (backlog-api.md §12.2.2); `otherValue` only on types 7 and 8. */
export interface CustomFieldValue {
  id: number;
  fieldTypeId: number;
  name: string;
  value: unknown;
  otherValue?: string | null;
}

/** A list item of a custom field (types 5–8). */
export interface CustomFieldItem {
  id: number;
  name: string;
  displayOrder: number;
}

/** Custom field type ids (backlog-api.md §12.2.1). */
export type CustomFieldTypeId = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

/**
 * Custom field definition (backlog-api.md §12.2.1), wire shape: only the keys of its type are present (numeric:
 * `min`/`max`/`initialValue`/`unit`; date: `min`/`max` as timestamps and `initialDate`; lists:
 * `items`/`allowAddItem`/`allowInput`).
 */
export interface CustomFieldDef {
  id: number;
  projectId: number;
  typeId: CustomFieldTypeId;
  name: string;
  description: string;
  required: boolean;
  /** Issue type ids; `[]` means every issue type. */
  applicableIssueTypes: number[];
  useIssueType: boolean;
  displayOrder: number;
  version: number;
  min?: number | string | null;
  max?: number | string | null;
  initialValue?: number | null;
  unit?: string | null;
  initialDate?: { id: number; shift?: number; date?: string } | null;
  items?: CustomFieldItem[];
  allowAddItem?: boolean;
  allowInput?: boolean;
}

/**
 * A stored custom field value: text (1, 2), number (3), `yyyy-MM-dd` (4), one item id (5, 8),
 * item ids (6, 7); null or absent when empty.
 */
export type CustomFieldStored = string | number | number[] | null;

/** Stored attachment of an issue. `created` is epoch ms. */
export interface AttachmentRecord {
  id: number;
  name: string;
  size: number;
  createdUserId: number;
  created: number;
}

/** Stored issue. Dates are `yyyy-MM-dd` strings; timestamps are epoch ms. */
export interface IssueRecord {
  id: number;
  projectId: number;
  keyId: number;
  issueKey: string;
  issueTypeId: number;
  summary: string;
  description: string;
  resolutionId: number | null;
  priorityId: number;
  statusId: number;
  assigneeId: number | null;
  categoryIds: number[];
  versionIds: number[];
  milestoneIds: number[];
  startDate: string | null;
  dueDate: string | null;
  estimatedHours: number | null;
  actualHours: number | null;
  parentIssueId: number | null;
  createdUserId: number;
  created: number;
  updatedUserId: number;
  updated: number;
  /** Custom field values by field id. */
  customFieldValues: Record<number, CustomFieldStored>;
  /** Free "other" text of checkbox and radio fields, by field id. */
  customFieldOther?: Record<number, string>;
  attachments: AttachmentRecord[];
}

/** One change-log entry (backlog-api.md §3.9). */
export interface ChangeLogEntry {
  field: string;
  newValue: string | null;
  originalValue: string | null;
  attachmentInfo: { id: number; name: string } | null;
  attributeInfo: { id: number; typeId: number } | null;
  notificationInfo: { type: string } | null;
}

/** Stored comment. Timestamps are epoch ms. */
export interface CommentRecord {
  id: number;
  projectId: number;
  issueId: number;
  content: string | null;
  changeLog: ChangeLogEntry[] | null;
  createdUserId: number;
  created: number;
  updated: number;
}

/** The live, mutable data of a sandbox. Tests may read and modify it directly. */
export interface SandboxState {
  space: Space;
  /** Numeric id of the API key's owner ("me"). */
  myselfId: number;
  users: User[];
  projects: Project[];
  /** Project id → member user ids. */
  projectMembers: Record<number, number[]>;
  statuses: Status[];
  issueTypes: IssueType[];
  categories: Category[];
  versions: Version[];
  customFields: CustomFieldDef[];
  priorities: IdName[];
  resolutions: IdName[];
  issues: IssueRecord[];
  comments: CommentRecord[];
  /** Next ids handed out by writes. */
  nextIds: { issue: number; comment: number };
  /** Notifications, watchings, shared files and non-issue activities (`types_attention.ts`). */
  attention: AttentionState;
}
