import { assertEquals } from "../../tests/assert.ts";
import { parseDotenv } from "./dotenv.ts";

/** Lines meant to trip a parser: quotes, comments, escapes, substitution, repeats, junk. */
const TRICKY = `\uFEFF# a byte-order mark, then a comment
A1=plain
A2 = spaced
export A3=exported
  A4=indented
A5="double # not a comment"
A6='single $A1 kept'
A7=unquoted # a comment
A8=unquoted#also a comment
A9="multi
line"
A10="escaped\\nnewline"
A11=$A1-substituted
A12=\${A1}braced
A13=
A14='a' trailing
A15=x"y"
not a line at all
A16=after a bad line
A17="q" # comment after quotes
A18=a b c
A19="a\\"b"
A20=a\\nb
A21=first
A21=second
A22='multi
line single'
A23=\\$A1
A24=end$
BACKLOG_READ_ONLY=true
BACKLOG_PROJECTS="DEMO, PROJ"
A26="unterminated
A27=swallowed
`;

Deno.test("parseDotenv reads .env exactly as Deno's --env-file does", async () => {
  const dir = await Deno.makeTempDir({ prefix: "backlog-mcp-dotenv-" });
  try {
    await Deno.writeTextFile(`${dir}/.env`, TRICKY);
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["eval", "console.log(JSON.stringify(Deno.env.toObject()))"],
      cwd: dir,
      clearEnv: true,
      env: { NO_COLOR: "1" },
      stdout: "piped",
    }).output();
    const real: Record<string, string> = JSON.parse(new TextDecoder().decode(output.stdout));
    // What Deno adds of its own (without --env-file), then what --env-file adds.
    const run = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--allow-env",
        "--env-file=.env",
        "data:text/javascript,console.log(JSON.stringify(Deno.env.toObject()))",
      ],
      cwd: dir,
      clearEnv: true,
      env: { NO_COLOR: "1" },
      stdout: "piped",
    }).output();
    const loaded: Record<string, string> = JSON.parse(new TextDecoder().decode(run.stdout));
    const fromFile = Object.fromEntries(
      Object.entries(loaded).filter(([name]) =>
        !(name in real) && name !== "DENO_NODE_SHIM_ACTIVE"
      ),
    );
    const mine = Object.fromEntries(parseDotenv(TRICKY));
    const sorted = (o: Record<string, string>) =>
      Object.entries(o).sort(([a], [b]) => a < b ? -1 : 1);
    for (const name of new Set([...Object.keys(mine), ...Object.keys(fromFile)])) {
      assertEquals(mine[name], fromFile[name], name);
    }
    assertEquals(sorted(mine).length, sorted(fromFile).length);
    assertEquals(mine.BACKLOG_READ_ONLY, "true");
    assertEquals(mine.BACKLOG_PROJECTS, "DEMO, PROJ");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("parseDotenv substitutes from the environment it is given", () => {
  const values = parseDotenv(
    "A=$HOME/x\nB=${UNSET}y\n",
    (name) => name === "HOME" ? "/h" : undefined,
  );
  assertEquals(Object.fromEntries(values), { A: "/h/x", B: "y" });
});
