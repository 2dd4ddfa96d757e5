/**
 * get_attachment through the whole pipeline: images as image content (their
 * bytes intact), text clipped and made safe, other files described, the size
 * cap, shared files, names and ids, and BACKLOG_PROJECTS.
 */

import { assert, assertEquals, assertStringIncludes } from "./assert.ts";
import { textOf, withSession } from "./harness.ts";
import { SEED } from "../src/tooling/sandbox/seed.ts";
import { generatedBytes } from "../src/tooling/sandbox/file_bytes.ts";

const KEY = SEED.attention.attachments;

type Content = { type: string; text?: string; data?: string; mimeType?: string };
const decode = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

Deno.test("attachments: images as image content, typed by their bytes", async () => {
  await withSession(async (session, sandbox) => {
    const issue = sandbox.state.issues.find((i) => i.issueKey === KEY)!;
    for (
      const [name, type] of [["diagram.png", "image/png"], ["photo.jpg", "image/png"], [
        "spinner.gif",
        "image/gif",
      ]]
    ) {
      const result = await session.call("get_attachment", { issue_key: KEY, file: name });
      assert(!result.isError, textOf(result));
      const [text, image] = result.content as Content[];
      assertEquals([text.type, image.type, image.mimeType], ["text", "image", type], name);
      const id = issue.attachments.find((a) => a.name === name)!.id;
      assertEquals(decode(image.data!), sandbox.state.attention.contents[`attachment:${id}`], name);
      assertStringIncludes(text.text!, `Attachment ${name} (id ${id})`);
      assertStringIncludes(text.text!, "added by Hanako Suzuki");
    }
    // By id, and case-insensitively by name.
    const id = issue.attachments[0].id;
    const byId = await session.call("get_attachment", { issue_key: KEY, file: id });
    const byName = await session.call("get_attachment", { issue_key: KEY, file: "DIAGRAM.PNG" });
    assertEquals(byId.content, byName.content);
  });
});

Deno.test("attachments: UTF-8 text shown and clipped; other files and non-UTF-8 text described", async () => {
  await withSession(async (session, sandbox) => {
    const csv = await session.call("get_attachment", { issue_key: KEY, file: "orders.csv" });
    assertStringIncludes(textOf(csv), "text/csv");
    assertStringIncludes(textOf(csv), "id,customer,total\n8812,ACME,1200");
    const ja = await session.call("get_attachment", { issue_key: KEY, file: "議事録.txt" });
    assertStringIncludes(textOf(ja), "リリースは来週火曜日");
    for (
      const [file, reason] of [
        ["legacy-sjis.txt", "its content is not UTF-8 text"],
        ["bundle.zip", "not an image or a text file"],
      ]
    ) {
      const r = await session.call("get_attachment", { issue_key: KEY, file });
      assertEquals((r.content as Content[]).map((c) => c.type), ["text"]);
      assertStringIncludes(textOf(r), `Not shown: ${reason}`);
      assertStringIncludes(textOf(r), `/view/${KEY}`);
      assertEquals((r.structuredContent as { shown: string }).shown, "description");
    }
    // A 1.8 MB log: only its beginning is downloaded and shown, with what was cut.
    const big = sandbox.state.issues.find((i) =>
      i.attachments.some((a) => a.name === "server.log" && a.size > 1_000_000)
    )!;
    sandbox.clearRequests();
    const log = await session.call("get_attachment", {
      issue_key: big.issueKey,
      file: "server.log",
    });
    const text = textOf(log);
    assert(text.length < 25_000, String(text.length));
    assertStringIncludes(text, "more characters not shown]");
    const expected = new TextDecoder().decode(generatedBytes("server.log", 200));
    assertStringIncludes(text, expected.slice(0, 120));
    assertEquals(sandbox.requests.filter((q) => q.path.includes("/attachments/")).length, 1);
  });
});

Deno.test("attachments: the size cap (BACKLOG_FILE_MAX_BYTES), also when the listed size is wrong", async () => {
  await withSession(async (session, sandbox) => {
    // Listed as small, but 50 KB of bytes arrive: the download stops at the cap.
    const issue = sandbox.state.issues.find((i) => i.issueKey === KEY)!;
    const diagram = issue.attachments.find((a) => a.name === "diagram.png")!;
    sandbox.state.attention.contents[`attachment:${diagram.id}`] = generatedBytes("x.png", 50_000);
    const cut = await session.call("get_attachment", { issue_key: KEY, file: "diagram.png" });
    assertStringIncludes(textOf(cut), "it is more than the 10.0 KB limit");
    assertEquals((cut.content as Content[]).map((c) => c.type), ["text"]);
    sandbox.clearRequests();
    const r = await session.call("get_attachment", { issue_key: "DEMO-1", file: "screenshot.png" });
    assertStringIncludes(
      textOf(r),
      "47.1 KB is more than the 10.0 KB limit (BACKLOG_FILE_MAX_BYTES)",
    );
    assertEquals(
      sandbox.requests.filter((q) => q.path.includes("/attachments/")),
      [],
      "not downloaded",
    );
  }, { env: { BACKLOG_FILE_MAX_BYTES: "10240" } });
});

Deno.test("attachments: shared files linked to an issue, by name or path; unknown names list the files", async () => {
  await withSession(async (session) => {
    const png = await session.call("get_attachment", {
      issue_key: "DEMO-1",
      file: "login-wireframe.png",
    });
    assertEquals((png.content as Content[])[1].mimeType, "image/png");
    assertStringIncludes(textOf(png), "Shared file /design/login-wireframe.png (id 9301)");
    const md = await session.call("get_attachment", {
      issue_key: "DEMO-1",
      file: "/notes/safari-login.md",
    });
    assertStringIncludes(textOf(md), "- CSP blocks the inline handler");
    const pdf = await session.call("get_attachment", { issue_key: "DEMO-1", file: 9303 });
    assertStringIncludes(textOf(pdf), "177.8 KB, application/pdf, added by John Smith");
    const none = await session.call("get_attachment", { issue_key: "DEMO-1", file: "nope.png" });
    assertEquals(none.isError, true);
    assertStringIncludes(
      textOf(none),
      'no file named "nope.png" on DEMO-1. Valid file names: screenshot.png (id 88001), safari-console.log (id 88002), /design/login-wireframe.png (shared file id 9301)',
    );
    const empty = await session.call("get_attachment", { issue_key: "DEMO-3", file: "x" });
    assertStringIncludes(textOf(empty), "DEMO-3 has no attachments or linked shared files.");
  });
});
