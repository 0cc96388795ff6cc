import { ChatOpenAI } from '@langchain/openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { transports, type Running } from './transports.js';

// LangChain JS: asks for usage on streams, retries on its own, and sorts tool calls
// whose arguments do not parse into invalid_tool_calls.
for (const transport of transports) {
  describe(`LangChain ChatOpenAI over ${transport.name}`, () => {
    let run: Running;
    const model = (options: Record<string, unknown> = {}) =>
      new ChatOpenAI({
        model: 'gpt-4o',
        apiKey: 'test',
        maxRetries: 0,
        configuration: { baseURL: run.baseURL, ...(run.fetch ? { fetch: run.fetch } : {}) },
        ...options,
      });
    beforeAll(async () => {
      run = await transport.start({ seed: 4 });
    });
    afterAll(() => run.close());

    it('invokes and streams the same text, with token usage', async () => {
      const full = await model().invoke('Describe a harbour');
      expect(typeof full.content).toBe('string');
      expect(full.usage_metadata?.output_tokens).toBeGreaterThan(0);
      let text = '';
      let usage;
      for await (const chunk of await model({ streamUsage: true }).stream('Describe a harbour')) {
        text += chunk.content as string;
        if (chunk.usage_metadata) usage = chunk.usage_metadata;
      }
      expect(text).toBe(full.content);
      expect(usage).toMatchObject({ output_tokens: full.usage_metadata?.output_tokens, input_tokens: full.usage_metadata?.input_tokens });
    });

    it('returns tool calls with parsed arguments, and bad arguments as invalid_tool_calls', async () => {
      const tool = { name: 'get_weather', description: 'Weather in a city', schema: z.object({ city: z.string() }) };
      const called = await model().bindTools([tool], { tool_choice: 'get_weather' }).invoke('Weather in Paris?');
      expect(called.tool_calls).toHaveLength(1);
      expect(called.tool_calls![0]).toMatchObject({ name: 'get_weather', args: { city: expect.any(String) } });
      run.mock.use({ reply: { toolCalls: [{ name: 'get_weather', arguments: '{"city": "Par' }] } });
      const broken = await model().bindTools([tool]).invoke('Weather in Paris?');
      expect(broken.tool_calls).toEqual([]);
      expect(broken.invalid_tool_calls).toHaveLength(1);
      run.mock.reset();
    });

    // LangChain's own backoff waits about a second; once, over msw, is enough.
    it.runIf(transport.name === 'msw')('retries a 429 that says when to try again, then succeeds', async () => {
      run.mock.use({ sequence: [{ error: { status: 429, retryAfter: 0.01 } }, { reply: { content: 'after the wait' } }] });
      const answer = await model({ maxRetries: 2 }).invoke('busy?');
      expect(answer.content).toBe('after the wait');
      expect(run.mock.requests.map((r) => r.status)).toEqual([429, 200]);
      run.mock.reset();
    });
  });
}
