import { resolve } from 'node:path';
import OpenAI from 'openai';
import { ContentFilterFinishReasonError } from 'openai/core/error';
import { zodResponseFormat } from 'openai/helpers/zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadScenarios } from '../src/node.js';
import type { Scenario } from '../src/index.js';
import { runnableWeather, weatherTool } from './helpers.js';
import { transports, type Running } from './transports.js';

const shipped = await loadScenarios([resolve(import.meta.dirname, '../scenarios')]);
const ask = (content: string) => [{ role: 'user' as const, content }];

for (const transport of transports) {
  describe(`shipped scenarios over ${transport.name}`, () => {
    let run: Running;
    let client: OpenAI;
    beforeAll(async () => {
      run = await transport.start({ scenarios: shipped });
      client = run.client();
    });
    afterAll(() => run.close());

    it('tool round trip: runTools calls the tool, then gets the scripted answer', async () => {
      const seen: unknown[] = [];
      const runner = client.chat.completions.runTools({
        model: 'gpt-4o',
        messages: ask('What is the weather in Paris?'),
        tools: [
          runnableWeather((args) => {
            seen.push(args);
            return { temperature: 21 };
          }),
        ],
      });
      expect(await runner.finalContent()).toBe('It is sunny in Paris, 21 °C.');
      expect(seen).toEqual([{ city: 'Paris', unit: 'celsius' }]);
      const rules = run.mock.requests.slice(-2).map((r) => r.matchedRule);
      expect(rules).toEqual(['call get_weather', 'answer from the weather result']);
    });

    it('rate limit: maxRetries 0 gets a RateLimitError with the real headers', async () => {
      run.mock.reset();
      const error = await client.chat.completions.create({ model: 'gpt-4o', messages: ask('are you busy?') }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.RateLimitError);
      const e = error as InstanceType<typeof OpenAI.RateLimitError>;
      expect(e).toMatchObject({ status: 429, code: 'rate_limit_exceeded', type: 'requests' });
      expect(e.message).toMatch(/Please try again in 1s/);
      expect(e.headers.get('retry-after')).toBe('1');
      expect(e.headers.get('retry-after-ms')).toBe('1000');
      expect(e.headers.get('x-ratelimit-remaining-requests')).toBe('0');
      expect(e.headers.get('x-ratelimit-limit-tokens')).toBe('150000');
      // The sequence moved on: the next call succeeds.
      const ok = await client.chat.completions.create({ model: 'gpt-4o', messages: ask('are you busy?') });
      expect(ok.choices[0]!.message.content).toBe('ok now');
    });

    it('rate limit: maxRetries 2 waits retry-after, then succeeds', async () => {
      run.mock.reset();
      run.mock.use({
        match: { lastMessage: { contains: 'quick' } },
        sequence: [{ error: { status: 429, retryAfter: 0.05 } }, { reply: { content: 'ok now' } }],
      });
      const started = performance.now();
      const ok = await run.client({ maxRetries: 2 }).chat.completions.create({ model: 'gpt-4o', messages: ask('quick one') });
      expect(ok.choices[0]!.message.content).toBe('ok now');
      expect(performance.now() - started).toBeGreaterThanOrEqual(50);
      expect(run.mock.requests.map((r) => r.status)).toEqual([429, 200]);
    });

    it('auth failure: a revoked key gets AuthenticationError', async () => {
      const error = await run
        .client({ apiKey: 'sk-revoked' })
        .chat.completions.create({ model: 'gpt-4o', messages: ask('hi') })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
      expect(error).toMatchObject({ code: 'invalid_api_key' });
    });

    it('length cutoff: five tokens and finish_reason length', async () => {
      const res = await client.chat.completions.create({ model: 'gpt-4o', messages: ask('write an essay') });
      expect(res.choices[0]!.finish_reason).toBe('length');
      expect(res.usage!.completion_tokens).toBe(5);
    });

    it('content filter: the parse helper throws ContentFilterFinishReasonError', async () => {
      const res = await client.chat.completions.create({ model: 'gpt-4o', messages: ask('something forbidden') });
      expect(res.choices[0]!.finish_reason).toBe('content_filter');
      await expect(
        client.chat.completions.parse({
          model: 'gpt-4o',
          messages: ask('something forbidden'),
          response_format: zodResponseFormat(z.object({ a: z.string() }), 'a'),
        }),
      ).rejects.toBeInstanceOf(ContentFilterFinishReasonError);
    });

    it('refusal: message.refusal set, content null, parsed null; streamed as refusal deltas', async () => {
      const res = await client.chat.completions.create({ model: 'gpt-4o', messages: ask('something dangerous') });
      expect(res.choices[0]!.message).toMatchObject({ content: null, refusal: "I'm sorry, I can't help with that." });
      const parsed = await client.chat.completions.parse({
        model: 'gpt-4o',
        messages: ask('something dangerous'),
        response_format: zodResponseFormat(z.object({ a: z.string() }), 'a'),
      });
      expect(parsed.choices[0]!.message.parsed).toBeNull();
      const final = await client.chat.completions.stream({ model: 'gpt-4o', messages: ask('something dangerous') }).finalChatCompletion();
      expect(final.choices[0]!.message.refusal).toBe("I'm sorry, I can't help with that.");
    });

    it('dropped stream: iteration fails instead of hanging', async () => {
      const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: ask('please drop'), stream: true });
      const got: string[] = [];
      await expect(
        (async () => {
          for await (const chunk of stream) got.push(chunk.choices[0]?.delta.content ?? '');
        })(),
      ).rejects.toThrow(/terminated/);
      expect(got).toHaveLength(3);
    });

    it('a mid-stream error event surfaces as an APIError', async () => {
      run.mock.use({ match: { lastMessage: { contains: 'midway' } }, reply: { streamErrorAfterChunks: 2 } });
      const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: ask('fail midway'), stream: true });
      await expect(
        (async () => {
          for await (const _ of stream) void _;
        })(),
      ).rejects.toBeInstanceOf(OpenAI.APIError);
      run.mock.reset();
    });

    it('a hang ends with the client timeout', async () => {
      run.mock.use({ reply: { hang: true } });
      const error = await run
        .client({ timeout: 100 })
        .chat.completions.create({ model: 'gpt-4o', messages: ask('hello?') })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
      run.mock.reset();
    });

    it('use() rules come first and reset() drops them; unmatched requests are explained', async () => {
      run.mock.use({ name: 'override', reply: { content: 'from use()' } });
      const a = await client.chat.completions.create({ model: 'gpt-4o', messages: ask('are you busy?') });
      expect(a.choices[0]!.message.content).toBe('from use()');
      run.mock.reset();
      const raw = await client.chat.completions.create({ model: 'gpt-4o', messages: ask('plain question') }).withResponse();
      expect(raw.response.headers.get('x-mock-rule')).toBeNull();
      const entry = run.mock.requests.at(-1)!;
      expect(entry.matchedRule).toBeUndefined();
      expect(entry.unmatched).toMatch(/call get_weather: last message does not match/);
      expect(entry.unmatched).toMatch(/revoked key: header authorization is not "Bearer sk-revoked"/);
      expect(entry.unmatched).toMatch(/busy once: last message does not match/);
    });
  });
}

describe('matching', () => {
  const scenario: Scenario = {
    name: 'm',
    rules: [
      { name: 'once', times: 1, match: { lastMessage: { contains: 'once' } }, reply: { content: 'first time' } },
      { name: 'model glob', match: { model: 'gpt-4.1*' }, reply: { content: 'glob' } },
      { name: 'system pirate', match: { anyMessage: { role: 'system', matches: 'pirate|corsair' } }, reply: { content: 'arr' } },
      { name: 'json', match: { responseFormat: 'json_object' }, reply: { content: '{"json":true}' } },
      { name: 'streamed', match: { stream: true }, reply: { content: 'streamed' } },
      { name: 'header', match: { header: { 'X-Test-Case': 'retry' } }, reply: { content: 'by header' } },
      { name: 'fallback', reply: { content: 'fallback' } },
    ],
  };
  let run: Running;
  beforeAll(async () => {
    run = await transports[0]!.start({ scenarios: [scenario] });
  });
  afterAll(() => run.close());

  const content = async (body: Record<string, unknown>, headers?: Record<string, string>) => {
    const res = await run.client().chat.completions.create({ model: 'gpt-4o', messages: ask('hi'), ...body } as never, { headers });
    return (res as OpenAI.ChatCompletion).choices[0]!.message.content;
  };

  it('takes the first rule that matches, each key as documented', async () => {
    expect(await content({ messages: ask('just once') })).toBe('first time');
    expect(await content({ messages: ask('just once') })).toBe('fallback');
    expect(await content({ model: 'gpt-4.1-mini' })).toBe('glob');
    expect(await content({ messages: [{ role: 'system', content: 'You are a corsair.' }, ...ask('hi')] })).toBe('arr');
    expect(await content({ messages: ask('answer in json'), response_format: { type: 'json_object' } })).toBe('{"json":true}');
    expect(await content({}, { 'x-test-case': 'retry' })).toBe('by header');
    expect(await content({})).toBe('fallback');
    const stream = await run
      .client()
      .chat.completions.stream({ model: 'gpt-4o', messages: ask('hi') })
      .finalChatCompletion();
    expect(stream.choices[0]!.message.content).toBe('streamed');
    run.mock.reset();
    expect(await content({ messages: ask('just once') })).toBe('first time');
  });

  it('generates tool arguments from the schema when a rule omits them', async () => {
    run.mock.use({
      match: { tool: 'get_weather' },
      reply: { toolCalls: [{ name: 'get_weather' }, { name: 'get_weather', arguments: '{"city":"Oslo","unit":"celsius"}' }] },
    });
    const res = await run.client().chat.completions.create({ model: 'gpt-4o', messages: ask('hi'), tools: [weatherTool] });
    const [generated, literal] = res.choices[0]!.message.tool_calls!.map((c) => (c.type === 'function' ? JSON.parse(c.function.arguments) : null));
    expect(Object.keys(generated).sort()).toEqual(['city', 'unit']);
    expect(['celsius', 'fahrenheit']).toContain(generated.unit);
    expect(literal).toEqual({ city: 'Oslo', unit: 'celsius' });
    expect(res.choices[0]!.finish_reason).toBe('tool_calls');
    run.mock.reset();
  });
});
