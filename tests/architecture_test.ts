/**
 * The module graph, as Deno sees it (`deno info --json`): no cycle, and every
 * import — types included — points down the layers, so each layer can be read
 * and tested without the ones above it (the name matchers without the MCP SDK,
 * the Backlog client without the tools).
 */

import { assert, assertEquals } from "./assert.ts";
import { ROOT } from "./harness.ts";

/** The layers from the bottom; a module may import its own layer and those below. */
const LAYERS: [rank: number, pattern: RegExp][] = [
  [0, /^src\/shared\//],
  [1, /^src\/log\.ts$/],
  [2, /^src\/backlog\//],
  [3, /^src\/config\//],
  [4, /^src\/render\//],
  [5, /^src\/resolve\//],
  [6, /^src\/tools\//],
  [7, /^src\/(server\/|prompts\.ts|stdio(_lines)?\.ts|server_libraries\.ts|warmup\.ts)/],
  [8, /^src\/session\.ts$/],
  [9, /^src\/(server|head_start)\.ts$/],
  [10, /^src\/serve_stdio\.ts$/],
  [11, /^src\/(main|fast_start)\.ts$/],
  [12, /^mod\.ts$/],
  [-1, /^deno\.json$/], // read for the version: data, not code
];

const rankOf = (path: string): number => {
  const layer = LAYERS.find(([, pattern]) => pattern.test(path));
  if (!layer) throw new Error(`${path}: in no layer (add it to LAYERS)`);
  return layer[0];
};

interface Edge {
  from: string;
  to: string;
  kind: "code" | "type";
}

/** The repository's modules reachable from `entry`, and the imports between them. */
async function graph(entry: string): Promise<{ modules: string[]; edges: Edge[]; npm: Edge[] }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", entry],
    cwd: ROOT,
    stdout: "piped",
  }).output();
  assert(out.success, `deno info ${entry}`);
  const info = JSON.parse(new TextDecoder().decode(out.stdout));
  const local = (s: string) => s.startsWith(`file://${ROOT}`) ? s.slice(7 + ROOT.length) : null;
  const modules: string[] = [];
  const edges: Edge[] = [];
  const npm: Edge[] = [];
  type Dependency = { code?: { specifier: string }; type?: { specifier: string } };
  for (const m of info.modules as { specifier: string; dependencies?: Dependency[] }[]) {
    const from = local(m.specifier);
    if (!from) continue;
    modules.push(from);
    for (const d of m.dependencies ?? []) {
      for (const kind of ["code", "type"] as const) {
        const target = d[kind]?.specifier;
        if (!target) continue;
        const to = local(target);
        if (to) edges.push({ from, to, kind });
        else npm.push({ from, to: target, kind });
      }
    }
  }
  return { modules, edges, npm };
}

/** Every cycle's modules (strongly connected components of more than one module, or a self-import). */
function cycles(modules: string[], edges: Edge[]): string[][] {
  const next = new Map(modules.map((m) => [m, [] as string[]]));
  for (const e of edges) next.get(e.from)?.push(e.to);
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (v: string) => {
    order.set(v, index);
    low.set(v, index++);
    stack.push(v);
    for (const w of next.get(v) ?? []) {
      if (!order.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!));
    }
    if (low.get(v) === order.get(v)) {
      const component: string[] = [];
      let w: string;
      do component.push(w = stack.pop()!); while (w !== v);
      if (component.length > 1 || next.get(v)!.includes(v)) found.push(component.sort());
    }
  };
  for (const m of modules) if (!order.has(m)) visit(m);
  return found;
}

const server = await graph("mod.ts");
const fastStart = await graph("src/fast_start.ts");

Deno.test("architecture: the server's module graph has no cycle", () => {
  assert(server.modules.length > 50, "the whole server is in the graph");
  assertEquals(cycles(server.modules, server.edges), []);
  assertEquals(cycles(fastStart.modules, fastStart.edges), []);
});

Deno.test("architecture: every import, types included, points down the layers", () => {
  const upward = server.edges.filter((e) => rankOf(e.to) > rankOf(e.from))
    .map((e) => `${e.from} → ${e.to} (${e.kind})`);
  assertEquals(upward, []);
});

/** The modules `entry` loads when it runs: its imports' closure, type-only imports left out. */
function loaded(entry: string, g: { edges: Edge[] }): Set<string> {
  const seen = new Set([entry]);
  for (const m of seen) {
    for (const e of g.edges) if (e.from === m && e.kind === "code") seen.add(e.to);
  }
  return seen;
}

Deno.test("architecture: below the tools nothing loads the MCP SDK; the fast start loads neither it nor zod", () => {
  const sdk = (e: Edge) => e.kind === "code" && e.to.includes("@modelcontextprotocol/sdk");
  const low = server.npm.filter((e) => sdk(e) && rankOf(e.from) <= rankOf("src/resolve/x.ts"));
  assertEquals(low.map((e) => `${e.from} → ${e.to}`), []);
  const running = loaded("src/fast_start.ts", fastStart);
  assert(running.has("src/backlog/client.ts"), "the fast start opens the Backlog session");
  const heavy = fastStart.npm.filter((e) => e.kind === "code" && running.has(e.from));
  assertEquals(heavy.map((e) => `${e.from} → ${e.to}`), []);
});
