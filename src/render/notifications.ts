/**
 * Notifications (get_notifications): grouped by what they are about (an
 * issue, a pull request, a document, a project), each with its id, read
 * state, time in the timezone, who and why in words, and a one-line snippet.
 * Every user-written string goes through {@linkcode safeLine}.
 *
 * @module
 */

import { z } from "zod";
import type { Notification } from "../backlog/types.ts";
import { summarizeChanges, toChanges } from "./changelog.ts";
import { safeLine } from "./sanitize.ts";
import { oneLine, summaryLine } from "./text.ts";
import { formatTimestamp } from "./time.ts";

/** Snippets are cut to this many characters. */
const SNIPPET_MAX = 100;

/** Backlog's reason codes (backlog-api.md §12.5) in words, as "<sender> <words>". */
const REASONS: Record<number, string> = {
  0: "notified you",
  1: "assigned you",
  2: "commented",
  3: "added the issue",
  4: "updated",
  5: "added a file",
  6: "added you to the project",
  9: "notified you",
  10: "assigned you the pull request",
  11: "commented on the pull request",
  12: "added the pull request",
  13: "updated the pull request",
  14: "commented on the document",
  15: "replied to a document comment",
  16: "added issues at once",
  17: "mentioned you in the document",
};

/** A reason code in words. */
export function reasonText(reason: number): string {
  return REASONS[reason] ?? `notified you (reason ${reason})`;
}

/** Structured form of one notification. */
export const notificationSchema = z.object({
  id: z.number(),
  unread: z.boolean(),
  reason: z.string(),
  from: z.string().optional(),
  time: z.string().optional().describe("ISO, in the timezone"),
  snippet: z.string().optional(),
  mentions_you: z.literal(true).optional().describe("the text @mentions you"),
});

/** Structured form of a group of notifications about one thing. */
export const notificationGroupSchema = z.object({
  about: z.string().describe("issue key, or e.g. 'PROJ pull request #41'"),
  title: z.string(),
  notifications: z.array(notificationSchema),
});

/** Structured form of one notification. */
export type NotificationView = z.infer<typeof notificationSchema>;
/** Structured form of a group. */
export type NotificationGroup = z.infer<typeof notificationGroupSchema>;

/** What the views need to know about "me": the login that `@login` mentions use. */
export interface Reader {
  login?: string | null;
}

function mentions(text: string, reader: Reader): boolean {
  if (!reader.login) return false;
  const login = reader.login.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^\\w@])@${login}(?![\\w-])`, "i").test(text);
}

/** What a notification is about, and its title. */
function subject(n: Notification): { about: string; title: string } {
  const project = n.project?.projectKey ?? "";
  if (n.issue) return { about: n.issue.issueKey, title: n.issue.summary };
  if (n.pullRequest) {
    return {
      about: `${project} pull request #${n.pullRequest.number ?? n.pullRequest.id}`,
      title: n.pullRequest.summary ?? "",
    };
  }
  if (n.document) return { about: `${project} document`, title: n.document.title ?? "" };
  return { about: project || "space", title: n.project?.name ?? "" };
}

function snippetOf(n: Notification): string {
  const text = n.comment?.content || n.pullRequestComment?.content ||
    n.documentCommentReply?.content || n.documentComment?.content || "";
  const changes = summarizeChanges(toChanges(n.comment?.changeLog));
  const parts = [changes, text].map((t) => safeLine(t)).filter(Boolean);
  if (parts.length === 0 && (n.reason === 10 || n.reason === 12 || n.reason === 13)) {
    parts.push(safeLine(n.pullRequest?.summary ?? ""));
  }
  return oneLine(parts.join(" — "), SNIPPET_MAX);
}

/** Maps one API notification to its view. */
export function notificationView(n: Notification, tz: string, reader: Reader): NotificationView {
  const text = n.comment?.content ?? n.pullRequestComment?.content ??
    n.documentComment?.content ?? n.documentCommentReply?.content ?? "";
  // Absent values are left out (the JSON is read by a model, like the text).
  const view: NotificationView = { id: n.id, unread: !n.alreadyRead, reason: reasonText(n.reason) };
  if (n.sender) view.from = safeLine(n.sender.name);
  const time = formatTimestamp(n.created, tz)?.iso;
  if (time) view.time = time;
  const snippet = snippetOf(n);
  if (snippet) view.snippet = snippet;
  // Reason 17 says "mentioned you" itself; any other one says it here.
  if (n.reason !== 17 && mentions(text, reader)) view.mentions_you = true;
  return view;
}

/** Groups notifications by subject, keeping the order in which subjects first appear. */
export function groupNotifications(
  list: readonly Notification[],
  tz: string,
  reader: Reader,
): NotificationGroup[] {
  const groups = new Map<string, NotificationGroup>();
  for (const n of list) {
    const { about, title } = subject(n);
    const key = safeLine(about);
    const group = groups.get(key) ??
      { about: key, title: summaryLine(title), notifications: [] };
    groups.set(key, group);
    group.notifications.push(notificationView(n, tz, reader));
  }
  return [...groups.values()];
}

/** Structured form of get_notifications' answer: everything its text shows. */
export const notificationPageSchema = z.object({
  /** Unread notifications in all (within BACKLOG_PROJECTS when set); null when unknown. */
  unread_total: z.number().nullable(),
  shown: z.number(),
  groups: z.array(notificationGroupSchema),
  next_before_id: z.number().nullable(),
  timezone: z.string(),
  notes: z.array(z.string()),
});

/** Structured form of get_notifications' answer. */
export type NotificationPage = z.infer<typeof notificationPageSchema>;

/** What the notes under a page of notifications say. */
export interface NotificationFacts {
  /** BACKLOG_PROJECTS narrows what is shown. */
  restricted: boolean;
  /** More unread notifications were found than the limit let through. */
  moreUnread: boolean;
}

/** The notes under a page of notifications. */
export function notificationNotes(facts: NotificationFacts): string[] {
  const notes: string[] = [];
  if (facts.restricted) {
    notes.push("only notifications from the projects in BACKLOG_PROJECTS are shown.");
  }
  if (facts.moreUnread) {
    notes.push("more unread notifications than shown: raise limit to see them.");
  }
  return notes;
}

/** Renders the page: a header with the counts, a block per subject, a line per notification. */
export function renderNotificationsText(page: NotificationPage): string {
  const unreadShown = page.groups.flatMap((g) => g.notifications).filter((n) => n.unread).length;
  const total = page.unread_total === null ? "" : `${page.unread_total} unread; `;
  const which = unreadShown === page.shown
    ? "all unread"
    : unreadShown === 0
    ? "none unread"
    : `${unreadShown} unread first, then ${page.shown - unreadShown} read`;
  const lines = [
    page.shown === 0
      ? `${total}no notifications to show.`
      : `${total}showing ${page.shown} (${which}), grouped, times in ${page.timezone}:`,
  ];
  for (const group of page.groups) {
    lines.push(group.title ? `${group.about} ${group.title}` : group.about);
    for (const n of group.notifications) {
      const time = n.time ? formatTimestamp(n.time, page.timezone)!.text : "";
      const why = `${n.from ?? "someone"} ${n.reason}${n.mentions_you ? " (mentions you)" : ""}`;
      const snippet = n.snippet ? `: "${n.snippet}"` : "";
      lines.push(`  #${n.id} ${n.unread ? "unread" : "read"} ${time} ${why}${snippet}`);
    }
  }
  if (page.next_before_id !== null) lines.push(`Older: before_id=${page.next_before_id}.`);
  for (const note of page.notes) lines.push(`Note: ${note}`);
  return lines.join("\n");
}

/** Structured form of mark_notifications_read's answer. */
export const notificationsMarkedSchema = z.object({
  marked: z.array(z.number()),
  already_read: z.array(z.number()),
  failed: z.array(z.number()),
  error: z.string().nullable(),
  unread_total: z.number().nullable(),
});

/** Structured form of mark_notifications_read's answer. */
export type NotificationsMarked = z.infer<typeof notificationsMarkedSchema>;

/** Renders what was marked read, what already was, what failed (to retry) and the unread count. */
export function renderMarkedText(m: NotificationsMarked): string {
  const list = (ids: number[]) => ids.map((id) => `#${id}`).join(", ");
  const lines = [
    m.marked.length
      ? `Marked ${m.marked.length} notification${m.marked.length === 1 ? "" : "s"} read: ${
        list(m.marked)
      }.`
      : "Nothing needed marking.",
  ];
  if (m.already_read.length) lines.push(`Already read: ${list(m.already_read)}.`);
  if (m.error !== null) {
    lines.push(`Not marked (${m.error}): ${list(m.failed)}. Retry with these ids.`);
  }
  if (m.unread_total !== null) lines.push(`Unread now: ${m.unread_total}.`);
  return lines.join("\n");
}
