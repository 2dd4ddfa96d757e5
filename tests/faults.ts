/**
 * What the fault tests (`faults*_test.ts`) share: the issue a fault is aimed
 * at, the status each fault kind answers with, and the key check.
 *
 * @module
 */

import { assertNotIncludes } from "./assert.ts";
import { type Session, TEST_API_KEY } from "./harness.ts";
import type { FaultKind, Sandbox } from "../src/tooling/sandbox/server.ts";
import { SEED } from "../src/tooling/sandbox/seed.ts";

const ISSUE = SEED.issues.noComments;
export const ISSUE_PATH = `/api/v2/issues/${ISSUE}`;
/** A call that makes exactly one request, to ISSUE_PATH. */
export const DETAILS = { issue_key: ISSUE, include_comments: false };

/** The status each fault kind answers with (0: the connection was dropped). */
export const STATUS: Partial<Record<FaultKind, number>> = {
  "500": 500,
  "502": 502,
  "503": 503,
  html: 502,
  drop: 0,
};

/** The statuses the stand-in answered requests to `path` with, in order. */
export const statusesOf = (sandbox: Sandbox, path = ISSUE_PATH): number[] =>
  sandbox.requests.filter((r) => r.path === path).map((r) => r.status);

/** Fails if the key shows in the session's log lines or in `texts`. */
export function assertNoKey(session: Session, texts: string[]): void {
  for (const text of [...texts, ...session.logs]) {
    assertNotIncludes(text, TEST_API_KEY, "the API key leaked");
    assertNotIncludes(text, encodeURIComponent(TEST_API_KEY), "the API key leaked");
  }
}
