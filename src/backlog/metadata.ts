/**
 * Process-lifetime cache of slow-changing Backlog metadata (the user behind
 * the key, projects and their statuses, issue types, categories, milestones,
 * members and custom fields; priorities, resolutions), used for defaults and for turning
 * names into ids, so a repeated call costs only its issue requests. Entries expire after the configured TTL; concurrent callers share one
 * request; failures are not cached.
 *
 * @module
 */

import type { BacklogApi } from "./api.ts";
import type {
  Category,
  CustomField,
  IssueType,
  Named,
  Project,
  Space,
  Status,
  User,
  Version,
} from "./types.ts";

interface Entry<T> {
  value: Promise<T>;
  expires: number;
}

/** A TTL cache whose loads are shared by concurrent callers. */
export class TtlCache {
  readonly #entries = new Map<string, Entry<unknown>>();

  constructor(readonly ttlMs: number, readonly now: () => number = Date.now) {}

  /** Returns the cached value for `key`, loading it when absent or expired. */
  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.#entries.get(key);
    if (hit && hit.expires > this.now()) return hit.value as Promise<T>;
    const value = load();
    const entry = { value, expires: this.now() + this.ttlMs };
    this.#entries.set(key, entry);
    // A failed load must not poison the cache.
    value.catch(() => {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
    });
    return value;
  }

  /** Forgets everything (e.g. after a write changes metadata). */
  clear(): void {
    this.#entries.clear();
  }
}

/** Cached metadata lookups used for defaults and name resolution. */
export class Metadata {
  readonly #cache: TtlCache;

  /** A cache over `api` whose entries live `ttlMs`. */
  constructor(readonly api: BacklogApi, ttlMs: number, options: { now?: () => number } = {}) {
    this.#cache = new TtlCache(ttlMs, options.now);
  }

  /** The user the API key belongs to. */
  myself(): Promise<User> {
    return this.#cache.get("myself", () => this.api.getMyself());
  }

  /** The space (its timezone is the default for output). */
  space(): Promise<Space> {
    return this.#cache.get("space", () => this.api.getSpace());
  }

  /** Projects the key's user has joined (archived ones included, flagged). */
  projects(): Promise<Project[]> {
    return this.#cache.get("projects", () => this.api.getProjects());
  }

  /** A project's statuses, built-in and custom. */
  statuses(projectId: number): Promise<Status[]> {
    return this.#cache.get(`statuses:${projectId}`, () => this.api.getStatuses(projectId));
  }

  /** A project's issue types. */
  issueTypes(projectId: number): Promise<IssueType[]> {
    return this.#cache.get(`issueTypes:${projectId}`, () => this.api.getIssueTypes(projectId));
  }

  /** A project's categories. */
  categories(projectId: number): Promise<Category[]> {
    return this.#cache.get(`categories:${projectId}`, () => this.api.getCategories(projectId));
  }

  /** A project's milestones/versions, archived ones included (flagged). */
  versions(projectId: number): Promise<Version[]> {
    return this.#cache.get(`versions:${projectId}`, () => this.api.getVersions(projectId));
  }

  /** A project's members. */
  projectUsers(projectId: number): Promise<User[]> {
    return this.#cache.get(`users:${projectId}`, () => this.api.getProjectUsers(projectId));
  }

  /** A project's custom field definitions. */
  customFields(projectId: number): Promise<CustomField[]> {
    return this.#cache.get(`customFields:${projectId}`, () => this.api.getCustomFields(projectId));
  }

  /** The space's priorities. */
  priorities(): Promise<Named[]> {
    return this.#cache.get("priorities", () => this.api.getPriorities());
  }

  /** The space's resolutions. */
  resolutions(): Promise<Named[]> {
    return this.#cache.get("resolutions", () => this.api.getResolutions());
  }
}
