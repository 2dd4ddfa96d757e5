/**
 * The parts of Backlog API v2 entities this server reads. Backlog adds fields
 * over time and old payloads lack some, so everything not always present is
 * optional and unknown fields are ignored.
 *
 * @module
 */

/** A user (backlog-api.md §3.1). `userId` (login) can be null for Nulab-account-only users. */
export interface User {
  id: number;
  userId?: string | null;
  name: string;
  roleType?: number;
  lang?: string | null;
  mailAddress?: string;
}

/** The space (`GET /space`, backlog-api.md §12.1); `timezone` is an IANA name such as Asia/Tokyo. */
export interface Space {
  spaceKey?: string;
  name?: string;
  timezone?: string;
  lang?: string;
}

/** A project (backlog-api.md §3.2). */
export interface Project {
  id: number;
  projectKey: string;
  name: string;
  archived: boolean;
  textFormattingRule?: string;
}

/** A project status (backlog-api.md §3.3); ids 1–4 are built in, 4 is Closed. */
export interface Status {
  id: number;
  projectId?: number;
  name: string;
  color?: string;
  displayOrder?: number;
}

/** Id of the built-in Closed status (完了). */
export const CLOSED_STATUS_ID = 4;

/** `{id, name}` objects: priority, resolution. */
export interface Named {
  id: number;
  name: string;
}

/** Category (backlog-api.md §3.6). */
export interface Category extends Named {
  projectId?: number;
  displayOrder?: number;
}

/** Issue type (backlog-api.md §3.5). */
export interface IssueType extends Named {
  projectId?: number;
  color?: string;
}

/** Milestone / version (backlog-api.md §3.7). */
export interface Version extends Named {
  projectId?: number;
  description?: string | null;
  startDate?: string | null;
  releaseDueDate?: string | null;
  archived?: boolean;
  displayOrder?: number;
}

/** Attachment on an issue. */
export interface Attachment {
  id: number;
  name: string;
  size: number;
}

/** An issue (backlog-api.md §3.8). */
export interface Issue {
  id: number;
  projectId: number;
  issueKey: string;
  keyId?: number;
  issueType?: IssueType | null;
  summary: string;
  description?: string | null;
  resolution?: Named | null;
  priority?: Named | null;
  status?: Status | null;
  assignee?: User | null;
  category?: Named[];
  versions?: Version[];
  milestone?: Version[];
  startDate?: string | null;
  dueDate?: string | null;
  estimatedHours?: number | null;
  actualHours?: number | null;
  parentIssueId?: number | null;
  createdUser?: User | null;
  created: string;
  updatedUser?: User | null;
  updated?: string | null;
  attachments?: Attachment[];
  sharedFiles?: SharedFile[];
  /** Only with `expand[]=childIssueSummary`. */
  childIssueSummary?: { total: number; closed: number };
  customFields?: CustomFieldValue[];
}

/** Custom field type ids (backlog-api.md §12.2.1): `typeId` of a definition, `fieldTypeId` of a value. */
export const CUSTOM_FIELD_TYPE = {
  text: 1,
  sentence: 2,
  number: 3,
  date: 4,
  singleList: 5,
  multipleList: 6,
  checkbox: 7,
  radio: 8,
} as const;

/** A list item of a custom field (types 5–8). */
export interface CustomFieldItem {
  id: number;
  name: string;
  displayOrder?: number;
}

/**
 * A custom field definition (backlog-api.md §12.2.1). Type-specific keys appear only on
 * fields of that type; date `min`/`max` come back as timestamps.
 */
export interface CustomField {
  id: number;
  projectId?: number;
  typeId: number;
  name: string;
  description?: string | null;
  required?: boolean;
  /** Issue type ids the field applies to; empty or absent: every type. */
  applicableIssueTypes?: number[];
  displayOrder?: number;
  min?: number | string | null;
  max?: number | string | null;
  unit?: string | null;
  items?: CustomFieldItem[];
  allowAddItem?: boolean;
  /** The list takes free "other" text (`customField_{id}_otherValue`). */
  allowInput?: boolean;
}

/** A custom field's value inside an issue (backlog-api.md §12.2.2); `value` depends on `fieldTypeId`. */
export interface CustomFieldValue {
  id: number;
  fieldTypeId?: number;
  name: string;
  value?: unknown;
  otherValue?: string | null;
}

/** One entry of a comment's change log (backlog-api.md §3.9). */
export interface ChangeLogEntry {
  field: string;
  newValue?: string | null;
  originalValue?: string | null;
  attachmentInfo?: { id?: number; name?: string } | null;
  attributeInfo?: { id?: number; typeId?: number } | null;
}

/** An issue comment (backlog-api.md §3.9). */
export interface Comment {
  id: number;
  content?: string | null;
  changeLog?: ChangeLogEntry[] | null;
  createdUser?: User | null;
  created: string;
  updated?: string | null;
}

/** `{count}` answers. */
export interface Count {
  count: number;
}

// --- Notifications, activities, watchings, files (backlog-api.md §12.4–§12.8) ---

/** A notification (backlog-api.md §3.10, §12.5). `reason` codes are listed in §12.5. */
export interface Notification {
  id: number;
  /** The notification itself was read (what mark-as-read sets). */
  alreadyRead: boolean;
  reason: number;
  /** The issue or pull request behind it was opened since. */
  resourceAlreadyRead?: boolean;
  project?: Project | null;
  issue?: Issue | null;
  comment?: Comment | null;
  pullRequest?: { id: number; number?: number; summary?: string } | null;
  pullRequestComment?: { content?: string | null } | null;
  document?: { id?: number | string; title?: string } | null;
  documentComment?: { content?: string | null } | null;
  documentCommentReply?: { content?: string | null } | null;
  sender?: User | null;
  created: string;
}

/** One entry of an activity's `content.changes` (snake_case keys, raw values: status ids). */
export interface ActivityChange {
  field: string;
  new_value?: string | null;
  old_value?: string | null;
  type?: string;
}

/** An activity's `content`; its shape depends on the type (backlog-api.md §12.4). Keys are snake_case. */
export interface ActivityContent {
  id?: number | string;
  key_id?: number;
  summary?: string;
  description?: string;
  comment?: { id?: number; content?: string | null } | null;
  changes?: ActivityChange[];
  link?: { id?: number; key_id?: number; title?: string }[];
  name?: string;
  title?: string;
  dir?: string;
  rev?: number | string;
  number?: number;
  repository?: { id?: number; name?: string } | null;
  revision_count?: number;
  users?: User[];
  parties?: { id?: number; name?: string }[];
}

/** An activity ("recent update", backlog-api.md §12.4). Unknown `type` values must be accepted. */
export interface Activity {
  id: number;
  project?: Project | null;
  type: number;
  content?: ActivityContent | null;
  createdUser?: User | null;
  created: string;
}

/** A watching (backlog-api.md §12.6). Single-object answers may say `alreadyRead` instead. */
export interface Watching {
  id: number;
  resourceAlreadyRead?: boolean;
  alreadyRead?: boolean;
  note?: string | null;
  type?: string;
  issue?: Issue | null;
  lastContentUpdated?: string | null;
  created?: string;
  updated?: string;
}

/** An attachment as the list endpoint returns it (backlog-api.md §12.7). */
export interface AttachmentInfo extends Attachment {
  createdUser?: User | null;
  created?: string | null;
}

/** A shared file (backlog-api.md §12.8). */
export interface SharedFile {
  id: number;
  projectId?: number;
  type?: string;
  dir?: string;
  name: string;
  size?: number | null;
  createdUser?: User | null;
  created?: string | null;
  updatedUser?: User | null;
  updated?: string | null;
}

/** A downloaded file, possibly cut at the byte limit it was read with. */
export interface Download {
  bytes: Uint8Array;
  /** The media type Backlog sent, without parameters; null when absent. */
  contentType: string | null;
  /** From `Content-Disposition` (`filename*` first); null when absent. */
  fileName: string | null;
  /** True when the body was longer than the limit and reading stopped there. */
  truncated: boolean;
}
