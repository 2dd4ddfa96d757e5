/**
 * Out-of-process control endpoints under `/_sandbox/` (no API key, not recorded):
 *
 * - `POST /_sandbox/faults`: JSON like `FaultSpec`, `path` as a RegExp source string → 201
 * - `GET /_sandbox/faults`: queued faults
 * - `DELETE /_sandbox/faults`: clear them → 204
 * - `GET /_sandbox/requests`: recorded requests (JSON array)
 * - `DELETE /_sandbox/requests`: clear them (and the in-flight peak) → 204
 * - `GET /_sandbox/inflight`: `{now, peak}` requests in flight (peak since the last clear)
 * - `POST /_sandbox/reset`: restore the seeded data and rate-limit windows → 204
 * - `POST /_sandbox/oversize`: inflate the data with huge texts and lists (`oversized.ts`) → 204
 *
 * @module
 */
import { FAULT_KINDS, type FaultController, type FaultKind, type FaultSpec } from "./faults.ts";
import { jsonResponse } from "./http.ts";
import type { RecordedRequest } from "./options.ts";

/** What the control endpoints act on. */
export interface ControlTarget {
  faults: FaultController;
  requests: RecordedRequest[];
  clearRequests(): void;
  inFlight(): { now: number; peak: number };
  reset(): void;
  oversize(): void;
}

function parseFault(body: unknown): FaultSpec {
  if (typeof body !== "object" || body === null) throw new TypeError("body must be a JSON object");
  const b = body as Record<string, unknown>;
  if (!FAULT_KINDS.includes(b.kind as FaultKind)) throw new TypeError(`unknown kind ${b.kind}`);
  const num = (k: string) => {
    if (b[k] === undefined || b[k] === null) return undefined;
    if (typeof b[k] !== "number") throw new TypeError(`${k} must be a number`);
    return b[k] as number;
  };
  const str = (k: string) => {
    if (b[k] === undefined || b[k] === null) return undefined;
    if (typeof b[k] !== "string") throw new TypeError(`${k} must be a string`);
    return b[k] as string;
  };
  const path = str("path");
  return {
    kind: b.kind as FaultKind,
    times: num("times"),
    path: path === undefined ? undefined : new RegExp(path),
    method: str("method"),
    delayMs: num("delayMs"),
    resetInSeconds: num("resetInSeconds"),
  };
}

/** Answers a `/_sandbox/*` request. */
export async function handleControl(
  req: Request,
  path: string,
  target: ControlTarget,
): Promise<Response> {
  const route = `${req.method} ${path}`;
  const bad = (message: string) => jsonResponse({ error: message }, 400);
  switch (route) {
    case "POST /_sandbox/faults": {
      let spec: FaultSpec;
      try {
        spec = parseFault(JSON.parse(await req.text()));
        target.faults.inject(spec);
      } catch (e) {
        return bad(e instanceof Error ? e.message : String(e));
      }
      return jsonResponse({ pending: target.faults.pending.length }, 201);
    }
    case "GET /_sandbox/faults":
      return jsonResponse(target.faults.pending.map((f) => ({
        ...f,
        path: f.path instanceof RegExp ? f.path.source : f.path,
        times: Number.isFinite(f.times ?? 1) ? f.times : null,
        remaining: Number.isFinite(f.remaining) ? f.remaining : null,
      })));
    case "DELETE /_sandbox/faults":
      target.faults.clear();
      return new Response(null, { status: 204 });
    case "GET /_sandbox/requests":
      return jsonResponse(target.requests);
    case "GET /_sandbox/inflight":
      return jsonResponse(target.inFlight());
    case "DELETE /_sandbox/requests":
      target.clearRequests();
      return new Response(null, { status: 204 });
    case "POST /_sandbox/reset":
      target.reset();
      return new Response(null, { status: 204 });
    case "POST /_sandbox/oversize":
      target.oversize();
      return new Response(null, { status: 204 });
    default:
      await req.body?.cancel();
      return jsonResponse({ error: `no control endpoint ${route}` }, 404);
  }
}
