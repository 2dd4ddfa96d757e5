/**
 * Parsers for single configuration values, each reporting a problem phrased
 * for a person. Values are echoed in messages to help fix them, but only
 * through {@linkcode clipValue}, which removes the API key first.
 *
 * @module
 */

import { REDACTED, redactSecrets } from "../shared/redact.ts";
import type { ConfigProblem, ConfigVariable } from "./config.ts";

/** Hosts of Nulab's cloud service. */
const BACKLOG_HOST =
  /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.(?:backlog\.com|backlog\.jp|backlogtool\.com)$/;

/** The end of a "not set" message: where a variable goes. */
export const FIX_HINT = "set it in .env (copy .env.example) or in your MCP client's env block";

/** BACKLOG_BASE_URL (wins) or BACKLOG_DOMAIN → the base URL, or undefined with a problem. */
export function resolveBaseUrl(
  rawBase: string | undefined,
  rawDomain: string | undefined,
  problems: ConfigProblem[],
  notes: string[],
  clip: (text: string) => string,
): string | undefined {
  if (rawBase) {
    if (rawDomain) notes.push("BACKLOG_BASE_URL is set, so BACKLOG_DOMAIN is ignored.");
    let url: URL;
    try {
      url = new URL(rawBase);
    } catch {
      problems.push({
        variable: "BACKLOG_BASE_URL",
        message: `BACKLOG_BASE_URL "${
          clip(rawBase)
        }" is not a URL; use a full base such as https://backlog.example.com.`,
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
      message: `BACKLOG_DOMAIN "${
        clip(rawDomain)
      }" is not a Backlog host: it must look like your-space.backlog.com, your-space.backlog.jp or your-space.backlogtool.com (use BACKLOG_BASE_URL for other hosts).`,
    });
    return undefined;
  }
  return `https://${host}`;
}

/** A whole-number variable within bounds; unset → the fallback. */
export function positiveInt(
  name: ConfigVariable,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
  problems: ConfigProblem[],
  clip: (text: string) => string,
): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^[0-9]+$/.test(raw) || n < min || n > max) {
    problems.push({
      variable: name,
      message: `${name} must be a whole number from ${min} to ${max}, not "${clip(raw)}".`,
    });
    return fallback;
  }
  return n;
}

const TRUE_WORDS = ["true", "1", "yes", "on"];
const FALSE_WORDS = ["false", "0", "no", "off"];

/** A boolean variable; unset → false; unreadable → a problem and undefined. */
export function parseBoolean(
  name: ConfigVariable,
  raw: string | undefined,
  problems: ConfigProblem[],
  clip: (text: string) => string,
): boolean | undefined {
  if (raw === undefined) return false;
  const word = raw.toLowerCase();
  if (TRUE_WORDS.includes(word)) return true;
  if (FALSE_WORDS.includes(word)) return false;
  problems.push({
    variable: name,
    message: `${name} must be true or false (also 1/0, yes/no, on/off), not "${clip(raw)}".`,
  });
  return undefined;
}

/** A Backlog project key: upper-case letter, then upper-case letters, digits or `_`. */
export const PROJECT_KEY = /^[A-Z][A-Z0-9_]*$/;

/** `BACKLOG_PROJECTS`: comma- or space-separated project keys, upper-cased and deduplicated. */
export function parseProjectKeys(
  raw: string | undefined,
  problems: ConfigProblem[],
  clip: (text: string) => string,
): readonly string[] | undefined {
  if (raw === undefined) return undefined;
  const keys = [...new Set(raw.split(/[\s,]+/).filter(Boolean).map((k) => k.toUpperCase()))];
  const bad = keys.filter((k) => !PROJECT_KEY.test(k) || k.length > 50);
  if (bad.length > 0 || keys.length === 0) {
    problems.push({
      variable: "BACKLOG_PROJECTS",
      message:
        `BACKLOG_PROJECTS must be a comma-separated list of project keys such as PROJ,DEMO (a letter, then letters, digits or _)${
          bad.length ? `; not a project key: ${bad.map((k) => `"${clip(k)}"`).join(", ")}` : ""
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

/** A user-supplied value for a message: the key removed first (case-insensitively), then cut short. */
export function clipValue(text: string, apiKey: string | undefined, max = 60): string {
  let safe = text;
  if (apiKey && apiKey.length >= 4) {
    const escaped = apiKey.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    safe = safe.replace(new RegExp(escaped, "gi"), REDACTED);
    safe = safe.split(encodeURIComponent(apiKey)).join(REDACTED);
  }
  safe = redactSecrets(safe, []); // any apiKey= parameter, whatever its value
  return safe.length > max ? safe.slice(0, max) + "…" : safe;
}
