import { resolve } from 'node:path';
import { zodTextFormat } from 'openai/helpers/zod';
import type { FunctionTool, ResponseInputItem } from 'openai/resources/responses/responses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadScenarios } from '../src/node.js';
import { transports, type Running } from './transports.js';

const weather: FunctionTool = {
  type: 'function',
  name: 'get_weather',
  description: 'Get the weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
  strict: true,
};

const shipped = await loadScenarios([resolve(import.meta.dirname, '../scenarios/responses-web-search.yaml')]);

// openai-node 6's Responses client: create, stream, parse, retrieve, delete, in-process and over HTTP.
for (const transport of transports) {
  describe(`openai-node responses over ${transport.name}`, () => {
    let run: Running;
    beforeAll(async () => {
      run = await transport.start({ seed: 5, scenarios: shipped });
    });
    afterAll(() => run.close());

    it('answers with the same words as chat completions, and output_text joins them', async () => {
      const client = run.client();
      const res = await client.responses.create({ model: 'gpt-4o-mini', instructions: 'Be brief.', input: 'Tell me about Lisbon' });
      expect(res.object).toBe('response');
      expect(res.id).toMatch(/^resp_[0-9a-f]{50}$/);
      expect(res.status).toBe('completed');
      const [message] = res.output;
      expect(message).toMatchObject({ type: 'message', role: 'assistant', status: 'completed' });
      expect(message!.id).toMatch(/^msg_/);
      const chat = await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Tell me about Lisbon' },
        ],
      });
      expect(res.output_text).toBe(chat.choices[0]!.message.content);
      expect(res.usage).toMatchObject({
        input_tokens: chat.usage!.prompt_tokens,
        output_tokens: chat.usage!.completion_tokens,
        total_tokens: chat.usage!.total_tokens,
        output_tokens_details: { reasoning_tokens: 0 },
      });
    });

    it('streams named events whose deltas concatenate to the created text', async () => {
      const client = run.client();
      const plain = await client.responses.create({ model: 'gpt-4o-mini', input: 'Stream a haiku' });
      const stream = await client.responses.create({ model: 'gpt-4o-mini', input: 'Stream a haiku', stream: true });
      const types: string[] = [];
      const sequence: number[] = [];
      let text = '';
      for await (const event of stream) {
        types.push(event.type);
        sequence.push(event.sequence_number);
        if (event.type === 'response.output_text.delta') text += event.delta;
      }
      expect(text).toBe(plain.output_text);
      expect(sequence).toEqual(sequence.map((_, i) => i));
      const distinct = types.filter((t, i) => t !== types[i - 1]);
      expect(distinct).toEqual([
        'response.created',
        'response.in_progress',
        'response.output_item.added',
        'response.content_part.added',
        'response.output_text.delta',
        'response.output_text.done',
        'response.content_part.done',
        'response.output_item.done',
        'response.completed',
      ]);
    });

    it('gives responses.stream().finalResponse() the whole response', async () => {
      const client = run.client();
      const plain = await client.responses.create({ model: 'gpt-4o', input: 'Describe a harbour' });
      const stream = client.responses.stream({ model: 'gpt-4o', input: 'Describe a harbour' });
      const deltas: string[] = [];
      stream.on('response.output_text.delta', (event) => deltas.push(event.delta));
      const final = await stream.finalResponse();
      expect(final.output_text).toBe(plain.output_text);
      expect(deltas.join('')).toBe(plain.output_text);
      expect(final.status).toBe('completed');
      expect(final.usage?.output_tokens).toBe(plain.usage?.output_tokens);
    });

    it('parses structured output with zodTextFormat', async () => {
      const client = run.client();
      const Event = z.object({ name: z.string(), date: z.string(), participants: z.array(z.string()) });
      const res = await client.responses.parse({
        model: 'gpt-4o-mini',
        input: [{ role: 'user', content: 'Alice and Bob go to a science fair on Friday.' }],
        text: { format: zodTextFormat(Event, 'event') },
      });
      expect(res.output_parsed).not.toBeNull();
      expect(Event.parse(res.output_parsed)).toEqual(res.output_parsed);
    });

    it('cuts at max_output_tokens: status incomplete, exactly that many tokens', async () => {
      const client = run.client();
      const full = await client.responses.create({ model: 'gpt-4o', input: 'A long story please' });
      const cut = await client.responses.create({ model: 'gpt-4o', input: 'A long story please', max_output_tokens: 16 });
      expect(cut.status).toBe('incomplete');
      expect(cut.incomplete_details).toEqual({ reason: 'max_output_tokens' });
      expect(cut.usage?.output_tokens).toBe(16);
      expect(full.output_text.startsWith(cut.output_text)).toBe(true);
      expect(cut.output_text.length).toBeLessThan(full.output_text.length);
    });

    it('adds a reasoning item and reasoning tokens on reasoning models', async () => {
      const client = run.client();
      const low = await client.responses.create({ model: 'o4-mini', input: 'Think about primes', reasoning: { effort: 'low' } });
      const high = await client.responses.create({ model: 'o4-mini', input: 'Think about primes', reasoning: { effort: 'high' } });
      expect(low.output[0]).toMatchObject({ type: 'reasoning', summary: [] });
      expect(low.output[0]!.id).toMatch(/^rs_/);
      expect(high.usage!.output_tokens_details.reasoning_tokens).toBeGreaterThan(low.usage!.output_tokens_details.reasoning_tokens);
      expect(high.output_text).toBe(low.output_text);
      expect(high.reasoning?.effort).toBe('high');
    });

    it('runs a function tool loop with previous_response_id, and with the whole history in input', async () => {
      const client = run.client();
      const first = await client.responses.create({ model: 'gpt-4o', input: 'What is the weather in Paris?', tools: [weather] });
      const call = first.output.find((item) => item.type === 'function_call');
      expect(call).toMatchObject({ type: 'function_call', name: 'get_weather', status: 'completed' });
      if (call?.type !== 'function_call') throw new Error('no function call');
      expect(call.call_id).toMatch(/^call_/);
      expect(call.id).toMatch(/^fc_/);
      expect(JSON.parse(call.arguments)).toEqual({ city: expect.any(String) });
      const result: ResponseInputItem = { type: 'function_call_output', call_id: call.call_id, output: '{"temperature":21}' };

      const chained = await client.responses.create({ model: 'gpt-4o', previous_response_id: first.id, input: [result], tools: [weather] });
      expect(chained.previous_response_id).toBe(first.id);
      expect(chained.output.map((item) => item.type)).toEqual(['message']);
      expect(chained.output_text.length).toBeGreaterThan(0);

      const whole = await client.responses.create({
        model: 'gpt-4o',
        input: [{ role: 'user', content: 'What is the weather in Paris?' }, call, result],
        tools: [weather],
      });
      // The same conversation, sent whole or continued from the store, says the same words.
      expect(whole.output_text).toBe(chained.output_text);
    });

    it('retrieves and deletes stored responses; store: false keeps nothing', async () => {
      const client = run.client();
      const res = await client.responses.create({ model: 'gpt-4o', input: 'Keep me' });
      const again = await client.responses.retrieve(res.id);
      expect(again.id).toBe(res.id);
      expect(again.output_text).toBe(res.output_text);
      const items = await client.responses.inputItems.list(res.id);
      expect(items.data).toMatchObject([{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Keep me' }] }]);
      // openai-node types the answer as void; the API sends a deletion notice.
      expect(await client.responses.delete(res.id)).toEqual({ id: res.id, object: 'response', deleted: true });
      await expect(client.responses.retrieve(res.id)).rejects.toMatchObject({ status: 404 });
      await expect(client.responses.delete(res.id)).rejects.toMatchObject({ status: 404 });

      const unstored = await client.responses.create({ model: 'gpt-4o', input: 'Forget me', store: false });
      await expect(client.responses.retrieve(unstored.id)).rejects.toMatchObject({ status: 404 });
      await expect(client.responses.create({ model: 'gpt-4o', input: 'More', previous_response_id: unstored.id })).rejects.toMatchObject({
        status: 400,
        param: 'previous_response_id',
        code: 'previous_response_not_found',
        message: expect.stringContaining(unstored.id),
      });
    });

    it('forgets stored responses on reset()', async () => {
      const client = run.client();
      const res = await client.responses.create({ model: 'gpt-4o', input: 'Short-lived' });
      run.mock.reset();
      await expect(client.responses.retrieve(res.id)).rejects.toMatchObject({ status: 404 });
    });

    it('refuses built-in tools unless a scenario rule scripts the answer (the shipped example)', async () => {
      const client = run.client();
      await expect(client.responses.create({ model: 'gpt-4o', input: 'Search the web', tools: [{ type: 'web_search' }] })).rejects.toMatchObject({
        status: 400,
        param: 'tools[0].type',
        message: expect.stringContaining("built-in tool 'web_search'"),
      });
      const scripted = await client.responses.create({ model: 'gpt-4o', input: 'What is the latest news?', tools: [{ type: 'web_search' }] });
      expect(scripted.output_text).toBe("According to today's headlines, the harbour bridge reopened after repairs.");
      expect(run.mock.requests.at(-1)?.matchedRule).toBe('scripted web search answer');
    });

    it('reports a scripted mid-stream failure as the API does: the SDK throws', async () => {
      const client = run.client();
      const stream = await client.responses.create({ model: 'gpt-4o', input: 'a flaky stream', stream: true });
      const seen: string[] = [];
      const failure = await (async () => {
        for await (const event of stream) seen.push(event.type);
      })().catch((error: unknown) => error);
      expect(seen).toEqual(['response.created', 'response.in_progress', 'response.output_item.added', 'response.content_part.added']);
      expect(failure).toMatchObject({ type: 'server_error', code: 'server_error' });
    });
  });
}
