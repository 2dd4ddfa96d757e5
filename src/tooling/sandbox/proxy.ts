/**
 * A TCP pass-through in front of the sandbox's `Deno.serve`, so a request can be answered by
 * closing its connection ("drop" fault). `Deno.serve` always sends a response once a handler
 * returns (even `Response.error()` becomes a 500), so the socket has to be closed from outside.
 *
 * @module
 */

interface Pair {
  client: Deno.TcpConn;
  upstream: Deno.TcpConn;
}

function closeQuietly(c: Deno.Conn) {
  try {
    c.close();
  } catch {
    // already closed
  }
}

/** Listens on `hostname:port` and pipes each connection to `upstreamPort`. */
export class TcpFront {
  readonly #listener: Deno.TcpListener;
  readonly #pairs = new Map<number, Pair>();
  readonly #tasks = new Set<Promise<void>>();
  readonly #acceptLoop: Promise<void>;

  constructor(hostname: string, port: number, readonly upstreamPort: number) {
    this.#listener = Deno.listen({ hostname, port, transport: "tcp" });
    this.#acceptLoop = this.#accept();
  }

  /** The port actually bound. */
  get port(): number {
    return this.#listener.addr.port;
  }

  async #accept(): Promise<void> {
    try {
      for await (const client of this.#listener) {
        const task = this.#pipe(client);
        this.#tasks.add(task);
        task.finally(() => this.#tasks.delete(task));
      }
    } catch {
      // listener closed
    }
  }

  async #pipe(client: Deno.TcpConn): Promise<void> {
    let upstream: Deno.TcpConn;
    try {
      upstream = await Deno.connect({ hostname: "127.0.0.1", port: this.upstreamPort });
    } catch {
      closeQuietly(client);
      return;
    }
    // The inner server sees our outgoing port as the request's remote port.
    const key = upstream.localAddr.port;
    this.#pairs.set(key, { client, upstream });
    await Promise.allSettled([
      client.readable.pipeTo(upstream.writable),
      upstream.readable.pipeTo(client.writable),
    ]);
    this.#pairs.delete(key);
    closeQuietly(client);
    closeQuietly(upstream);
  }

  /** Closes the client connection whose upstream side has local port `upstreamLocalPort`. */
  drop(upstreamLocalPort: number): boolean {
    const pair = this.#pairs.get(upstreamLocalPort);
    if (!pair) return false;
    closeQuietly(pair.client);
    closeQuietly(pair.upstream);
    return true;
  }

  /** Stops accepting, closes every connection and waits for the pipes to finish. */
  async close(): Promise<void> {
    try {
      this.#listener.close();
    } catch {
      // already closed
    }
    for (const pair of this.#pairs.values()) {
      closeQuietly(pair.client);
      closeQuietly(pair.upstream);
    }
    await this.#acceptLoop;
    await Promise.allSettled([...this.#tasks]);
  }
}
