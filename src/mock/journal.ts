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
const JOURNAL_BYTES = 32 * 1024 * 1024;

/** What an entry costs the journal, without serialising it: the raw body and the headers. */
export function entrySize(path: string, headers: Headers, bodyLength: number, unmatched = ''): number {
  let size = 200 + path.length + bodyLength + unmatched.length;
  for (const name in headers) size += name.length + headers[name]!.length + 6;
  return size;
}

/**
 * Removes the request's credentials from an entry whose body or path holds
 * them (a key pasted into a message, a model name, a path segment).
 */
export function scrubEntry(entry: JournalEntry, scrubber: Scrubber): void {
  const body = entry.text ?? (entry.body ? JSON.stringify(entry.body) : '');
  // `unmatched` quotes the request (a model, a message), also where its body was too big to keep.
  if (scrubber.finds(body) || scrubber.finds(entry.path) || (entry.unmatched !== undefined && scrubber.finds(entry.unmatched))) {
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
  // Dropped entries are let go at once but their slots are cut off in one splice only once there
  // are `limit` of them (or when read): splicing the front of a 1,000-entry array on every
  // request costs more than the rest of the journal's work.
  // An entry may be kept as the function that makes it, called when the journal is read:
  // most entries never are, and making one scans its request for credentials.
  readonly #entries: (JournalEntry | (() => JournalEntry) | undefined)[] = [];
  readonly #sizes: number[] = [];
  #head = 0;
  #bytes = 0;
  constructor(
    readonly limit: number,
    readonly maxBytes = JOURNAL_BYTES,
  ) {}

  /** Adds an entry, or the function that makes it when the journal is read; `size` as entrySize counts it. */
  add(entry: JournalEntry | (() => JournalEntry), size: number): void {
    this.#entries.push(entry);
    this.#sizes.push(size);
    this.#bytes += size;
    const end = this.#entries.length;
    while (end - this.#head > this.limit) this.#drop();
    // Keep the newest entry even when it alone is over the bound.
    while (this.#bytes > this.maxBytes && this.#head < end - 1) this.#drop();
    if (this.#head >= Math.max(this.limit, 64)) this.#compact();
  }

  #drop(): void {
    this.#bytes -= this.#sizes[this.#head]!;
    this.#entries[this.#head++] = undefined;
  }

  #compact(): void {
    if (this.#head === 0) return;
    this.#entries.splice(0, this.#head);
    this.#sizes.splice(0, this.#head);
    this.#head = 0;
  }

  get entries(): readonly JournalEntry[] {
    this.#compact();
    const entries = this.#entries;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i];
      if (typeof entry === 'function') entries[i] = entry();
    }
    // A copy: entries added later must not turn up, unmade, in an array already handed out.
    return entries.slice() as JournalEntry[];
  }

  /** Characters held, as counted for the bound. */
  get bytes(): number {
    return this.#bytes;
  }

  clear(): void {
    this.#entries.length = 0;
    this.#sizes.length = 0;
    this.#head = 0;
    this.#bytes = 0;
  }
}
