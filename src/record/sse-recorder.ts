import type { StreamEvent } from '../base/plan.js';

/**
 * Splits SSE bytes into `data:` payloads as they arrive, noting the time
 * since the previous event, so a stream can be replayed with its timing.
 */
export class SseRecorder {
  readonly events: StreamEvent[] = [];
  #buffer = '';
  #decoder = new TextDecoder();
  #last: number;

  constructor(private readonly now: () => number) {
    this.#last = now();
  }

  push(bytes: Uint8Array): void {
    this.#buffer += this.#decoder.decode(bytes, { stream: true });
    let end: number;
    while ((end = this.#buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = this.#buffer.slice(0, end);
      this.#buffer = this.#buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      this.#event(block);
    }
  }

  #event(block: string): void {
    const lines = block.split(/\r?\n/);
    const field = (name: string) => lines.filter((line) => line.startsWith(`${name}:`)).map((line) => line.slice(name.length + 1).replace(/^ /, ''));
    const data = field('data');
    if (data.length === 0) return; // comments and keep-alives carry nothing to replay
    const event = field('event').at(-1);
    const now = this.now();
    this.events.push({ ...(event ? { event } : {}), data: data.join('\n'), delayMs: Math.max(0, Math.round(now - this.#last)) });
    this.#last = now;
  }
}
