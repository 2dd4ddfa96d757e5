/**
 * Warm-up: right after `initialize` (under the fast start, as soon as it has
 * answered `tools/list`, while the server loads), fetch in the background,
 * one request at a time, the metadata a session's first list call needs (the
 * projects, who "me" is, each active project's statuses, then the space's
 * timezone), so that call costs only its issue search. A model's first turn
 * comes a second or more after `initialize`; remote Backlog answers in
 * ~150 ms a request, and this is six of them.
 *
 * It never competes with a real call: before each step it waits until no
 * tool call is running (a call that starts meanwhile waits at most for the
 * one warm-up request already in flight, and shares it when it needs the
 * same data, through the metadata cache). It stops at the first failure:
 * the call that needs the data will report it.
 *
 * @module
 */

import { isValidTimeZone, wallTime } from "./shared/dates.ts";
import type { Metadata } from "./backlog/metadata.ts";
import type { Config } from "./config/types.ts";
import type { Logger } from "./log.ts";
import type { ProjectScope } from "./resolve/scope.ts";

/** What the warm-up uses (of a Backlog session, or a tool context). */
export interface WarmUpContext {
  config: Config;
  metadata: Metadata;
  scope: ProjectScope;
  logger: Logger;
}

/** Status lists fetched ahead at most (a space with many projects warms the first ones). */
export const WARM_PROJECTS_MAX = 20;

/** Counts tool calls in progress, so background work can wait for none. */
export class CallActivity {
  #running = 0;
  #waiters: (() => void)[] = [];

  /** Runs `task` as a tool call. */
  async track<T>(task: () => Promise<T>): Promise<T> {
    this.#running++;
    try {
      return await task();
    } finally {
      if (--this.#running === 0) this.#waiters.splice(0).forEach((wake) => wake());
    }
  }

  /** Resolves when no tool call is running. */
  idle(): Promise<void> {
    return this.#running === 0
      ? Promise.resolve()
      : new Promise((resolve) => this.#waiters.push(resolve));
  }
}

/** What the warm-up did: the steps it finished, and why it stopped early. */
export interface WarmUpReport {
  /** The steps finished, in order. */
  steps: string[];
  /** Why it stopped before the end, if it did. */
  stopped?: string;
}

/** Fetches the first list call's metadata, serially, yielding to tool calls. Never throws. */
export async function warmUp(ctx: WarmUpContext, activity: CallActivity): Promise<WarmUpReport> {
  const report: WarmUpReport = { steps: [] };
  const step = async (name: string, load: () => Promise<unknown>) => {
    await activity.idle();
    await load();
    report.steps.push(name);
  };
  try {
    await step("projects", () => ctx.metadata.projects());
    if (!ctx.config.userId) await step("myself", () => ctx.metadata.myself());
    // The projects a list searches by default: the usable ones, not archived.
    const active = ctx.scope.filter(await ctx.metadata.projects()).filter((p) => !p.archived);
    for (const project of active.slice(0, WARM_PROJECTS_MAX)) {
      await step(`statuses:${project.projectKey}`, () => ctx.metadata.statuses(project.id));
    }
    // Last: a list call needs the zone only after its search (unless it has relative dates).
    if (!ctx.config.timezone) await step("space", () => ctx.metadata.space());
    // The zone's formatter: the first one of a process costs ~25 ms of ICU set-up, better
    // spent now than in the first answer that shows a time.
    const zone = ctx.config.timezone ?? (await ctx.metadata.space()).timezone;
    if (zone && isValidTimeZone(zone)) {
      await step("zone", () => Promise.resolve(wallTime(new Date(), zone)));
    }
  } catch (error) {
    report.stopped = error instanceof Error ? error.message : String(error);
  }
  ctx.logger.debug("warm-up", { steps: report.steps.length, stopped: report.stopped });
  return report;
}
