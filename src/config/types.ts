/**
 * The shapes configuration is delivered in: the validated {@linkcode Config}
 * the rest of the code receives, and the {@linkcode ConfigResult} of parsing.
 *
 * @module
 */

import type { BacklogSettings } from "../backlog/connect.ts";

/** The validated configuration the rest of the code receives. */
export interface Config extends BacklogSettings {
  /** Numeric id of "me"; when absent it is looked up with `GET /users/myself`. */
  userId?: number;
  /**
   * `BACKLOG_TIMEZONE`: the IANA timezone for output and relative dates;
   * undefined when unset, and then the space's own timezone is used.
   */
  timezone?: string;
  /** How long project/status metadata is cached. */
  cacheTtlMs: number;
  /** Logging threshold for stderr. */
  logLevel: "debug" | "info" | "warn" | "error";
  /**
   * `BACKLOG_READ_ONLY`: when true, tools that change Backlog are not
   * registered. On when the environment or `.env` turns it on.
   */
  readOnly: boolean;
  /**
   * `BACKLOG_PROJECTS`: the only project keys any tool may touch (upper-case,
   * deduplicated, in the given order); undefined when every visible project is
   * allowed. An empty value in the environment does not drop `.env`'s list.
   */
  projectAllowlist?: readonly string[];
  /**
   * `BACKLOG_FILE_MAX_BYTES`: the largest attachment or shared file
   * get_attachment downloads (images shown up to it; text is read up to it).
   */
  attachmentMaxBytes: number;
  /**
   * `BACKLOG_STRUCTURED_OUTPUT`: when true, tools declare an outputSchema and
   * answer with structuredContent beside the text; default false (text only).
   */
  structuredOutput: boolean;
  /** `BACKLOG_MAX_RESULT_CHARS`: the most characters one result's text (and JSON) may hold. */
  maxResultChars: number;
}

/** One problem with one variable, phrased for a person. */
export interface ConfigProblem {
  /** The variable at fault, e.g. `BACKLOG_API_KEY`. */
  variable: string;
  /** What is wrong and how to fix it, as a sentence. */
  message: string;
}

/** Where each safety switch's value came from, as a sentence (for the doctor and the log). */
export interface SwitchOrigins {
  /** Where BACKLOG_READ_ONLY's value came from. */
  readOnly: string;
  /** Where BACKLOG_PROJECTS's value came from. */
  projects: string;
}

/**
 * The outcome of parsing. A failed result still says whether read-only mode
 * was asked for (true also when its value is unreadable), so that even an
 * unconfigured server never offers write tools it was told not to.
 */
export type ConfigResult =
  & (
    | { ok: true; config: Config; notes: string[] }
    | {
      ok: false;
      problems: ConfigProblem[];
      readOnly: boolean;
      /** Whether tools/list declares output schemas (false when unreadable). */
      structuredOutput: boolean;
    }
  )
  & {
    secrets: string[];
    switches: SwitchOrigins;
    /**
     * `BACKLOG_MAX_MESSAGE_MB` in bytes: the longest JSON-RPC line read from
     * stdin. Known even when the rest is not, since the transport needs it.
     */
    maxMessageBytes: number;
  };
