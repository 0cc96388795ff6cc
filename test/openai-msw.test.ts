import { setupServer } from 'msw/node';
import OpenAI from 'openai';
import { LengthFinishReasonError } from 'openai/core/error';
import { zodResponseFormat } from 'openai/helpers/zod';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createMock } from '../src/index.js';
import { chatCompletionHandlers } from '../src/msw.js';
import { expectSchema, runnableWeather, weatherTool, fakeKey } from './helpers.js';

const mock = createMock({ seed: 42, apiKeys: [fakeKey('test-key-000000')] });
const server = setupServer(...chatCompletionHandlers(mock));
// The SDK keeps the `fetch` it finds when constructed: create clients after listen().
let client: OpenAI;

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  client = new OpenAI({ apiKey: fakeKey('test-key-000000'), baseURL: 'https://api.openai.com/v1', maxRetries: 0 });
});
afterEach(() => mock.reset());
afterAll(() => server.close());

const messages = [{ role: 'user' as const, content: 'What is the capital of France?' }];

describe('the openai SDK through msw', () => {
  it('creates a completion', async () => {
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages });
    expectSchema('completion', completion);
    expect(completion.choices[0]!.message.content).toMatch(/^\S+( \S+)+$/);
    expect(mock.requests).toHaveLength(1);
    expect(mock.requests[0]!.headers.authorization).toBe('[redacted]');
  });

  it('streams, and the deltas equal the non-streamed answer', async () => {
    const full = await client.chat.completions.create({ model: 'gpt-4o', messages });
    const stream = await client.chat.completions.create({ model: 'gpt-4o', messages, stream: true, stream_options: { include_usage: true } });
    let text = '';
    let usage;
    for await (const chunk of stream) {
      expectSchema('chunk', chunk);
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe(full.choices[0]!.message.content);
    expect(usage).toEqual(full.usage);
  });

  it('works with the chat.completions.stream helper', async () => {
    const full = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools: [weatherTool], tool_choice: 'required' });
    const runner = client.chat.completions.stream({ model: 'gpt-4o-mini', messages, tools: [weatherTool], tool_choice: 'required' });
    const deltas: string[] = [];
    runner.on('content', (delta) => deltas.push(delta));
    const final = await runner.finalChatCompletion();
    const call = final.choices[0]!.message.tool_calls![0]!;
    expect(call.type).toBe('function');
    expect(call.type === 'function' && call.function.arguments).toBe(
      full.choices[0]!.message.tool_calls![0]!.type === 'function' && full.choices[0]!.message.tool_calls![0]!.function.arguments,
    );
    expect(final.choices[0]!.finish_reason).toBe('tool_calls');

    const text = client.chat.completions.stream({ model: 'gpt-4o-mini', messages });
    const contents: string[] = [];
    text.on('content', (delta) => contents.push(delta));
    const done = await text.finalChatCompletion();
    expect(contents.join('')).toBe(done.choices[0]!.message.content);
  });

  it('parses structured output with a zod schema', async () => {
    const Event = z.object({
      name: z.string(),
      date: z.string(),
      participants: z.array(z.string()),
      priority: z.enum(['low', 'high']),
      location: z.object({ city: z.string(), capacity: z.number().int() }),
    });
    const completion = await client.chat.completions.parse({
      model: 'gpt-4o-2024-08-06',
      messages: [{ role: 'user', content: 'Alice and Bob are going to a science fair on Friday.' }],
      response_format: zodResponseFormat(Event, 'event'),
    });
    const parsed = completion.choices[0]!.message.parsed;
    expect(Event.parse(parsed)).toEqual(parsed);
    expect(['low', 'high']).toContain(parsed!.priority);
  });

  it('raises LengthFinishReasonError when a parse is cut by max tokens', async () => {
    await expect(
      client.chat.completions.parse({
        model: 'gpt-4o',
        messages,
        max_completion_tokens: 3,
        response_format: zodResponseFormat(z.object({ answer: z.string() }), 'answer'),
      }),
    ).rejects.toBeInstanceOf(LengthFinishReasonError);
  });

  it('runs a tool loop with runTools to a final answer', async () => {
    const calls: string[] = [];
    const runner = client.chat.completions.runTools({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'What is the weather like in Paris today?' }],
      tools: [
        runnableWeather((args) => {
          calls.push(args.city);
          return { temperature: 21, unit: args.unit };
        }),
      ],
    });
    const content = await runner.finalContent();
    expect(calls).toHaveLength(1);
    expect(content).toMatch(/^\S+( \S+)+$/);
    const roles = runner.messages.map((m) => m.role);
    expect(roles).toEqual(['user', 'assistant', 'tool', 'assistant']);
  });

  it('handles n, stop, max tokens and logprobs', async () => {
    const three = await client.chat.completions.create({ model: 'gpt-4o', messages, n: 3 });
    expect(three.choices).toHaveLength(3);
    const full = three.choices[0]!.message.content!;
    const stop = full.split(' ')[2]!;
    const stopped = await client.chat.completions.create({ model: 'gpt-4o', messages, stop: [stop] });
    expect(stopped.choices[0]!.message.content).toBe(full.slice(0, full.indexOf(stop)));
    const cut = await client.chat.completions.create({ model: 'gpt-4o', messages, max_completion_tokens: 4 });
    expect(cut.choices[0]!.finish_reason).toBe('length');
    expect(cut.usage!.completion_tokens).toBe(4);
    const lp = await client.chat.completions.create({ model: 'gpt-4o', messages, logprobs: true, top_logprobs: 2 });
    expect(lp.choices[0]!.logprobs!.content!.map((t) => t.token).join('')).toBe(full);
  });

  it('surfaces 400s as BadRequestError with type, param and code', async () => {
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ temperature: 5 }, 'temperature'],
      [{ n: 0 }, 'n'],
      [{ top_p: 2 }, 'top_p'],
      [{ logprobs: true, top_logprobs: 30 }, 'top_logprobs'],
      [{ messages: [{ role: 'robot', content: 'x' }] }, 'messages[0].role'],
      [{ response_format: { type: 'yaml' } }, 'response_format.type'],
      [{ messages: [] }, 'messages'],
    ];
    for (const [patch, param] of bad) {
      const error = await client.chat.completions.create({ model: 'gpt-4o', messages, ...patch } as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      expect(error).toMatchObject({ status: 400, type: 'invalid_request_error', param });
    }
  });

  it('surfaces a wrong key as AuthenticationError', async () => {
    const wrong = new OpenAI({ apiKey: fakeKey('not-the-right-one'), baseURL: 'https://api.openai.com/v1', maxRetries: 0 });
    const error = await wrong.chat.completions.create({ model: 'gpt-4o', messages }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: 'invalid_api_key' });
  });

  it('lists and retrieves models', async () => {
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toContain('gpt-4o');
    expect((await client.models.retrieve('gpt-4.1')).id).toBe('gpt-4.1');
    await expect(client.models.retrieve('nope')).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('serves only the given baseUrl when one is set', async () => {
    const scoped = setupServer(...chatCompletionHandlers(createMock(), { baseUrl: 'http://llm.local/v1' }));
    server.close();
    scoped.listen({ onUnhandledRequest: 'error' });
    try {
      const local = new OpenAI({ apiKey: 'x', baseURL: 'http://llm.local/v1', maxRetries: 0 });
      expect((await local.chat.completions.create({ model: 'gpt-4o', messages })).object).toBe('chat.completion');
      const other = new OpenAI({ apiKey: 'x', baseURL: 'http://elsewhere.local/v1', maxRetries: 0 });
      await expect(other.chat.completions.create({ model: 'gpt-4o', messages })).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
    } finally {
      scoped.close();
      server.listen({ onUnhandledRequest: 'error' });
    }
  });
});
