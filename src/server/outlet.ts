import type { ServerResponse } from 'node:http';

/**
 * Waits tied to one response: a pause or a wait for 'drain' ends early when
 * the client goes away, and its timer is cleared, so an abandoned stream
 * leaves nothing behind. One 'close' listener per response, not per wait.
 */
export class Outlet {
  open = true;
  #wake: (() => void) | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly res: ServerResponse) {
    res.once('close', () => {
      this.open = false;
      clearTimeout(this.#timer);
      this.#wake?.();
    });
  }

  /** setTimeout is looked up at call time, so fake timers in tests control it. */
  pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.#wake = resolve;
      this.#timer = setTimeout(resolve, ms);
    });
  }

  /** Backpressure: resolves once the socket takes more data (or is gone). */
  drain(): Promise<void> {
    return new Promise((resolve) => {
      this.#wake = resolve;
      this.res.once('drain', resolve);
    });
  }
}
