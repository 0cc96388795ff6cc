import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as o200k from '../generated/o200k_base.js';
import o200kMore from '../generated/o200k_base.more.cjs';
import { Bpe } from '../src/generate/bpe.js';
import { RankTable } from '../src/generate/rank-table.js';
import { asciiPattern } from '../src/generate/ascii-pattern.js';
import { split as cl100kSplit } from '../generated/cl100k_base.js';
import { split as o200kSplit } from '../generated/o200k_base.js';

const chunks = (pattern: RegExp, text: string) => Array.from(text.matchAll(pattern), (m) => [m.index, m[0]]);
const ASCII = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code));

describe('the pre-tokenizer pattern narrowed to ASCII', () => {
  for (const [name, split] of [
    ['o200k_base', o200kSplit],
    ['cl100k_base', cl100kSplit],
  ] as const) {
    const unicode = new RegExp(split, 'gu');
    const ascii = new RegExp(asciiPattern(split)!, 'g');

    it(`${name}: finds the same chunks in every ASCII text of one or two characters`, () => {
      expect(ascii.source).not.toContain('\\p');
      for (const a of ASCII) {
        expect(chunks(ascii, a)).toEqual(chunks(unicode, a));
        for (const b of ASCII) expect(chunks(ascii, a + b)).toEqual(chunks(unicode, a + b));
      }
    });

    it(`${name}: finds the same chunks in random ASCII text`, () => {
      // Weighted toward what the pattern tells apart: cases, digits, contractions, line ends, runs of spaces.
      const unit = fc.oneof(
        fc.constantFrom(...ASCII),
        fc.constantFrom(..."aZ09'sStTlLvVeErRdDmM \t\r\n/.,!?-_".split(''), "'ll", "'RE", '   ', '\r\n', '1234'),
      );
      fc.assert(
        fc.property(fc.string({ unit, maxLength: 60 }), (text) => {
          expect(chunks(ascii, text)).toEqual(chunks(unicode, text));
        }),
        { numRuns: 3000 },
      );
    });
  }

  it('keeps escapes and classes it does not narrow, and gives up on a property it does not know', () => {
    expect(asciiPattern('[^\\s\\p{L}\\p{N}]+|\\p{L}+|\\p{M}|\\]')).toBe('[^\\sA-Za-z0-9]+|[A-Za-z]+|[]|\\]');
    expect(asciiPattern('\\p{Sc}')).toBeUndefined();
    expect(asciiPattern('\\P{L}')).toBeUndefined();
  });

  it('the tokenizer splits ASCII texts with it, and makes the Unicode pattern only for a text that is not ASCII', () => {
    const bpe = new Bpe(new RankTable(o200k, () => o200kMore), o200k.split);
    // The flags of every RegExp made from here on.
    const Platform = globalThis.RegExp;
    const made: (string | undefined)[] = [];
    globalThis.RegExp = class extends Platform {
      constructor(pattern: string | RegExp, flags?: string) {
        super(pattern, flags);
        made.push(flags);
      }
    } as RegExpConstructor;
    try {
      expect(bpe.count('Hello there, how are you today? 123')).toBeGreaterThan(0);
      expect(made).toEqual([]);
      expect(bpe.count('Grüße')).toBeGreaterThan(0);
      expect(made.sort()).toEqual(['gu', 'yu']);
    } finally {
      globalThis.RegExp = Platform;
    }
  });
});
