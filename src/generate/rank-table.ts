/**
 * A BPE rank table held as strings and typed arrays, built from the compact form
 * scripts/build-ranks.mjs writes (every token concatenated, their lengths, the
 * ranks between them) in a few milliseconds, where a Map of 200,000 strings took
 * ~90 ms and ~40 MB. It comes in two parts: the tokens that are ASCII text (all
 * that English text needs: 129,000 of o200k_base's 200,000, 73% of its characters)
 * and the rest, loaded only when a text needs it. A piece of ASCII text can only
 * be an ASCII token, and any other only one of the rest, so each lookup needs one part.
 */

/** One part of a table, as the generated module exports it. */
export interface CompactRanks {
  /** Every token of the part in rank order: text, or for part of a character its bytes as Latin-1. */
  text: string;
  /** One character per token: its length in `text`, plus `lengthOffset`. */
  lengths: string;
  /** One character per token: the ranks since the part's previous token (the other part's), plus `lengthOffset`. */
  gaps: string;
  lengthOffset: number;
  /** The ranks of byte tokens (only in the part that is not ASCII). */
  bytes?: readonly number[];
}

/** The ASCII part (generated/<encoding>.js), which also knows the table's size. */
export interface AsciiRanks extends CompactRanks {
  size: number;
}

/** FNV-1a over UTF-16 code units (RankTable.rankOfRange inlines the same). */
function hash(text: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

/** A power of two at least twice the tokens: short probe runs. */
function slotCount(tokens: number): number {
  let capacity = 1;
  while (capacity < tokens * 2) capacity *= 2;
  return capacity;
}

/**
 * A part as the build writes it to a file (see rank-file.ts): the arrays a Part's one pass over
 * its compact form makes, so a process reads them instead of running that pass (~7-9 ms of a
 * fresh process, 130,000 steps before the JIT has warmed up). Only the ASCII part, which has no
 * byte tokens.
 */
export interface PrebuiltPart {
  text: string;
  offsets: Int32Array;
  ranks: Int32Array;
  slots: Int32Array;
  maxLength: number;
}

/** One part: its tokens by text (open addressing) and by rank (a sorted list). */
class Part {
  readonly text: string;
  /** Token i of the part is text.slice(offsets[i], offsets[i + 1]). */
  readonly offsets: Int32Array;
  /** Token i's rank, ascending. */
  readonly ranks: Int32Array;
  /** Open addressing over the text tokens: i + 1, 0 for an empty slot. */
  readonly slots: Int32Array;
  readonly mask: number;
  readonly maxLength: number;
  readonly isBytes: Uint8Array;
  /** The byte tokens' ranks, by their bytes as Latin-1 text (a few thousand). */
  readonly byBytes: Map<string, number>;

  constructor({ text, offsets, ranks, slots, maxLength }: PrebuiltPart, isBytes: Uint8Array, byBytes: Map<string, number>) {
    this.text = text;
    this.offsets = offsets;
    this.ranks = ranks;
    this.slots = slots;
    this.mask = slots.length - 1;
    this.maxLength = maxLength;
    this.isBytes = isBytes;
    this.byBytes = byBytes;
  }

  static fromCompact({ text, lengths, gaps, lengthOffset, bytes = [] }: CompactRanks): Part {
    const size = lengths.length;
    const offsets = new Int32Array(size + 1);
    const ranks = new Int32Array(size);
    const isBytes = new Uint8Array(size);
    const byBytes = new Map<string, number>();
    const capacity = slotCount(size);
    const slots = new Int32Array(capacity);
    const mask = capacity - 1;
    let byteIndex = 0;
    let maxLength = 0;
    let rank = -1;
    // One pass with locals only: this runs once per process, mostly before the JIT has warmed up.
    let start = 0;
    for (let i = 0; i < size; i++) {
      const length = lengths.charCodeAt(i) - lengthOffset;
      rank += gaps.charCodeAt(i) - lengthOffset + 1;
      ranks[i] = rank;
      const end = start + length;
      offsets[i + 1] = end;
      if (length > maxLength) maxLength = length;
      if (bytes[byteIndex] === rank) {
        isBytes[i] = 1;
        byteIndex++;
        byBytes.set(text.slice(start, end), rank);
      } else {
        let h = 0x811c9dc5;
        for (let c = start; c < end; c++) h = Math.imul(h ^ text.charCodeAt(c), 0x01000193);
        let slot = h & mask;
        while (slots[slot] !== 0) slot = (slot + 1) & mask;
        slots[slot] = i + 1;
      }
      start = end;
    }
    if (start !== text.length || byteIndex !== bytes.length) throw new Error('rank table: lengths or byte ranks do not match the text');
    return new Part({ text, offsets, ranks, slots, maxLength }, isBytes, byBytes);
  }

  /** A part read from a file: checked for its shape, and that its index finds a sample of its tokens (one made by other code would not). */
  static fromPrebuilt(prebuilt: PrebuiltPart): Part {
    const { text, offsets, ranks, slots } = prebuilt;
    const size = ranks.length;
    if (offsets.length !== size + 1 || offsets[0] !== 0 || offsets[size] !== text.length || slots.length !== slotCount(size))
      throw new Error('rank table: the prebuilt part does not fit its text');
    const part = new Part(prebuilt, new Uint8Array(size), new Map());
    part.#checkIndex();
    return part;
  }

  /** A prebuilt index must find the part's tokens (one made by other code would not): a sample of them, spread over the part. */
  #checkIndex(): void {
    const step = Math.max(1, Math.floor(this.ranks.length / 64));
    for (let i = 0; i < this.ranks.length; i += step) {
      if (this.isBytes[i]) continue;
      const from = this.offsets[i]!;
      const to = this.offsets[i + 1]!;
      if (this.find(this.text, from, to, hash(this.text, from, to)) !== this.ranks[i])
        throw new Error('rank table: the prebuilt index does not find its tokens');
    }
  }

  /** The rank of `text.slice(from, to)`, whose hash is `h`, as a text token of this part. */
  find(text: string, from: number, to: number, h: number): number | undefined {
    const length = to - from;
    if (length > this.maxLength) return undefined;
    const slots = this.slots;
    const offsets = this.offsets;
    const mask = this.mask;
    const table = this.text;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot]!;
      if (entry === 0) return undefined;
      const start = offsets[entry - 1]!;
      if (offsets[entry]! - start !== length) continue;
      let i = 0;
      while (i < length && table.charCodeAt(start + i) === text.charCodeAt(from + i)) i++;
      if (i === length) return this.ranks[entry - 1];
    }
  }

  /** The index in this part of token `rank`, or -1. */
  indexOf(rank: number): number {
    const ranks = this.ranks;
    let lo = 0;
    let hi = ranks.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = ranks[mid]!;
      if (at === rank) return mid;
      if (at < rank) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}

export class RankTable {
  readonly size: number;
  readonly #ascii: Part;
  #more: Part | undefined;
  readonly #loadMore: () => CompactRanks;

  /**
   * `ascii`: the ASCII part in its compact form, or as `prebuiltPart` made it when read from a file.
   * `more` gives the other part when it is first needed, synchronously (the caller loaded it, or can load it so).
   */
  constructor(ascii: AsciiRanks | (PrebuiltPart & { size: number }), more: () => CompactRanks) {
    this.size = ascii.size;
    this.#ascii = 'offsets' in ascii ? Part.fromPrebuilt(ascii) : Part.fromCompact(ascii);
    this.#loadMore = more;
  }

  #rest(): Part {
    if (!this.#more) {
      const more = Part.fromCompact(this.#loadMore());
      if (this.#ascii.ranks.length + more.ranks.length !== this.size) throw new Error('rank table: the parts do not add up to the table');
      this.#more = more;
    }
    return this.#more;
  }

  /** The rank of a text token (valid UTF-8). */
  rankOfText(piece: string): number | undefined {
    return this.rankOfRange(piece, 0, piece.length);
  }

  /** The rank of `text.slice(from, to)` as a text token, without making that string. */
  rankOfRange(text: string, from: number, to: number): number | undefined {
    const length = to - from;
    if (length <= 0) return undefined;
    // Kept small, so counting inlines it: it runs once per chunk of every prompt.
    if (length > this.#ascii.maxLength) return this.#longRange(text, from, to);
    let h = 0x811c9dc5;
    let wide = 0;
    for (let i = from; i < to; i++) {
      const code = text.charCodeAt(i);
      wide |= code;
      h = Math.imul(h ^ code, 0x01000193);
    }
    return (wide < 0x80 ? this.#ascii : this.#rest()).find(text, from, to, h);
  }

  /** Longer than any ASCII token: only the other part may hold it (a long chunk is looked up whole before it is merged). */
  #longRange(text: string, from: number, to: number): number | undefined {
    let wide = 0;
    for (let i = from; i < to && wide < 0x80; i++) wide |= text.charCodeAt(i);
    if (wide < 0x80) return undefined;
    const rest = this.#rest();
    return to - from > rest.maxLength ? undefined : rest.find(text, from, to, hash(text, from, to));
  }

  /** The rank of a token that is part of a character, by its bytes as Latin-1 text. */
  rankOfBytes(latin1: string): number | undefined {
    return this.#rest().byBytes.get(latin1);
  }

  /** Token `rank`: its text, or its bytes when it is part of a character; undefined past the table. */
  token(rank: number): string | number[] | undefined {
    if (!Number.isInteger(rank) || rank < 0 || rank >= this.size) return undefined;
    let part = this.#ascii;
    let i = part.indexOf(rank);
    if (i < 0) i = (part = this.#rest()).indexOf(rank);
    const piece = part.text.slice(part.offsets[i], part.offsets[i + 1]);
    if (!part.isBytes[i]) return piece;
    const bytes: number[] = [];
    for (let c = 0; c < piece.length; c++) bytes.push(piece.charCodeAt(c));
    return bytes;
  }
}

/** A part's arrays and index, made once at build time to be read with the part (see rank-file.ts). */
export function prebuiltPart(compact: CompactRanks): PrebuiltPart {
  const { text, offsets, ranks, slots, maxLength, byBytes } = Part.fromCompact(compact);
  if (byBytes.size > 0) throw new Error('rank table: only a part without byte tokens is prebuilt');
  return { text, offsets, ranks, slots, maxLength };
}
