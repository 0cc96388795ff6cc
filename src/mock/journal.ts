import type { Headers } from '../base/plan.js';
import type { Scrubber } from '../base/redact.js';
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

/** Default bound on what the journal holds, in characters of bodies and headers. */
export const JOURNAL_BYTES = 32 * 1024 * 1024;

/** What an entry costs the journal, without serialising it: the raw body and the headers. */
function sizeOf(entry: JournalEntry, bodyLength: number): number {
  let size = 200 + entry.path.length + bodyLength + (entry.unmatched?.length ?? 0);
  for (const [name, value] of Object.entries(entry.headers)) size += name.length + value.length + 6;
  return size;
}

/**
 * Removes the request's credentials from an entry whose body or path holds
 * them (a key pasted into a message, a model name, a path segment).
 */
export function scrubEntry(entry: JournalEntry, scrubber: Scrubber, rawBody: string): void {
  if (scrubber.finds(rawBody) || scrubber.finds(entry.path)) {
    entry.path = scrubber.text(entry.path);
    entry.body = scrubber.value(entry.body);
    if (entry.text) entry.text = scrubber.text(entry.text);
    if (entry.unmatched) entry.unmatched = scrubber.text(entry.unmatched);
    if (entry.matchedRule) entry.matchedRule = scrubber.text(entry.matchedRule);
  }
}

/**
 * The requests received, oldest first, keeping only the most recent `limit`
 * and no more than `maxBytes` of bodies and headers, so it stays small enough
 * to serve as JSON whatever the requests held.
 */
export class Journal {
  readonly #entries: JournalEntry[] = [];
  readonly #sizes: number[] = [];
  #bytes = 0;
  constructor(
    readonly limit: number,
    readonly maxBytes = JOURNAL_BYTES,
  ) {}

  add(entry: JournalEntry, bodyLength = entry.text?.length ?? 0): void {
    const size = sizeOf(entry, bodyLength);
    this.#entries.push(entry);
    this.#sizes.push(size);
    this.#bytes += size;
    let drop = Math.max(0, this.#entries.length - this.limit);
    let bytes = this.#bytes;
    for (let i = 0; i < drop; i++) bytes -= this.#sizes[i]!;
    // Keep the newest entry even when it alone is over the bound.
    while (bytes > this.maxBytes && drop < this.#entries.length - 1) bytes -= this.#sizes[drop++]!;
    if (drop > 0) {
      this.#entries.splice(0, drop);
      this.#sizes.splice(0, drop);
      this.#bytes = bytes;
    }
  }

  get entries(): readonly JournalEntry[] {
    return this.#entries;
  }

  /** Characters held, as counted for the bound. */
  get bytes(): number {
    return this.#bytes;
  }

  clear(): void {
    this.#entries.length = 0;
    this.#sizes.length = 0;
    this.#bytes = 0;
  }
}
