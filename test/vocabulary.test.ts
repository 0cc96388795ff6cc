import { Tiktoken } from 'js-tiktoken/lite';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { describe, expect, it } from 'vitest';
import { generateJsonObject, generateTextTokens } from '../src/generate/text.js';
import { TEMPLATES, VOCABULARY } from '../src/generate/vocabulary.js';

// Generated text is counted without a tokenizer: every piece must be one token in
// both encodings, and the real tokenizer must split the text at exactly those pieces.
const encoders = { o200k_base: new Tiktoken(o200k), cl100k_base: new Tiktoken(cl100k) };

describe('the vocabulary of generated text', () => {
  for (const [name, encoder] of Object.entries(encoders)) {
    it(`${name}: every word, with its space, is one token`, () => {
      const words = Object.values(VOCABULARY).flat();
      const notOne = words.filter((word) => encoder.encode(` ${word}`).length !== 1);
      expect(notOne).toEqual([]);
    });

    it(`${name}: every template word and mark is one token, the first word with and without a space`, () => {
      const notOne: string[] = [];
      for (const template of TEMPLATES) {
        const parts = template.replace(/\{\w+\}/g, '').match(/[^\s.,!?]+|[.,!?]/g)!;
        const first = template.split(' ')[0]!;
        for (const piece of [first, ...parts.map((p) => (/^[.,!?]$/.test(p) ? p : ` ${p}`))]) {
          if (encoder.encode(piece).length !== 1) notOne.push(piece);
        }
      }
      expect(notOne).toEqual([]);
    });

    it(`${name}: the tokenizer splits generated text at exactly its pieces`, () => {
      for (let seed = 0; seed < 300; seed++) {
        const { pieces, tokens } = generateTextTokens(seed * 7919);
        const ids = encoder.encode(pieces.join(''));
        expect(ids.map((id) => encoder.decode([id]))).toEqual(pieces);
        expect(tokens).toBe(ids.length);
      }
    });
  }

  it('is a pure function of the seed', () => {
    expect(generateTextTokens(42)).toEqual(generateTextTokens(42));
    expect(generateTextTokens(42)).not.toEqual(generateTextTokens(43));
    expect(generateJsonObject(7)).toEqual(generateJsonObject(7));
    expect(generateJsonObject(7).id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
