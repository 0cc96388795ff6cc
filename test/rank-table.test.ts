import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { prebuiltPart, RankTable } from '../src/generate/rank-table.js';
import { decodeRankFile, encodeRankFile } from '../src/generate/rank-file.js';

// The compact table written at build time (two parts) must hold exactly gpt-tokenizer's table.
const encodings = {
  o200k_base: () =>
    Promise.all([import('../generated/o200k_base.js'), import('../generated/o200k_base.more.cjs'), import('gpt-tokenizer/bpeRanks/o200k_base')]),
  cl100k_base: () =>
    Promise.all([import('../generated/cl100k_base.js'), import('../generated/cl100k_base.more.cjs'), import('gpt-tokenizer/bpeRanks/cl100k_base')]),
};
const utf8 = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

describe('compact rank table', () => {
  for (const [name, load] of Object.entries(encodings)) {
    it(`${name}: every rank is gpt-tokenizer's token, and found by its text or bytes`, async () => {
      const [ascii, more, original] = await load();
      const ranks = original.default as readonly (string | readonly number[])[];
      const table = new RankTable(ascii, () => more.default);
      expect(table.size).toBe(ranks.length);
      let textTokens = 0;
      const wrong: number[] = [];
      const same = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.prototype.every.call(a, (x, i) => x === b[i]);
      for (let rank = 0; rank < ranks.length; rank++) {
        const source = ranks[rank]!;
        const bytes = typeof source === 'string' ? utf8.encode(source) : source;
        const token = table.token(rank)!;
        let ok: boolean;
        if (typeof token === 'string') {
          textTokens++;
          // Tokens stored as text are exactly those whose bytes are valid UTF-8.
          ok = same(utf8.encode(token), bytes) && table.rankOfText(token) === rank && decoder.decode(new Uint8Array(bytes)) === token;
        } else {
          let valid = true;
          try {
            decoder.decode(new Uint8Array(bytes));
          } catch {
            valid = false;
          }
          ok = same(token, bytes) && table.rankOfBytes(String.fromCharCode(...token)) === rank && !valid;
        }
        if (!ok) wrong.push(rank);
      }
      expect(wrong).toEqual([]);
      expect(textTokens).toBeGreaterThan(ranks.length * 0.9);
    });
  }

  it('answers nothing for texts and ranks outside the table', async () => {
    const [ascii, more] = await encodings.o200k_base();
    const table = new RankTable(ascii, () => more.default);
    expect(table.rankOfText('')).toBeUndefined();
    expect(table.rankOfText('x'.repeat(500))).toBeUndefined();
    expect(table.rankOfText('qzqzqzqzqzqz')).toBeUndefined();
    for (const rank of [-1, table.size, 1.5, Number.NaN]) expect(table.token(rank)).toBeUndefined();
  });
});

describe('the ASCII part as a binary file, its index built at build time (generated/<encoding>.bin)', () => {
  for (const [name, load] of Object.entries(encodings)) {
    it(`${name}: the same part as its module, and the index the table would build`, async () => {
      const [ascii, more] = await load();
      const file = decodeRankFile(readFileSync(new URL(`../generated/${name}.bin`, import.meta.url)))!;
      // A stale file, or hashing changed since it was written, would differ here.
      expect(file).toEqual({ ...prebuiltPart(ascii), size: ascii.size, split: ascii.split });
      const table = new RankTable(file, () => more.default);
      const reference = new RankTable(ascii, () => more.default);
      const missed: number[] = [];
      for (let rank = 0; rank < table.size; rank++) {
        const token = reference.token(rank);
        if (typeof token === 'string' && table.rankOfText(token) !== reference.rankOfText(token)) missed.push(rank);
      }
      expect(missed).toEqual([]);
    });
  }

  it('a file cut short, arrays that do not fit the text, or an index that does not find the tokens, is refused', async () => {
    const [ascii, more] = await encodings.cl100k_base();
    const bytes = readFileSync(new URL('../generated/cl100k_base.bin', import.meta.url));
    expect(decodeRankFile(bytes.subarray(0, bytes.length - 1))).toBeUndefined();
    const file = decodeRankFile(bytes)!;
    expect(() => new RankTable({ ...file, text: file.text.slice(1) }, () => more.default)).toThrow(/fit/);
    expect(() => new RankTable({ ...file, offsets: file.offsets.subarray(1) }, () => more.default)).toThrow(/fit/);
    expect(() => new RankTable({ ...file, slots: new Int32Array(file.slots.length) }, () => more.default)).toThrow(/index/);
    const otherIndex = prebuiltPart({ ...ascii, text: ascii.text.toUpperCase() }).slots;
    expect(() => new RankTable({ ...file, slots: otherIndex }, () => more.default)).toThrow(/index/);
  });

  it('a file of another layout is not read (the module is loaded instead)', async () => {
    const [ascii] = await encodings.o200k_base();
    const bytes = encodeRankFile({ ...ascii, text: 'ab', lengths: '11', gaps: '00', size: 2 });
    expect(decodeRankFile(bytes)?.text).toBe('ab');
    const header = new TextDecoder().decode(bytes.subarray(4, 4 + new DataView(bytes.buffer).getUint32(0, true)));
    bytes.set(new TextEncoder().encode(header.replace('"version":2', '"version":1')), 4);
    expect(decodeRankFile(bytes)).toBeUndefined();
  });
});
