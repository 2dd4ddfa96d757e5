/**
 * Public option and record types of the sandbox, and their defaults.
 *
 * @module
 */
import type { FaultController } from "./faults.ts";
import type { RateLimits } from "./ratelimit.ts";
import type { SandboxState } from "./types.ts";

/** Texts of error messages the spec leaves [UNCONFIRMED] (backlog-api.md §11). */
export interface SandboxMessages {
  /** 401, code 11. Default "Authentication failure." */
  authFailure: string;
  /** 404 for an unknown issue. Default "No issue." */
  noIssue: string;
  /** 404 for an unknown project. Default "No project." (the documented example) */
  noProject: string;
  /** 404 for an unknown user. Default "No user." */
  noUser: string;
  /** 404 for an unknown comment. Default "No comment." */
  noComment: string;
  /** 404 for an unknown route or trailing slash. Default "No such resource." */
  noRoute: string;
  /** 429, code 13. Default "Too many requests." */
  tooManyRequests: string;
  /** 400 for a no-op PATCH or an empty comment. Default "No comment content." */
  noCommentContent: string;
}

/** Default messages. */
export const DEFAULT_MESSAGES: SandboxMessages = {
  authFailure: "Authentication failure.",
  noIssue: "No issue.",
  noProject: "No project.",
  noUser: "No user.",
  noComment: "No comment.",
  noRoute: "No such resource.",
  tooManyRequests: "Too many requests.",
  noCommentContent: "No comment content.",
};

/**
 * Custom field behaviour (backlog-api.md §12.2). Every choice here is [UNCONFIRMED] unless tagged otherwise; the
 * defaults are the sandbox's choice, not claims about real Backlog.
 */
export interface CustomFieldOptions {
  /**
   * Which fields an issue's `customFields` lists: every field of its project ("all"), those that
   * apply to its issue type ("applicable"), or only those holding a value ("set"). Default "all".
   */
  listed: "all" | "applicable" | "set";
  /** An empty multiple list / checkbox value: `[]` (backlog-js typing) or null. Default "empty-array". */
  emptyList: "empty-array" | "null";
  /**
   * List filters spelled `customField_{id}[]=…`: matched, or ignored like the bare form. Default
   * "ignore" (only the indexed `[n]` form is measured to match, backlog-api.md §12.2.4).
   */
  bracketListFilter: "match" | "ignore";
  /**
   * List filters spelled bare `customField_{id}=…`: ignored without an error (every issue comes
   * back), as measured [3P measured, backlog-api.md §12.2.4]; "match" treats them like the indexed form. Default "ignore".
   */
  bareListFilter: "match" | "ignore";
  /** Text field keyword filter: case-insensitive substring, or exact value. Default "substring". */
  textMatch: "substring" | "exact";
  /** Are `customField_{id}_min`/`_max` inclusive? Default true. */
  rangeInclusive: boolean;
  /** A filter or sort on a custom field id that does not exist: 400 or ignored. Default "reject". */
  unknownField: "reject" | "ignore";
  /** Multi-value spellings writes accept for lists (backlog-api.md §12.2.3 says accept all three). Default all. */
  listWriteKeys: readonly ("bare" | "brackets" | "indexed")[];
  /** A write to a field that does not apply to the issue's type: 400, or stored. Default "reject". */
  notApplicableWrite: "reject" | "store";
  /** Clearing a required field on PATCH is refused like leaving it out on POST. Default true. */
  requiredOnUpdate: boolean;
  /** Message of the 400 for a missing required field; `{name}` is replaced. Default "{name} is required." */
  requiredMessage: string;
}

/** Default custom field behaviour. */
export const DEFAULT_CUSTOM_FIELD_OPTIONS: CustomFieldOptions = {
  listed: "all",
  emptyList: "empty-array",
  bracketListFilter: "ignore",
  bareListFilter: "ignore",
  textMatch: "substring",
  rangeInclusive: true,
  unknownField: "reject",
  listWriteKeys: ["bare", "brackets", "indexed"],
  notApplicableWrite: "reject",
  requiredOnUpdate: true,
  requiredMessage: "{name} is required.",
};

/**
 * Options of `startSandbox`. Options tagged [UNCONFIRMED] pick a behaviour the reference leaves
 * open; the default is the sandbox's choice, not a claim about real Backlog.
 */
export interface SandboxOptions {
  /** Port on 127.0.0.1. Default 0 (ephemeral). */
  port?: number;
  /** The one accepted API key. Default `SEED.apiKey`. */
  apiKey?: string;
  /** Accept `Backlog-API-Key: <key>`. Default true; false simulates an install that only knows `?apiKey=` [UNCONFIRMED]. */
  acceptHeaderKey?: boolean;
  /** Accept `?apiKey=<key>`. Default true. */
  acceptQueryKey?: boolean;
  /** Also accept `Authorization: Bearer <token>` with this token (OAuth, backlog-api.md §1.3). Default: Bearer is not accepted. Recorded as auth "header". */
  bearerToken?: string;
  /** Requests per window (60 s unless `rateLimitWindowMs`) per class. Defaults 600/150/150/60. */
  rateLimits?: Partial<RateLimits>;
  /** Length of a rate-limit window in ms. Default 60000 (Backlog's minute); tests shorten it. */
  rateLimitWindowMs?: number;
  /** Clock in epoch ms for rate-limit windows, injected 429 resets and write timestamps. Default `Date.now`. */
  now?: () => number;
  /** Are comment `minId`/`maxId` inclusive? Default true [UNCONFIRMED]. */
  commentIdBoundsInclusive?: boolean;
  /** Issue-list sort key when `sort` is omitted. Default "created" [UNCONFIRMED]. */
  defaultSort?: string;
  /**
   * Minutes east of UTC used to take the calendar date of `created`/`updated` for the
   * `createdSince`… filters. Default 0 (UTC date part) [UNCONFIRMED: which timezone Backlog uses].
   */
  dateFilterOffsetMinutes?: number;
  /** Treat a bare repeated key (`statusId=1&statusId=2`) as a list. Default true [UNCONFIRMED]. */
  acceptBareArrayKeys?: boolean;
  /** Treat indexed keys (`statusId[0]=1`) as a list. Default true [UNCONFIRMED for non-customField params]. */
  acceptIndexedArrayKeys?: boolean;
  /** Answer 400 to form parameters that add/update issue do not document. Default true [3P]. */
  rejectUnknownWriteParams?: boolean;
  /** `changeLog` of a comment without field changes: null (doc examples) or [] (fixtures). Default null. */
  emptyChangeLog?: "null" | "empty-array";
  /** Answer 404 to paths with a trailing slash (`/api/v2/issues/`). Default true [3P]. */
  trailingSlashNotFound?: boolean;
  /** Error message texts [UNCONFIRMED]. */
  messages?: Partial<SandboxMessages>;
  /** Custom field behaviour [UNCONFIRMED]; see {@linkcode CustomFieldOptions}. */
  customFields?: Partial<CustomFieldOptions>;
}

/** Options with every default filled in. */
export type ResolvedOptions =
  & Required<Omit<SandboxOptions, "bearerToken" | "messages" | "rateLimits" | "customFields">>
  & { bearerToken?: string; messages: SandboxMessages; rateLimits: RateLimits }
  & { customFields: CustomFieldOptions };

/** One request the sandbox received. */
export interface RecordedRequest {
  method: string;
  /** Decoded path without query, e.g. "/api/v2/issues". */
  path: string;
  /** Query + form body; array keys normalised (`statusId[]`, `statusId[0]` → `statusId`); apiKey removed. */
  params: Record<string, string[]>;
  /** Which credential authenticated the request, or was presented if it failed. */
  auth: "header" | "query" | "none";
  /** Status code answered (0 for a dropped connection). */
  status: number;
  /** When the request arrived, `performance.now()` ms (for in-flight counts). */
  startedAt?: number;
  /** When its answer (or drop) was ready, `performance.now()` ms; unset while in flight. */
  endedAt?: number;
}

/** A running sandbox. */
export interface Sandbox {
  /** Base URL without trailing slash, e.g. "http://127.0.0.1:41234". */
  url: string;
  /** Every request received, in order (control endpoints excluded). */
  requests: RecordedRequest[];
  /** Forgets the recorded requests and restarts the in-flight peak. */
  clearRequests(): void;
  /**
   * `/api/v2` requests being answered now, and the most at once since the
   * last `clearRequests()` (for tests of the one-request-in-flight rule).
   */
  inFlight(): { now: number; peak: number };
  faults: FaultController;
  /** The live data; writes through the API show up here. */
  state: SandboxState;
  /** Stops serving and releases every resource (aborts pending "slow" faults). */
  close(): Promise<void>;
}
