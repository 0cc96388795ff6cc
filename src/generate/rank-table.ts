/**
 * A BPE rank table held as one string and typed arrays: built from the compact
 * form scripts/build-ranks.mjs writes (every token concatenated, their lengths,
 * the ranks that are bytes of a character), in a few milliseconds and ~5 MB,
 * where a Map of 200,000 strings took ~90 ms and ~40 MB.
 */

/** The generated module's exports (generated/<encoding>.js). */
export interface CompactRanks {
  /** Every token in rank order: text, or for part of a character its bytes as Latin-1. */
  text: string;
  /** One character per token: its length in `text`, plus `lengthOffset`. */
  lengths: string;
  lengthOffset: number;
  /** The ranks of byte tokens. */
  bytes: readonly number[];
}

/** FNV-1a over UTF-16 code units (the constructor inlines the same). */
function hash(text: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

export class RankTable {
  readonly size: number;
  readonly #text: string;
  /** Token `rank` is text.slice(offsets[rank], offsets[rank + 1]). */
  readonly #offsets: Int32Array;
  /** Open addressing over the text tokens: rank + 1, 0 for an empty slot. */
  readonly #slots: Int32Array;
  readonly #mask: number;
  readonly #maxLength: number;
  readonly #isBytes: Uint8Array;
  /** The byte tokens, by their bytes as Latin-1 text (a few thousand). */
  readonly #byBytes = new Map<string, number>();

  constructor({ text, lengths, lengthOffset, bytes }: CompactRanks) {
    const size = lengths.length;
    this.size = size;
    this.#text = text;
    const isBytes = new Uint8Array(size);
    for (const rank of bytes) isBytes[rank] = 1;
    // A power of two at least twice the tokens: short probe runs.
    let capacity = 1;
    while (capacity < size * 2) capacity *= 2;
    const slots = new Int32Array(capacity);
    const mask = capacity - 1;
    const offsets = new Int32Array(size + 1);
    let maxLength = 0;
    // One pass with locals only: this runs once per process, mostly before the JIT has warmed up.
    let start = 0;
    for (let rank = 0; rank < size; rank++) {
      const length = lengths.charCodeAt(rank) - lengthOffset;
      const end = start + length;
      offsets[rank + 1] = end;
      if (length > maxLength) maxLength = length;
      if (isBytes[rank] === 0) {
        let h = 0x811c9dc5;
        for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
        let slot = h & mask;
        while (slots[slot] !== 0) slot = (slot + 1) & mask;
        slots[slot] = rank + 1;
      }
      start = end;
    }
    if (start !== text.length) throw new Error('rank table: lengths do not add up to the text');
    this.#offsets = offsets;
    this.#maxLength = maxLength;
    this.#isBytes = isBytes;
    for (const rank of bytes) this.#byBytes.set(text.slice(offsets[rank], offsets[rank + 1]), rank);
    this.#slots = slots;
    this.#mask = mask;
  }

  /** The rank of a text token (valid UTF-8). */
  rankOfText(piece: string): number | undefined {
    const length = piece.length;
    if (length > this.#maxLength || length === 0) return undefined;
    const slots = this.#slots;
    const offsets = this.#offsets;
    const mask = this.#mask;
    for (let slot = hash(piece, 0, length) & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot]!;
      if (entry === 0) return undefined;
      const start = offsets[entry - 1]!;
      if (offsets[entry]! - start === length && this.#text.startsWith(piece, start)) return entry - 1;
    }
  }

  /** The rank of `text.slice(from, to)` as a text token, without making that string. */
  rankOfRange(text: string, from: number, to: number): number | undefined {
    const length = to - from;
    if (length > this.#maxLength || length <= 0) return undefined;
    const slots = this.#slots;
    const offsets = this.#offsets;
    const mask = this.#mask;
    const table = this.#text;
    for (let slot = hash(text, from, to) & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot]!;
      if (entry === 0) return undefined;
      const start = offsets[entry - 1]!;
      if (offsets[entry]! - start !== length) continue;
      let i = 0;
      while (i < length && table.charCodeAt(start + i) === text.charCodeAt(from + i)) i++;
      if (i === length) return entry - 1;
    }
  }

  /** The rank of a token that is part of a character, by its bytes as Latin-1 text. */
  rankOfBytes(latin1: string): number | undefined {
    return this.#byBytes.get(latin1);
  }

  /** Token `rank`: its text, or its bytes when it is part of a character; undefined past the table. */
  token(rank: number): string | number[] | undefined {
    if (!Number.isInteger(rank) || rank < 0 || rank >= this.size) return undefined;
    const piece = this.#text.slice(this.#offsets[rank], this.#offsets[rank + 1]);
    if (!this.#isBytes[rank]) return piece;
    const bytes: number[] = [];
    for (let i = 0; i < piece.length; i++) bytes.push(piece.charCodeAt(i));
    return bytes;
  }
}
