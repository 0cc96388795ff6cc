import { createOpenAI } from '@ai-sdk/openai';
import { streamText } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectObjectToFitSchema, expectStreamToMatchText, expectToolLoopToEnd } from './ai-sdk-cases.js';
import { transports, type Running } from './transports.js';

// The Vercel AI SDK's OpenAI chat provider: stricter than openai-node about shapes
// (choices[].index, tool call types, usage in streams).
for (const transport of transports) {
  describe(`Vercel AI SDK over ${transport.name}`, () => {
    let run: Running;
    let model: ReturnType<ReturnType<typeof createOpenAI>['chat']>;
    beforeAll(async () => {
      run = await transport.start({ seed: 11 });
      model = createOpenAI({ baseURL: run.baseURL, apiKey: 'test', ...(run.fetch ? { fetch: run.fetch } : {}) }).chat('gpt-4o');
    });
    afterAll(() => run.close());

    it('generates and streams the same text, with usage', () => expectStreamToMatchText(model, 'Describe a lighthouse'));

    it('runs a tool loop to a final answer', () => expectToolLoopToEnd(model));

    it('generates an object valid against its schema', () => expectObjectToFitSchema(model));

    it('reports a dropped stream as an error, not a hang', async () => {
      run.mock.use({ reply: { disconnectAfterChunks: 2 } });
      const parts: string[] = [];
      const stream = streamText({ model, prompt: 'drop me', onError: () => {} });
      // The two chunks before the cut arrive (the role, then one text delta); then iteration fails.
      const error = await (async () => {
        for await (const part of stream.fullStream) parts.push(part.type);
      })().catch((e: unknown) => e);
      expect(String((error as { cause?: unknown }).cause)).toMatch(/^TypeError: terminated/);
      expect(parts).toEqual(['start', 'start-step', 'text-start', 'text-delta']);
      run.mock.reset();
    });
  });
}
