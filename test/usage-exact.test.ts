import fc from 'fast-check';
import { Tiktoken } from 'js-tiktoken/lite';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { describe, expect, it } from 'vitest';
import { completion, newMock } from './helpers.js';

// Usage checked against an independent tokenizer (js-tiktoken) on random conversations,
// for both encodings: the mock's own tokenizer and its vocabulary are not trusted here.
const reference = { 'gpt-4o': new Tiktoken(o200k), 'gpt-4': new Tiktoken(cl100k) } as const;

const text = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom('You are a helpful assistant.', 'Résumé naïve — 北京 😀', "I'm sure they'll say it's fine", 'a'.repeat(300)),
);

describe('usage is exact against js-tiktoken', () => {
  for (const model of ['gpt-4o', 'gpt-4'] as const) {
    it(`${model}: prompt_tokens and completion_tokens, text or JSON, cut or not`, async () => {
      const mock = newMock();
      const count = (s: string) => reference[model].encode(s, [], []).length;
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.record({ role: fc.constantFrom('system', 'user', 'assistant'), content: text }), { minLength: 1, maxLength: 3 }),
          fc.constantFrom(undefined, { type: 'json_object' }),
          fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
          fc.option(fc.constantFrom('.', ' the', ','), { nil: undefined }),
          async (conversation, response_format, max_tokens, stop) => {
            // JSON mode needs the word in the messages, as on the real API.
            const messages = response_format ? [...conversation, { role: 'user', content: 'Reply in JSON.' }] : conversation;
            const body = await completion(mock, { model, messages, response_format, max_tokens, stop });
            const prompt = 3 + messages.reduce((sum, m) => sum + 3 + count(m.role) + count(m.content), 0);
            expect(body.usage.prompt_tokens).toBe(prompt);
            expect(body.usage.completion_tokens).toBe(count(body.choices[0].message.content));
            if (max_tokens !== undefined) expect(body.usage.completion_tokens).toBeLessThanOrEqual(max_tokens);
          },
        ),
        { numRuns: 150 },
      );
    });
  }
});
