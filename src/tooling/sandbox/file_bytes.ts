/**
 * File contents for downloads (backlog-api.md §12.7, §12.8): the media type Backlog derives
 * from the file name, the `Content-Disposition` it always sends, and
 * deterministic bytes of the recorded size for files the seed did not give
 * content to (a real PNG padded with an ancillary chunk, log lines, CSV rows,
 * PDF-looking or random bytes).
 *
 * @module
 */

const TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  txt: "text/plain",
  log: "text/plain",
  md: "text/markdown",
  csv: "text/csv",
  json: "application/json",
  xml: "application/xml",
  pdf: "application/pdf",
  zip: "application/zip",
};

/** The media type for a file name (by extension), as Backlog's measured behaviour suggests. */
export function mediaTypeOf(name: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? "";
  return TYPES[ext] ?? "application/octet-stream";
}

/** `attachment; filename*=UTF-8''<pct-encoded>`, for every name (backlog-api.md §12.7). */
export function contentDisposition(name: string): string {
  const encoded = encodeURIComponent(name).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename*=UTF-8''${encoded}`;
}

/** A download response for `name` with `bytes`. */
export function fileResponse(name: string, bytes: Uint8Array): Response {
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: {
      "content-type": mediaTypeOf(name),
      "content-disposition": contentDisposition(name),
      "content-length": String(bytes.length),
    },
  });
}

const encoder = new TextEncoder();

/** Deterministic bytes of exactly `size` (a PNG needs at least {@linkcode PNG_MIN_SIZE}). */
export function generatedBytes(name: string, size: number): Uint8Array {
  const type = mediaTypeOf(name);
  if (type === "image/png") return png(64, 48, size);
  if (type === "image/gif") return pad(TINY_GIF, size, 0);
  if (type.startsWith("text/")) return repeatText(logText(name), size);
  if (type === "application/pdf") {
    return withHeader(encoder.encode("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"), size, name);
  }
  if (type === "application/zip") return withHeader(new Uint8Array([0x50, 0x4b, 3, 4]), size, name);
  return withHeader(new Uint8Array(), size, name);
}

function logText(name: string): string {
  if (/console/i.test(name)) {
    return "[Error] Refused to execute a script because its hash, its nonce, or 'unsafe-inline' " +
      "does not appear in the script-src directive of the Content Security Policy. (login, line 1)\n" +
      "[Log] login: click handler attached (app.js, line 212)\n";
  }
  return "2026-11-20T09:12:03Z INFO  GET /api/orders status=200 ms=41\n" +
    "2026-11-20T09:12:04Z WARN  GET /api/orders/8812 status=504 ms=30001 upstream=db-primary\n";
}

function repeatText(text: string, size: number): Uint8Array {
  const unit = encoder.encode(text);
  const out = new Uint8Array(size);
  for (let at = 0; at < size; at += unit.length) out.set(unit.subarray(0, size - at), at);
  return out;
}

function withHeader(header: Uint8Array, size: number, seed: string): Uint8Array {
  const out = new Uint8Array(size);
  out.set(header.subarray(0, size));
  let x = 2166136261;
  for (const c of seed) x = Math.imul(x ^ c.charCodeAt(0), 16777619);
  for (let i = header.length; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

function pad(bytes: Uint8Array, size: number, fill: number): Uint8Array {
  if (size <= bytes.length) return bytes;
  const out = new Uint8Array(size).fill(fill);
  out.set(bytes);
  return out;
}

/** A 1×1 transparent GIF. */
export const TINY_GIF = Uint8Array.from(
  atob("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"),
  (c) => c.charCodeAt(0),
);

// --- PNG: an RGB gradient, stored (uncompressed) deflate, padded to size ---

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function u32(n: number): number[] {
  return [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  out.set(u32(data.length));
  out.set(encoder.encode(type), 4);
  out.set(data, 8);
  out.set(u32(crc32(out.subarray(4, 8 + data.length))), 8 + data.length);
  return out;
}

function zlibStored(raw: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(raw.length / 65535));
  const out = new Uint8Array(2 + blocks * 5 + raw.length + 4);
  out.set([0x78, 0x01]);
  let at = 2;
  for (let k = 0; k < blocks; k++) {
    const block = raw.subarray(k * 65535, (k + 1) * 65535);
    const n = block.length;
    out.set([k === blocks - 1 ? 1 : 0, n & 0xff, n >>> 8, ~n & 0xff, (~n >>> 8) & 0xff], at);
    out.set(block, at + 5);
    at += 5 + n;
  }
  let a = 1, b = 0;
  for (const byte of raw) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  out.set(u32(((b << 16) | a) >>> 0), at);
  return out;
}

/** The PNG for `width`×`height`, padded with a private ancillary chunk to `size` when it fits. */
export function png(width: number, height: number, size = 0): Uint8Array {
  const raw = new Uint8Array(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 3);
    for (let x = 0; x < width; x++) {
      raw.set([(x * 255) / width, (y * 255) / height, 160], row + 1 + x * 3);
    }
  }
  const ihdr = new Uint8Array([...u32(width), ...u32(height), 8, 2, 0, 0, 0]);
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlibStored(raw)),
  ];
  const end = chunk("IEND", new Uint8Array());
  const used = parts.reduce((n, p) => n + p.length, 0) + end.length;
  if (size >= used + 12) parts.push(chunk("prVt", new Uint8Array(size - used - 12)));
  parts.push(end);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
