import type { Headers } from '../base/plan.js';
import type { ChatCompletionRequest } from '../spec/types.js';

/** A JSON request body: typed for chat completions, open for the other endpoints' fields. */
export type RequestBody = Partial<ChatCompletionRequest> & Record<string, unknown>;

export interface JournalEntry {
  time: string;
  method: string;
  path: string;
  /** The endpoint that answered (`chat.completions`), when the path is one the mock serves. */
  endpoint?: string;
  /** Request headers, credentials redacted. */
  headers: Headers;
  /** The parsed JSON body; null when there was none, it was not a JSON object, or it was too big to keep. */
  body: RequestBody | null;
  /** The raw body when it was not a JSON object, or a note that it was too big to keep. */
  text?: string;
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
