// Preloaded into the official Nulab server (`node --import`) by the benchmark
// only. backlog-js always builds `https://${BACKLOG_DOMAIN}/api/v2/...` and
// has no setting for another scheme, while the stand-in serves plain HTTP on
// 127.0.0.1. This rewrites the origin of every request to
// BACKLOG_MCP_BENCH_ORIGIN (e.g. http://127.0.0.1:41234) before Node's fetch
// sends it; path, query, headers and body are left alone, so both servers
// talk plain HTTP to the same loopback stand-in and neither pays for TLS.
// backlog-js captures `globalThis.fetch` when a client is constructed, which
// happens after this preload has run.
const origin = globalThis.process.env.BACKLOG_MCP_BENCH_ORIGIN;
if (origin) {
  const send = globalThis.fetch;
  const rewrite = (url) => url.replace(/^https:\/\/[^/]+/, origin);
  globalThis.fetch = (input, init) =>
    input instanceof Request
      ? send(new Request(rewrite(input.url), input), init)
      : send(rewrite(String(input)), init);
}
