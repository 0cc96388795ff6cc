/**
 * Byte-pair encoding on gpt-tokenizer's rank tables (in the compact form of rank-table.ts), exact (the same tokens as
 * tiktoken) and O(n log n) on any input. gpt-tokenizer's own merge loop is
 * quadratic in the length of a pre-tokenizer chunk, so one long run without
 * spaces ('a' x 100,000, or a CJK paragraph) froze the event loop for seconds.
 * Here a chunk is merged with a heap: always the lowest-ranked adjacent pair,
 * the leftmost among equals, which is tiktoken's rule.
 */

import { wellFormed, LONE_SURROGATES } from '../base/utf16.js';
import { asciiPattern } from './ascii-pattern.js';
import type { RankTable } from './rank-table.js';

/** Text split into token-sized pieces that concatenate back to it exactly. */
export interface Tokenized {
  pieces: string[];
  /** Tokens in each piece: 1, except where one character spans several tokens. */
  counts: number[];
  tokens: number;
}

/** Work done so far, for tests that bound it: pair-rank lookups made while merging. */
export interface BpeWork {
  lookups: number;
}

const utf8 = new TextEncoder();
// Keeps a leading U+FEFF: some tokens begin with one.
const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });
// Chunks up to this length keep their tokens in a per-encoding cache of this many entries.
// (Most words are one token and need no entry; 50,000 entries held ~4 MB more under distinct prompts for no speed.)
const CACHED_CHUNK = 64;
const CHUNK_CACHE = 8_000;
// ASCII chunks up to this length are merged by a plain scan (see #mergeShort).
const SHORT_CHUNK = 32;
// Texts keep their count, in three memos by length, so a suite's distinct prompts churn only their own:
// very short texts (roles, names, enum values) repeat on every request; most system prompts are
// a sentence or two, resent by every test of a suite, like the long ones (instructions, documents).
const SHORT_TEXT = 16;
const LONG_TEXT = 256;
const MEMO_MAX = 64 * 1024;
const TEXT_CACHE = 1_000;

/** The pre-tokenizer's pattern: sticky, to find chunks in place, and global, to skip past text no chunk starts at. */
interface Splitter {
  split: RegExp;
  sticky: RegExp;
}

const NON_ASCII = /[^\x00-\x7f]/;

interface Chunk {
  ids: number[];
  pieces?: string[];
  counts?: number[];
}

/** A bounded memo: cleared when full, so the hot path stays a single Map lookup. */
class Memo<V> {
  readonly #map = new Map<string, V>();
  constructor(private readonly limit: number) {}
  get(key: string): V | undefined {
    return this.#map.get(key);
  }
  set(key: string, value: V): void {
    if (this.#map.size >= this.limit) this.#map.clear();
    this.#map.set(key, value);
  }
}

/** A binary min-heap of numbers. */
class Heap {
  readonly items: number[] = [];
  push(value: number): void {
    const items = this.items;
    let i = items.length;
    items.push(value);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent]! <= value) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = value;
  }
  pop(): number | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= items.length) break;
        const right = left + 1;
        const child = right < items.length && items[right]! < items[left]! ? right : left;
        if (items[child]! >= last) break;
        items[i] = items[child]!;
        i = child;
      }
      items[i] = last;
    }
    return top;
  }
}

export class Bpe {
  readonly work: BpeWork = { lookups: 0 };
  readonly #ranks: RankTable;
  readonly #pattern: string;
  #unicode: Splitter | undefined;
  /** The pattern narrowed to ASCII (see ascii-pattern.ts), for texts that are all ASCII. */
  readonly #ascii: Splitter | undefined;
  readonly #chunks = new Memo<Chunk>(CHUNK_CACHE);
  readonly #shortCounts = new Memo<number>(TEXT_CACHE);
  readonly #counts = new Memo<number>(TEXT_CACHE);
  readonly #longCounts = new Memo<number>(TEXT_CACHE);

  /** `split` is the encoding's pre-tokenizer pattern (a `u` regex source). */
  constructor(ranks: RankTable, split: string) {
    this.#ranks = ranks;
    this.#pattern = split;
    const ascii = asciiPattern(split);
    if (ascii !== undefined) this.#ascii = { split: new RegExp(ascii, 'g'), sticky: new RegExp(ascii, 'y') };
  }

  #splitterFor(text: string): Splitter {
    if (this.#ascii && isAscii(text)) return this.#ascii;
    // Made when first needed: V8 parses a pattern's Unicode property classes as it makes the RegExp (~3-6 ms each).
    return (this.#unicode ??= { split: new RegExp(this.#pattern, 'gu'), sticky: new RegExp(this.#pattern, 'yu') });
  }

  /** Token ids of `text`, special tokens read as plain text (tiktoken's encode_ordinary). */
  encode(text: string): number[] {
    const ids: number[] = [];
    const splitter = this.#splitterFor(text);
    for (let end = this.#chunkEnd(text, 0, splitter); end >= 0; end = this.#chunkEnd(text, end, splitter)) {
      const start = this.#chunkStart;
      const rank = this.#ranks.rankOfRange(text, start, end);
      if (rank !== undefined) ids.push(rank);
      else for (const id of this.#chunk(text.slice(start, end)).ids) ids.push(id);
    }
    return ids;
  }

  /** The tokens of `text`, or Infinity when they passed `limit` before its end (counting stopped there). */
  count(text: string, limit = Infinity): number {
    const memo =
      text.length <= SHORT_TEXT ? this.#shortCounts : text.length < LONG_TEXT ? this.#counts : text.length <= MEMO_MAX ? this.#longCounts : undefined;
    let total = memo?.get(text);
    // Past the limit, counted again: where counting stops decides between Infinity and the exact count.
    if (total !== undefined && total <= limit) return total;
    total = 0;
    // The hot path of prompt counting: chunks looked up in place (no substring).
    const ranks = this.#ranks;
    const splitter = this.#splitterFor(text);
    for (let end = this.#chunkEnd(text, 0, splitter); end >= 0; end = this.#chunkEnd(text, end, splitter)) {
      const start = this.#chunkStart;
      total += ranks.rankOfRange(text, start, end) !== undefined ? 1 : this.#chunk(text.slice(start, end)).ids.length;
      if (total > limit && end < text.length) return Infinity;
    }
    memo?.set(text, total);
    return total;
  }

  /** Where the chunk found by the last #chunkEnd starts. */
  #chunkStart = 0;

  /**
   * The end of the next chunk at or after `from` (its start in #chunkStart), or -1 when none is left.
   * Found with a sticky test (no match object): every character of real text starts a chunk where
   * the last one ended, so this finds the same chunks as matchAll.
   */
  #chunkEnd(text: string, from: number, { sticky, split }: Splitter): number {
    if (from >= text.length) return -1;
    sticky.lastIndex = from;
    if (sticky.test(text) && sticky.lastIndex !== from) {
      this.#chunkStart = from;
      return sticky.lastIndex;
    }
    // As matchAll does: past any character no chunk starts at, to where the next one does.
    split.lastIndex = from;
    const next = split.exec(text);
    if (next === null) return -1;
    this.#chunkStart = next.index;
    return next.index + next[0].length;
  }

  decode(ids: readonly number[]): string {
    const bytes: number[] = [];
    for (const id of ids) {
      const token = this.#ranks.token(id);
      if (typeof token === 'string') for (const b of utf8.encode(token)) bytes.push(b);
      else if (token) bytes.push(...token);
    }
    return utf8Decoder.decode(new Uint8Array(bytes));
  }

  tokenize(text: string): Tokenized {
    const pieces: string[] = [];
    const counts: number[] = [];
    let tokens = 0;
    const ranks = this.#ranks;
    const splitter = this.#splitterFor(text);
    for (let end = this.#chunkEnd(text, 0, splitter); end >= 0; end = this.#chunkEnd(text, end, splitter)) {
      const start = this.#chunkStart;
      const whole = ranks.rankOfRange(text, start, end) !== undefined;
      const chunk = text.slice(start, end);
      if (whole) {
        pieces.push(chunk);
        counts.push(1);
        tokens += 1;
        continue;
      }
      const entry = this.#chunk(chunk);
      if (!entry.pieces) this.#pieces(entry);
      for (const piece of entry.pieces!) pieces.push(piece);
      for (const count of entry.counts!) counts.push(count);
      tokens += entry.ids.length;
    }
    return { pieces, counts, tokens };
  }

  /** One chunk's tokens as text pieces: a character split across tokens is one piece. */
  #pieces(entry: Chunk): void {
    const pieces: string[] = [];
    const counts: number[] = [];
    let pending: number[] = [];
    let pendingIds = 0;
    for (const id of entry.ids) {
      const token = this.#ranks.token(id)!;
      if (typeof token === 'string' && pendingIds === 0) {
        pieces.push(token);
        counts.push(1);
        continue;
      }
      pending = pending.concat(typeof token === 'string' ? Array.from(utf8.encode(token)) : token);
      pendingIds++;
      const text = utf8Decoder.decode(new Uint8Array(pending));
      if (text.endsWith('\uFFFD')) continue;
      pieces.push(text);
      counts.push(pendingIds);
      pending = [];
      pendingIds = 0;
    }
    if (pendingIds > 0) {
      pieces.push(utf8Decoder.decode(new Uint8Array(pending)));
      counts.push(pendingIds);
    }
    entry.pieces = pieces;
    entry.counts = counts;
  }

  #chunk(chunk: string): Chunk {
    const cached = chunk.length <= CACHED_CHUNK ? this.#chunks.get(chunk) : undefined;
    if (cached) return cached;
    const entry = { ids: this.#merge(chunk) };
    if (chunk.length <= CACHED_CHUNK) this.#chunks.set(chunk, entry);
    return entry;
  }

  /**
   * Merges a short ASCII chunk (a word the table does not hold whole) as tiktoken
   * does: a scan for the lowest-ranked pair per merge. For a few bytes this beats
   * the heap, whose arrays cost more to make than the scans they save.
   */
  #mergeShort(text: string): number[] {
    const ranks = this.#ranks;
    const work = this.work;
    const rankOf = (a: number, b: number): number => {
      work.lookups++;
      return ranks.rankOfRange(text, a, b) ?? Infinity;
    };
    // Part i is text[bounds[i], bounds[i + 1]); pair i joins parts i and i + 1. Removal
    // shifts by hand: splice allocates, and costs more than the scan at this size.
    const bounds: number[] = [];
    for (let i = 0; i <= text.length; i++) bounds.push(i);
    const pairs: number[] = [];
    for (let i = 0; i + 2 < bounds.length; i++) pairs.push(rankOf(bounds[i]!, bounds[i + 2]!));
    let count = pairs.length;
    for (;;) {
      let at = -1;
      let lowest = Infinity;
      for (let i = 0; i < count; i++) {
        if (pairs[i]! < lowest) {
          lowest = pairs[i]!;
          at = i;
        }
      }
      if (at < 0) break;
      for (let i = at + 1; i < count + 1; i++) bounds[i] = bounds[i + 1]!;
      for (let i = at; i < count - 1; i++) pairs[i] = pairs[i + 1]!;
      count--;
      if (at < count) pairs[at] = rankOf(bounds[at]!, bounds[at + 2]!);
      if (at > 0) pairs[at - 1] = rankOf(bounds[at - 1]!, bounds[at + 1]!);
    }
    bounds.length = count + 2;
    const ids: number[] = [];
    for (let i = 0; i + 1 < bounds.length; i++) ids.push(rankOf(bounds[i]!, bounds[i + 1]!));
    return ids;
  }

  /**
   * Merges one pre-tokenizer chunk. Parts are a linked list over byte offsets;
   * the heap holds rank * (n + 1) + offset for every adjacent pair, and entries
   * left stale by a merge are skipped when they come out. Every merge costs two
   * lookups and two heap pushes, so a chunk of n bytes costs O(n log n).
   */
  #merge(text: string): number[] {
    if (text.length <= SHORT_CHUNK && isAscii(text)) return this.#mergeShort(text);
    // As TextEncoder does: a lone surrogate is U+FFFD.
    if (!wellFormed(text)) text = text.replace(LONE_SURROGATES, '\uFFFD');
    const bytes = utf8.encode(text);
    const n = bytes.length;
    // The text offset of each byte offset, or -1 inside a character (only needed when not ASCII).
    const charAt = n === text.length ? undefined : charOffsets(text, n);
    const rankOf = (from: number, to: number): number => {
      this.work.lookups++;
      let rank: number | undefined;
      if (!charAt) rank = this.#ranks.rankOfRange(text, from, to);
      else if (charAt[from]! >= 0 && charAt[to]! >= 0) rank = this.#ranks.rankOfRange(text, charAt[from]!, charAt[to]!);
      else rank = this.#ranks.rankOfBytes(String.fromCharCode(...bytes.subarray(from, to)));
      return rank ?? Infinity;
    };
    const next = new Int32Array(n + 1);
    const prev = new Int32Array(n + 1);
    const pairRank = new Float64Array(n + 1).fill(Infinity);
    for (let i = 0; i <= n; i++) {
      next[i] = i + 1;
      prev[i] = i - 1;
    }
    const width = n + 1;
    const heap = new Heap();
    const rankPair = (i: number): void => {
      const j = next[i]!;
      pairRank[i] = j < n ? rankOf(i, next[j]!) : Infinity;
      if (pairRank[i]! !== Infinity) heap.push(pairRank[i]! * width + i);
    };
    for (let i = 0; i < n - 1; i++) rankPair(i);
    for (let key = heap.pop(); key !== undefined; key = heap.pop()) {
      const i = key % width;
      const rank = (key - i) / width;
      // Skip entries a merge made stale (the part is gone, or its pair changed).
      if (next[i] === -1 || pairRank[i] !== rank) continue;
      const j = next[i]!;
      const k = next[j]!;
      next[i] = k;
      prev[k] = i;
      next[j] = -1;
      rankPair(i);
      if (prev[i]! >= 0) rankPair(prev[i]!);
    }
    const ids: number[] = [];
    for (let i = 0; i < n; i = next[i]!) {
      const rank = rankOf(i, next[i]!);
      // Every single byte is a token, so a part always has a rank.
      if (rank === Infinity) throw new Error(`no token for bytes ${i}..${next[i]} of a chunk`);
      ids.push(rank);
    }
    return ids;
  }
}

/** True when every character of `text` is one byte in UTF-8. */
const isAscii = (text: string): boolean => !NON_ASCII.test(text);

/** For each UTF-8 byte offset of `text`, its UTF-16 offset, or -1 inside a character. */
function charOffsets(text: string, n: number): Int32Array {
  const at = new Int32Array(n + 1).fill(-1);
  let byte = 0;
  for (let i = 0; i < text.length; i++) {
    at[byte] = i;
    const code = text.charCodeAt(i);
    if (code < 0x80) byte += 1;
    else if (code < 0x800) byte += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      byte += 4;
      i++;
    } else byte += 3;
  }
  at[byte] = text.length;
  return at;
}
