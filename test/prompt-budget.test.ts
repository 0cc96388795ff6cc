import fc from 'fast-check';
import { Tiktoken } from 'js-tiktoken/lite';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import o200kRanks from 'js-tiktoken/ranks/o200k_base';
import { describe, expect, it, vi } from 'vitest';
import { EXACT_CHARS, loadEncoder, wordStarts } from '../src/generate/tokens.js';
import { apiError, newMock, post, user } from './helpers.js';

// A prompt past the context window is counted exactly up to EXACT_CHARS characters; past
// those, only until it is known to be over, so a 10 MB body costs a window's worth of counting.
const reference = new Tiktoken(cl100k);
// ' word' is one token in both encodings, so k of them are at least k tokens whatever the framing.
const words = (k: number) => 'word '.repeat(k);

describe('prompt counting past the context window', () => {
  it('a prompt under EXACT_CHARS but over the window: the real 400 with the exact count', async () => {
    const content = words(40_000);
    expect(content.length).toBeLessThan(EXACT_CHARS);
    const error = await apiError(newMock(), { model: 'gpt-4', messages: [user(content)] });
    // The cookbook rule: 3 per message, the role's token, the content's, 3 to prime the reply.
    const exact = 3 + 1 + reference.encode(content).length + 3;
    expect(error).toMatchObject({ param: 'messages', code: 'context_length_exceeded' });
    expect(error.message).toBe(
      `This model's maximum context length is 8192 tokens. However, your messages resulted in ${exact} tokens. Please reduce the length of the messages.`,
    );
  });

  it('a prompt far past EXACT_CHARS stops counting once over the window, and says so', async () => {
    const k = 400_000;
    expect(words(k).length).toBeGreaterThan(EXACT_CHARS);
    const error = await apiError(newMock(), { model: 'gpt-4', messages: [user(words(k))] });
    // Counting stopped inside the message once past the window: all it knows is that much.
    expect(error.message).toBe(
      "This model's maximum context length is 8192 tokens. However, your messages resulted in more than 8192 tokens. Please reduce the length of the messages.",
    );
  });

  it('the same over many messages: counting stops between them', async () => {
    const messages = Array.from({ length: 300 }, (_, i) => user(`${i} ${words(1_000)}`));
    const error = await apiError(newMock(), { model: 'gpt-4', messages });
    const [, counted] = /resulted in more than (\d+) tokens/.exec(error.message) ?? [];
    expect(Number(counted)).toBeGreaterThan(8192);
    // Exact up to EXACT_CHARS (about 210 messages here), then past the window at once: short of all 300.
    expect(Number(counted)).toBeLessThan(300 * 1_000);
    // It stopped at the first message past EXACT_CHARS, not later.
    expect(Number(counted)).toBeLessThan((Math.ceil(EXACT_CHARS / words(1_000).length) + 1) * 1_010);
  });

  it('a prompt at the window is counted exactly, however long its text; one token more is over', async () => {
    const framing = 3 + 3 + 1; // priming, the message, its role
    const res = await post(newMock(), { model: 'gpt-4.1', messages: [user(' word'.repeat(1_047_576 - framing))] });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { usage: { prompt_tokens: number } }).usage.prompt_tokens).toBe(1_047_576);
    const error = await apiError(newMock(), { model: 'gpt-4.1', messages: [user(' word'.repeat(1_047_576 - framing + 1))] });
    expect(error.message).toMatch(
      /^This model's maximum context length is 1047576 tokens\. However, your messages resulted in (more than 1047576|1047577) tokens\./,
    );
  });

  it('a model the mock does not list has the largest context window it lists', async () => {
    const error = await apiError(newMock(), { model: 'my-local-model', messages: [user(words(1_100_000))] });
    expect(error.message).toBe(
      `This model's maximum context length is 1047576 tokens. However, your messages resulted in more than 1047576 tokens. Please reduce the length of the messages.`,
    );
  });

  it('the Responses API words it as the real one does, with no count', async () => {
    const error = await apiError(newMock(), { model: 'gpt-4', input: words(400_000) }, 400, '/responses');
    expect(error).toEqual({
      message: 'Your input exceeds the context window of this model. Please adjust your input and try again.',
      type: 'invalid_request_error',
      param: 'input',
      code: 'context_length_exceeded',
    });
  });

  it('embeddings: an input is counted only until over its limit, a request until over its total', async () => {
    const one = await apiError(newMock(), { model: 'text-embedding-3-small', input: words(400_000) }, 400, '/embeddings');
    expect(one.message).toBe("Invalid 'input': maximum input length is 8192 tokens.");
    // 40 inputs of 8,000 tokens: 320,000, past the 300,000 a request may hold, and 1.6 MB of text.
    const many = await apiError(newMock(), { model: 'text-embedding-3-small', input: Array.from({ length: 40 }, () => words(7_999)) }, 400, '/embeddings');
    const [, counted] = /^Requested more than (\d+) tokens, max 300000 tokens per request$/.exec(many.message) ?? [];
    expect(Number(counted)).toBeGreaterThanOrEqual(300_000);
    expect(Number(counted)).toBeLessThan(40 * 7_999);
    // The input that crosses the request's total is still held to its own limit first.
    const crossing = await apiError(
      newMock(),
      { model: 'text-embedding-3-small', input: [...Array.from({ length: 37 }, () => words(7_999)), words(9_000)] },
      400,
      '/embeddings',
    );
    expect(crossing.message).toBe("Invalid 'input[37]': maximum input length is 8192 tokens.");
  });
});

describe('Encoder.count with a limit', () => {
  it('is exact up to the limit, and Infinity once past it with text left', async () => {
    const encoder = await loadEncoder('o200k_base');
    const text = ' word'.repeat(20);
    expect(encoder.count(text)).toBe(20);
    expect(encoder.count(text, 20)).toBe(20);
    // Past the limit on the last token is still exact: nothing is left uncounted.
    expect(encoder.count(text, 19)).toBe(20);
    expect(encoder.count(' word', 0)).toBe(1);
    expect(encoder.count(text, 18)).toBe(Infinity);
    expect(encoder.count(text, 0)).toBe(Infinity);
    // The same for a text long enough to be remembered (a system prompt resent by every test).
    const long = ' word'.repeat(100);
    expect(encoder.count(long)).toBe(100);
    expect(encoder.count(long, 98)).toBe(Infinity);
    expect(encoder.count(long, 99)).toBe(100);
  });
});

describe('a lower bound read in one pass (wordStarts)', () => {
  it('is never more than the real tokens, in either encoding', () => {
    const o200k = new Tiktoken(o200kRanks);
    const word = fc.stringMatching(/^[A-Za-z]{1,8}$/);
    const glue = fc.constantFrom(' ', '  ', '\n', '\t', "'s ", "'LL ", '-', ', ', '. ', ' 42 ', '\r\n', ' é', '中', ' 😀 ', '');
    const soup = fc.array(fc.tuple(word, glue), { maxLength: 60 }).map((parts) => parts.map(([w, g]) => w + g).join(''));
    fc.assert(
      fc.property(fc.oneof(soup, fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
        const bound = wordStarts(text);
        expect(bound).toBeLessThanOrEqual(o200k.encode(text, [], []).length);
        expect(bound).toBeLessThanOrEqual(reference.encode(text, [], []).length);
      }),
      { numRuns: 250, seed: 7 },
    );
  });

  it('answers a prompt far past a million-token window without counting it', async () => {
    const encoder = await loadEncoder('o200k_base');
    const count = vi.spyOn(encoder, 'count');
    try {
      const error = await apiError(newMock(), { model: 'gpt-4.1', messages: [user(words(1_200_000))] });
      expect(error.message).toMatch(/^This model's maximum context length is 1047576 tokens\. However, your messages resulted in more than 1047576 tokens\./);
      // The 6 MB message was bounded, not counted: only short texts (the role) went to the tokenizer.
      expect(count).toHaveBeenCalled();
      expect(Math.max(...count.mock.calls.map(([text]) => text.length))).toBeLessThan(100);
    } finally {
      count.mockRestore();
    }
  });
});
