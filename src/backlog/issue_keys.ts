/**
 * Issue keys and issue addresses as Backlog forms them: `PROJ-12` is issue 12
 * of project PROJ (a project key holds letters, digits and underscores, so
 * the last hyphen splits the two), shown at `{space}/view/PROJ-12`, its
 * comment 5 at `…/view/PROJ-12#comment-5`.
 *
 * @module
 */

/** `PROJ_2-5` → `PROJ_2`; "" for a text without a hyphen. */
export function projectKeyOf(issueKey: string): string {
  const at = issueKey.lastIndexOf("-");
  return at < 0 ? "" : issueKey.slice(0, at);
}

/** The issue's page in the space at `baseUrl`. */
export function issueUrl(baseUrl: string, issueKey: string): string {
  return `${baseUrl}/view/${issueKey}`;
}

/** The issue key in a pasted issue page address (`…/view/PROJ-12#comment-5` → `PROJ-12`), if any. */
export function issueKeyInUrl(text: string): string | undefined {
  return /\/view\/([A-Za-z][A-Za-z0-9_]*-\d+)/.exec(text)?.[1];
}

/** A comment's place on its issue's page (`issuePage`, from {@linkcode issueUrl}). */
export function commentUrl(issuePage: string, commentId: number): string {
  return `${issuePage}#comment-${commentId}`;
}

/** A project's page (where a new issue whose key could not be read is found). */
export function projectUrl(baseUrl: string, projectKey: string): string {
  return `${baseUrl}/projects/${projectKey}`;
}
