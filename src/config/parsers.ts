/**
 * Parsers for single configuration values, each reporting a problem phrased
 * for a person. A value that is not what its variable expects may be a secret
 * pasted into the wrong place (the API key in BACKLOG_DOMAIN), so messages
 * show it only through {@linkcode describeValue}: its length and at most its
 * first four characters.
 *
 * @module
 */

import type { ConfigVariable } from "../shared/config_variables.ts";
import type { ConfigProblem } from "./types.ts";

/** Hosts of Nulab's cloud service. */
const BACKLOG_HOST =
  /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.(?:backlog\.com|backlog\.jp|backlogtool\.com)$/;

/** The end of a "not set" message: where a variable goes. */
export const FIX_HINT = "set it in .env (copy .env.example) or in your MCP client's env block";

/** A variable as read: its name and its value (undefined when unset). */
export interface RawVariable {
  name: ConfigVariable;
  raw: string | undefined;
}

/** BACKLOG_BASE_URL (wins) or BACKLOG_DOMAIN → the base URL, or undefined with a problem. */
export function resolveBaseUrl(
  raw: { base: string | undefined; domain: string | undefined },
  found: { problems: ConfigProblem[]; notes: string[] },
): string | undefined {
  const { base: rawBase, domain: rawDomain } = raw;
  const { problems, notes } = found;
  if (rawBase) {
    if (rawDomain) notes.push("BACKLOG_BASE_URL is set, so BACKLOG_DOMAIN is ignored.");
    let url: URL;
    try {
      url = new URL(rawBase);
    } catch {
      problems.push({
        variable: "BACKLOG_BASE_URL",
        message: `BACKLOG_BASE_URL ${
          describeValue(rawBase)
        } is not a URL; use a full base such as https://backlog.example.com.`,
      });
      return undefined;
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      problems.push({
        variable: "BACKLOG_BASE_URL",
        message: `BACKLOG_BASE_URL must start with https:// (got ${url.protocol}).`,
      });
      return undefined;
    }
    if (url.protocol === "http:" && !isLoopback(url.hostname)) {
      problems.push({
        variable: "BACKLOG_BASE_URL",
        message:
          `BACKLOG_BASE_URL uses http:// for ${url.hostname}, which would send the API key in clear; use https:// (http is allowed only for 127.0.0.1, localhost or ::1).`,
      });
      return undefined;
    }
    if (url.search || url.hash || url.username || url.password) {
      problems.push({
        variable: "BACKLOG_BASE_URL",
        message:
          "BACKLOG_BASE_URL must be a plain base URL without credentials, query or fragment.",
      });
      return undefined;
    }
    const path = url.pathname.replace(/\/+$/, "").replace(/\/api\/v2$/, "");
    return `${url.protocol}//${url.host}${path}`;
  }

  if (!rawDomain) {
    problems.push({
      variable: "BACKLOG_DOMAIN",
      message:
        `BACKLOG_DOMAIN is not set: use your space's host, such as your-space.backlog.com, and ${FIX_HINT} (or set BACKLOG_BASE_URL for an on-premises install).`,
    });
    return undefined;
  }
  // Accept a pasted URL ("https://space.backlog.com/dashboard") and keep the host.
  const host = rawDomain.replace(/^[a-z]+:\/\//i, "").replace(/[/?#].*$/, "").toLowerCase();
  if (!BACKLOG_HOST.test(host)) {
    problems.push({
      variable: "BACKLOG_DOMAIN",
      message: `BACKLOG_DOMAIN ${
        describeValue(rawDomain)
      } is not a Backlog host: it must look like your-space.backlog.com, your-space.backlog.jp or your-space.backlogtool.com (use BACKLOG_BASE_URL for other hosts).`,
    });
    return undefined;
  }
  return `https://${host}`;
}

/** The bounds and default of a whole-number variable. */
export interface IntRule {
  fallback: number;
  min: number;
  max: number;
}

/** A whole-number variable within bounds; unset → the fallback. */
export function positiveInt(
  { name, raw }: RawVariable,
  rule: IntRule,
  problems: ConfigProblem[],
): number {
  const { fallback, min, max } = rule;
  if (raw === undefined) return fallback;
  const n = Number(raw.replaceAll("_", ""));
  if (!/^[0-9][0-9_]*$/.test(raw) || n < min || n > max) {
    problems.push({
      variable: name,
      message: `${name} must be a whole number from ${min} to ${max}, not ${describeValue(raw)}.`,
    });
    return fallback;
  }
  return n;
}

const TRUE_WORDS = ["true", "1", "yes", "on"];
const FALSE_WORDS = ["false", "0", "no", "off"];

/**
 * A boolean variable; unset → false; unreadable → a problem and undefined.
 * `where` names the source in the message (" in .env").
 */
export function parseBoolean(
  { name, raw }: RawVariable,
  problems: ConfigProblem[],
  where = "",
): boolean | undefined {
  if (raw === undefined) return false;
  const word = raw.toLowerCase();
  if (TRUE_WORDS.includes(word)) return true;
  if (FALSE_WORDS.includes(word)) return false;
  problems.push({
    variable: name,
    message: `${name}${where} must be true or false (also 1/0, yes/no, on/off), not ${
      describeValue(raw)
    }.`,
  });
  return undefined;
}

/** A Backlog project key: upper-case letter, then upper-case letters, digits or `_`. */
export const PROJECT_KEY = /^[A-Z][A-Z0-9_]*$/;

/**
 * `BACKLOG_PROJECTS`: comma- or space-separated project keys, upper-cased and
 * deduplicated. `where` names the source in the message (" in .env").
 */
export function parseProjectKeys(
  raw: string | undefined,
  problems: ConfigProblem[],
  where = "",
): readonly string[] | undefined {
  if (raw === undefined) return undefined;
  const keys = [...new Set(raw.split(/[\s,]+/).filter(Boolean).map((k) => k.toUpperCase()))];
  const bad = keys.filter((k) => !PROJECT_KEY.test(k) || k.length > 50);
  if (bad.length > 0 || keys.length === 0) {
    problems.push({
      variable: "BACKLOG_PROJECTS",
      message:
        `BACKLOG_PROJECTS${where} must be a comma-separated list of project keys such as PROJ,DEMO (a letter, then letters, digits or _)${
          bad.length ? `; not a project key: ${bad.map(describeValue).join(", ")}` : ""
        }. Leave it empty to allow every project.`,
    });
    return undefined;
  }
  return keys;
}

/** True for 127.0.0.0/8, localhost and ::1. */
export function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * A value that is not what its variable expects, as messages show it: at most
 * its first four characters (control and invisible ones as `?`) and its
 * length, e.g. `"Asia…" (10 characters)`. It may be a secret pasted into the
 * wrong variable, so no more of it is ever shown.
 */
export function describeValue(raw: string): string {
  const chars = [...raw];
  const head = chars.slice(0, 4).join("").replace(/[^\p{L}\p{N}\p{P}\p{S} ]/gu, "?");
  const more = chars.length > 4 ? "…" : "";
  return `"${head}${more}" (${chars.length} character${chars.length === 1 ? "" : "s"})`;
}
