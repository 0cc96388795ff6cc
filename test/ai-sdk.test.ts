import { createOpenAI } from '@ai-sdk/openai';
import { generateObject, generateText, streamText } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectToolLoopToEnd } from './ai-sdk-cases.js';
import { z } from 'zod';
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

    it('generates and streams the same text, with usage', async () => {
      const prompt = 'Describe a lighthouse';
      const full = await generateText({ model, prompt });
      expect(full.text.length).toBeGreaterThan(10);
      expect(full.finishReason).toBe('stop');
      expect(full.usage.outputTokens).toBeGreaterThan(0);
      const stream = streamText({ model, prompt });
      let text = '';
      for await (const delta of stream.textStream) text += delta;
      expect(text).toBe(full.text);
      expect((await stream.usage).outputTokens).toBe(full.usage.outputTokens);
      expect(await stream.finishReason).toBe('stop');
    });

    it('runs a tool loop to a final answer', () => expectToolLoopToEnd(model));

    it('generates an object valid against its schema', async () => {
      const schema = z.object({ name: z.string(), tags: z.array(z.string()), rating: z.number().int().min(1).max(5) });
      const { object } = await generateObject({ model, schema, prompt: 'Invent a product' });
      expect(schema.parse(object)).toEqual(object);
    });

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
