import { createOpenAI } from '@ai-sdk/openai';
import { generateText, streamText } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectObjectToFitSchema, expectStreamToMatchText, expectToolLoopToEnd } from './ai-sdk-cases.js';
import { transports, type Running } from './transports.js';

// The AI SDK's default OpenAI provider, `openai('model')`, calls /responses (not /chat/completions).
for (const transport of transports) {
  describe(`Vercel AI SDK default provider (Responses API) over ${transport.name}`, () => {
    let run: Running;
    let model: ReturnType<ReturnType<typeof createOpenAI>>;
    beforeAll(async () => {
      run = await transport.start({ seed: 12 });
      model = createOpenAI({ baseURL: run.baseURL, apiKey: 'test', ...(run.fetch ? { fetch: run.fetch } : {}) })('gpt-4o-mini');
    });
    afterAll(() => run.close());

    it('generates and streams the same text, with usage, through /responses', async () => {
      await expectStreamToMatchText(model, 'Describe a windmill');
      expect(run.mock.requests.slice(-2).map((entry) => entry.endpoint)).toEqual(['responses', 'responses']);
    });

    it('reports max_output_tokens as a length finish', async () => {
      const result = await generateText({ model, prompt: 'A long tale', maxOutputTokens: 16 });
      expect(result.finishReason).toBe('length');
      expect(result.usage.outputTokens).toBe(16);
    });

    it('runs a tool loop to a final answer', () => expectToolLoopToEnd(model));

    it('continues a stored conversation through item references', async () => {
      const store = { openai: { store: true } };
      const first = await generateText({ model, prompt: 'Name a river', providerOptions: store });
      const messages = [{ role: 'user' as const, content: 'Name a river' }, ...first.response.messages, { role: 'user' as const, content: 'And a lake?' }];
      const second = await generateText({ model, messages, providerOptions: store });
      const input = (run.mock.requests.at(-1)!.body as { input: Array<{ type?: string }> }).input;
      expect(input.map((item) => item.type ?? 'message')).toEqual(['message', 'item_reference', 'message']);
      // The referenced item stands for the first answer: the same words as sending it whole.
      const whole = await generateText({ model, messages, providerOptions: { openai: { store: false } } });
      expect(second.text).toBe(whole.text);
    });

    it('generates an object valid against its schema', () => expectObjectToFitSchema(model));

    it('reports a failed stream as an error part', async () => {
      run.mock.use({ reply: { streamErrorAfterChunks: 4 } });
      const parts: string[] = [];
      const stream = streamText({ model, prompt: 'fail me', onError: () => {} });
      for await (const part of stream.fullStream) parts.push(part.type);
      run.mock.reset();
      expect(parts).toContain('error');
      expect(await stream.finishReason).toBe('error');
    });
  });
}
