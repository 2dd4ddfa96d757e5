/**
 * A counting semaphore: at most `size` tasks run at once, the rest wait in
 * order. Backlog asks clients not to send requests concurrently; clients
 * (and models) fire tool calls in parallel, so the client queues them here.
 *
 * @module
 */

/** Runs async tasks with bounded concurrency, first come first served. */
export class Limiter {
  readonly #size: number;
  #active = 0;
  readonly #queue: (() => void)[] = [];

  constructor(size: number) {
    this.#size = Math.max(1, size);
  }

  /** Tasks running now. */
  get active(): number {
    return this.#active;
  }

  /** Tasks waiting for a slot. */
  get waiting(): number {
    return this.#queue.length;
  }

  /** Runs `task` when a slot is free. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#active >= this.#size) {
      await new Promise<void>((resolve) => this.#queue.push(resolve));
    } else {
      this.#active++;
    }
    try {
      return await task();
    } finally {
      const next = this.#queue.shift();
      if (next) next(); // hand the slot over without releasing it
      else this.#active--;
    }
  }
}

/** Runs `task` holding a slot of every limiter, taken in the order given. */
export async function runLimited<T>(limiters: Limiter[], task: () => Promise<T>): Promise<T> {
  if (limiters.length === 0) return await task();
  const [first, ...rest] = limiters;
  return await first.run(() => runLimited(rest, task));
}
