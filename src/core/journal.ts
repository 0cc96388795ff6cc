import type { Headers } from './plan.js';

export interface JournalEntry {
  time: string;
  method: string;
  path: string;
  /** Request headers, credentials redacted. */
  headers: Headers;
  /** The parsed JSON body, or the raw text when it was not JSON. */
  body: unknown;
  status: number;
  /** Name of the scenario rule that answered, when one did. */
  matchedRule?: string;
  /** Why no rule answered, when rules are loaded and none matched. */
  unmatched?: string;
  /** Why the answer is an error (4xx, 5xx): `bad key`, `invalid max_tokens`, what the mock does not serve. */
  reason?: string;
  /** In record/replay modes: whether a fixture was replayed, recorded, or missed, and which. */
  fixture?: { outcome: 'replayed' | 'recorded' | 'missed'; name?: string };
}

/** The requests received, oldest first, keeping only the most recent `limit`. */
export class Journal {
  readonly #entries: JournalEntry[] = [];
  constructor(readonly limit: number) {}

  add(entry: JournalEntry): void {
    this.#entries.push(entry);
    if (this.#entries.length > this.limit) this.#entries.splice(0, this.#entries.length - this.limit);
  }

  get entries(): readonly JournalEntry[] {
    return this.#entries;
  }

  clear(): void {
    this.#entries.length = 0;
  }
}
