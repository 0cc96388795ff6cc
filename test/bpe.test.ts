import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { Tiktoken } from 'js-tiktoken/lite';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { describe, expect, it } from 'vitest';
import { createMock } from '../src/index.js';
import { loadEncoder } from '../src/generate/tokens.js';
import { apiError, post, user } from './helpers.js';

// js-tiktoken is an independent implementation of the same tables: the reference.
const reference = { o200k_base: new Tiktoken(o200k), cl100k_base: new Tiktoken(cl100k) } as const;
const encodings = ['o200k_base', 'cl100k_base'] as const;
// Special tokens as plain text, as the mock reads every message (tiktoken's encode_ordinary).
const expected = (name: (typeof encodings)[number], text: string) => reference[name].encode(text, [], []);

const realText = [
  readFileSync(new URL('../README.md', import.meta.url), 'utf8'),
  readFileSync(new URL('../src/generate/bpe.ts', import.meta.url), 'utf8'),
  'Café naïve façade — “quotes”, emoji 😀👍🏽 and 🇫🇷, tabs\tand\r\nnewlines   with   runs of spaces.',
  '北京是中华人民共和国的首都，也是全国的政治和文化中心。東京は日本の首都です。서울은 한국의 수도입니다.',
  'Привет, как дела? Ελληνικά κείμενα. مرحبا بالعالم. नमस्ते दुनिया। שלום עולם',
  "I'm sure they'll say it's fine, we've done what you'd want. DON'T SHOUT. Ünïcödé UPPER lower MiXeD.",
  '<|endoftext|> and <|im_start|> are plain text here, as in encode_ordinary.',
  '\uFEFFusing System;\n\uFEFF#include \uFEFF\uFEFF text after byte-order marks',
  '{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]} 1234567 3.14159 0x1F',
];

describe('Bpe: the same tokens as js-tiktoken', () => {
  for (const name of encodings) {
    it(`${name}: real text, token for token`, async () => {
      const encoder = await loadEncoder(name);
      for (const text of realText) {
        expect(encoder.encode(text)).toEqual(expected(name, text));
        expect(encoder.count(text)).toBe(expected(name, text).length);
        const tokenized = encoder.tokenize(text);
        expect(tokenized.pieces.join('')).toBe(text);
        expect(tokenized.tokens).toBe(encoder.count(text));
      }
    });

    it(`${name}: long runs without spaces (where gpt-tokenizer's merge is quadratic)`, async () => {
      const encoder = await loadEncoder(name);
      for (const text of ['a'.repeat(1500), '中'.repeat(500), 'ab1'.repeat(500), ' '.repeat(500) + 'x', '😀'.repeat(200), 'x'.repeat(600) + 'é'.repeat(200)]) {
        expect(encoder.encode(text)).toEqual(expected(name, text));
      }
    });

    it(`${name}: random text`, async () => {
      const encoder = await loadEncoder(name);
      const alphabet = fc.constantFrom(...'aAbZ eé中😀\n\t.,\'s1209_-{}"'.split(''), 'll', "'re", '  ');
      const texts = fc.oneof(
        fc.string({ unit: alphabet, maxLength: 80 }),
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.string({ unit: 'binary', maxLength: 30 }),
        fc.string({ unit: fc.constantFrom('\uD800', '\uDC00', '\uFFFF', '\u0085', '\u00A0', 'a', ' ', '\n'), maxLength: 30 }),
      );
      fc.assert(
        fc.property(texts, (text) => {
          const tokens = expected(name, text);
          expect(encoder.encode(text)).toEqual(tokens);
          // count finds chunks its own way (a sticky test, looked up in place): the same number.
          expect(encoder.count(text)).toBe(tokens.length);
        }),
        { numRuns: 300 },
      );
    });
  }
});

describe('Bpe: bounded work on pathological text', () => {
  // Lookups of a pair's rank are the unit of merge work: at most 3 per byte (n - 1 to
  // start, 2 per merge, one per final token), so the cost is linear in lookups and
  // n log n with the heap, whatever the text. gpt-tokenizer's loop rescans every pair
  // after each merge: ~n^2 / 2 for a run like these.
  for (const [label, text] of [
    ["'a' x 100,000", 'a'.repeat(100_000)],
    ["'中' x 40,000", '中'.repeat(40_000)],
    ["' ' x 50,000", ' '.repeat(50_000)],
  ] as const) {
    it(`${label}: at most 3 lookups per byte`, async () => {
      const encoder = await loadEncoder('o200k_base');
      const bytes = Buffer.byteLength(text);
      const before = encoder.work.lookups;
      const tokens = encoder.count(text);
      const lookups = encoder.work.lookups - before;
      expect(tokens).toBeGreaterThan(0);
      expect(lookups).toBeLessThanOrEqual(3 * bytes);
    });
  }

  it('the work per byte does not grow with the length', async () => {
    const encoder = await loadEncoder('o200k_base');
    const perByte = (n: number) => {
      const before = encoder.work.lookups;
      encoder.count('b'.repeat(n));
      return (encoder.work.lookups - before) / n;
    };
    const small = perByte(10_000);
    expect(perByte(400_000)).toBeLessThanOrEqual(small * 1.01);
  });

  it("a 20,000-character word gets an answer with exact usage, the tokenizer's work bounded", async () => {
    const encoder = await loadEncoder('o200k_base');
    const mock = createMock();
    const content = 'a'.repeat(20_000);
    const before = encoder.work.lookups;
    const res = await mock.fetch(
      new Request('http://x/v1/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'gpt-4o', messages: [user(content)] }) }),
    );
    expect(res.status).toBe(200);
    expect(encoder.work.lookups - before).toBeLessThanOrEqual(3 * content.length);
    const body = (await res.json()) as { usage: { prompt_tokens: number } };
    // The cookbook rule: 3 per message, the role's token, the content's, 3 to prime the reply.
    expect(body.usage.prompt_tokens).toBe(3 + 1 + encoder.count(content) + 3);
    // The run's tokens, checked independently on a slice: 8 'a's per token in o200k_base.
    expect(reference.o200k_base.encode('a'.repeat(800)).length).toBe(100);
    expect(encoder.count(content)).toBe(2_500);
  });

  it('the run named is the longest one, wherever it lies; runs at the limit pass', async () => {
    const mock = createMock();
    const send = (content: string) => post(mock, { model: 'gpt-4o', messages: [user(content)] });
    const a = (n: number) => 'a'.repeat(n);
    for (const [content, run] of [
      [`x ${a(20_001)} y`, '20,001'],
      [`${a(25_000)} ${a(30_000)}`, '30,000'],
      [`${a(30_000)}.${a(25_000)}`, '30,000'],
      [`${'word '.repeat(9_000)}${a(20_500)}`, '20,500'],
    ] as const) {
      expect((await apiError(mock, { model: 'gpt-4o', messages: [user(content)] })).message).toContain(`a run of ${run} characters`);
    }
    expect((await send(`${a(20_000)} ${a(20_000)}`)).status).toBe(200);
  });

  it('a longer run without a break gets a 400 naming the limit, before any tokenizer work', async () => {
    // Embeddings count on cl100k_base, the rest here on o200k_base: neither may do any work.
    const encoders = [await loadEncoder('o200k_base'), await loadEncoder('cl100k_base')];
    const work = () => encoders.map((e) => e.work.lookups);
    const mock = createMock();
    for (const [endpoint, body, param] of [
      ['chat/completions', { model: 'gpt-4o', messages: [user('x '.repeat(10) + 'a'.repeat(1_000_000))] }, 'messages'],
      ['chat/completions', { model: 'gpt-4o', messages: [user('中'.repeat(40_000))] }, 'messages'],
      ['responses', { model: 'gpt-4o', input: 'a'.repeat(20_001) }, 'input'],
      ['embeddings', { model: 'text-embedding-3-small', input: ['fine', 'b'.repeat(30_000)] }, 'input[1]'],
      // A list of one is still a list: its entry is input[0], as the token-limit error names it.
      ['embeddings', { model: 'text-embedding-3-small', input: ['b'.repeat(30_000)] }, 'input[0]'],
    ] as const) {
      const before = work();
      const res = await mock.fetch(new Request(`http://x/v1/${endpoint}`, { method: 'POST', body: JSON.stringify(body) }));
      expect(res.status).toBe(400);
      const { error } = (await res.json()) as { error: { message: string; param: string } };
      expect(error.message).toMatch(
        /^Invalid request: it holds a run of [\d,]+ characters with no space or punctuation; completions-mock counts tokens in runs of at most 20,000/,
      );
      expect(error.param).toBe(param);
      expect(work()).toEqual(before);
    }
  });
});
