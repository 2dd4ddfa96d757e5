/**
 * `.env` read the way Deno's `--env-file` reads it (checked against Deno
 * 2.9): `NAME=value` lines, an optional `export `, `#` comments (also right
 * after an unquoted value), single quotes literal, double quotes with `\n`
 * and spanning lines (one never closed taken as it is), `$NAME` / `${NAME}`
 * substituted outside single quotes, malformed lines skipped, and the first
 * assignment of a name winning.
 *
 * Used for the safety switches, which must see what `.env` says even when
 * the environment overrides it with an empty value.
 *
 * @module
 */

const ASSIGNMENT = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.]*)[ \t]*=[ \t]*(.*)$/;

/**
 * The values `.env` text sets, by name (first assignment wins). `env` supplies
 * variables for `$NAME` substitution that the file does not set.
 */
export function parseDotenv(
  text: string,
  env: (name: string) => string | undefined = () => undefined,
): Map<string, string> {
  const values = new Map<string, string>();
  const lookup = (name: string) => env(name) ?? values.get(name) ?? "";
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const match = ASSIGNMENT.exec(lines[i]);
    if (!match || lines[i].trimStart().startsWith("#")) continue;
    const [, name, rest] = match;
    let value: string;
    const quote = rest[0];
    const start = i;
    let body = quote === '"' || quote === "'" ? rest.slice(1) : undefined;
    let end = body === undefined ? -1 : closingQuote(body, quote);
    // A quoted value runs to its closing quote, on this line or a later one.
    while (body !== undefined && end < 0 && i + 1 < lines.length) {
      body += "\n" + lines[++i];
      end = closingQuote(body, quote);
    }
    if (body !== undefined && end >= 0) {
      body = body.slice(0, end);
      value = quote === "'" ? body : substitute(body.replaceAll("\\n", "\n"), lookup);
    } else {
      // Unquoted, or a quote never closed (then Deno takes the line as it is).
      i = start;
      value = substitute(rest.replace(/#.*$/, "").trim(), lookup);
    }
    if (!values.has(name)) values.set(name, value);
  }
  return values;
}

/** Index of the first `quote` in `text` not escaped by a backslash; -1 if none. */
function closingQuote(text: string, quote: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\\" && quote === '"') i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}

/** `$NAME` and `${NAME}` replaced (unknown: empty), `\$` kept as `$`, a lone trailing `$` dropped. */
function substitute(text: string, lookup: (name: string) => string): string {
  return text.replace(
    /\\\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)|\$$/g,
    (all, braced?: string, bare?: string) =>
      all === "\\$" ? "$" : braced ?? bare ? lookup((braced ?? bare)!) : "",
  );
}
