/**
 * The toolchain half of `mise run doctor`: which Deno mise.toml pins, and
 * whether the `deno` on PATH is the native binary or npm's Node wrapper.
 *
 * @module
 */

/** The Deno version pinned in mise.toml (`"npm:deno" = "x"` or `{ version = "x" }`), if any. */
export function pinnedDenoVersion(miseToml: string): string | undefined {
  const match = /^\s*"?npm:deno"?\s*=\s*(?:"([^"]+)"|\{[^}\n]*?\bversion\s*=\s*"([^"]+)")/m.exec(
    miseToml,
  );
  return match?.[1] ?? match?.[2];
}

/** What was found for `deno` on PATH. */
export type DenoOnPath =
  | { kind: "missing" }
  /** An executable binary (ELF, Mach-O or PE). */
  | { kind: "native"; path: string }
  /** npm's launcher (`bin.cjs` or a `.cmd`/shell shim): a Node script that starts the binary. */
  | { kind: "node-wrapper"; path: string; target: string };

/** File system access, injectable for tests. */
export interface PathFs {
  realPath(path: string): string;
  /** The first bytes of a file, or undefined when it is not a readable file. */
  head(path: string, bytes: number): Uint8Array | undefined;
}

/** The real file system (needs read permission for the PATH directories). */
export const denoFs: PathFs = {
  realPath: (path) => Deno.realPathSync(path),
  head(path, bytes) {
    let file: Deno.FsFile | undefined;
    try {
      if (!Deno.statSync(path).isFile) return undefined;
      file = Deno.openSync(path, { read: true });
      const buffer = new Uint8Array(bytes);
      const n = file.readSync(buffer) ?? 0;
      return buffer.subarray(0, n);
    } catch {
      return undefined;
    } finally {
      file?.close();
    }
  },
};

/**
 * Finds the first `deno` on `pathVariable` and tells the native binary from
 * npm's Node wrapper. mise installs npm tools with scripts disabled unless told
 * otherwise (mise.toml allows deno's postinstall); without it, `deno` is
 * `bin.cjs`, which is slower per launch and breaks `--env-file` under Node 20.
 */
export function locateDeno(
  pathVariable: string,
  options: { fs?: PathFs; windows?: boolean } = {},
): DenoOnPath {
  const fs = options.fs ?? denoFs;
  const windows = options.windows ?? Deno.build.os === "windows";
  const separator = windows ? ";" : ":";
  const names = windows ? ["deno.exe", "deno.cmd", "deno"] : ["deno"];
  for (const dir of pathVariable.split(separator)) {
    if (!dir) continue;
    for (const name of names) {
      const candidate = `${dir.replace(/[\\/]+$/, "")}${windows ? "\\" : "/"}${name}`;
      const head = fs.head(candidate, 4);
      if (!head) continue;
      let target = candidate;
      try {
        target = fs.realPath(candidate);
      } catch { /* keep the candidate */ }
      if (isBinary(head) && !/\.(?:c?js|cmd)$/i.test(target)) {
        return { kind: "native", path: candidate };
      }
      return { kind: "node-wrapper", path: candidate, target };
    }
  }
  return { kind: "missing" };
}

/** ELF, Mach-O (both byte orders, fat) or PE magic. */
function isBinary(head: Uint8Array): boolean {
  const hex = [...head.subarray(0, 4)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return hex === "7f454c46" || // ELF
    ["feedface", "feedfacf", "cefaedfe", "cffaedfe", "cafebabe"].includes(hex) || // Mach-O
    hex.startsWith("4d5a"); // MZ (PE)
}
