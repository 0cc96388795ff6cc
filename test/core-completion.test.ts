import { Ajv } from 'ajv';
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { describe, expect, it } from 'vitest';
import { chatGeneration } from '../src/endpoints/chat-completions/conversation.js';
import { usageJson } from '../src/endpoints/chat-completions/response-meta.js';
import { generateAnswer } from '../src/generate/answer.js';
import { completion, joinedContent, newMock, post, streamChunks, user, weatherTool } from './helpers.js';

// An independent tokenizer (js-tiktoken), so counts are not checked against the mock's own.
const tiktoken = new Tiktoken(o200k);
const countTokens = (text: string) => tiktoken.encode(text).length;

const ask = (content: string, extra: Record<string, unknown> = {}) => ({
  model: 'gpt-4o',
  messages: [{ role: 'system', content: 'You are helpful.' }, user(content)],
  ...extra,
});

describe('chat.completion', () => {
  it('answers with the real shape, headers and exact usage', async () => {
    const mock = newMock();
    const res = await post(mock, ask('Tell me about Paris'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
    expect(res.headers.get('openai-version')).toBe('2020-10-01');
    const body = await res.json();
    const { message, finish_reason } = body.choices[0];
    expect(finish_reason).toBe('stop');
    expect(message.content.length).toBeGreaterThan(20);
    expect(message.content).toMatch(/^[A-Z][^\n]+[.!?]$/);
    expect(body.usage.completion_tokens).toBe(countTokens(message.content));
    // Cookbook rule: 3 per message + role and content tokens, +3 priming.
    const prompt = 3 + (3 + countTokens('system') + countTokens('You are helpful.')) + (3 + countTokens('user') + countTokens('Tell me about Paris'));
    expect(body.usage.prompt_tokens).toBe(prompt);
    expect(body.usage.total_tokens).toBe(prompt + body.usage.completion_tokens);
  });

  it('counts a name as one extra token', async () => {
    const mock = newMock();
    const a = await completion(mock, { model: 'gpt-4o', messages: [user('Hi')] });
    const b = await completion(mock, { model: 'gpt-4o', messages: [{ ...user('Hi'), name: 'bob' }] });
    expect(b.usage.prompt_tokens - a.usage.prompt_tokens).toBe(countTokens('bob') + 1);
  });

  it('is a pure function of seed and conversation', async () => {
    const mock = newMock({ seed: 7 });
    const a = await completion(mock, ask('Hello'));
    const b = await completion(mock, { messages: ask('Hello').messages, model: 'gpt-4o', temperature: 1.5, user: 'u1', top_p: 0.5 });
    const c = await completion(newMock({ seed: 8 }), ask('Hello'));
    const d = await completion(mock, ask('Hello!'));
    expect(b.choices[0].message.content).toBe(a.choices[0].message.content);
    expect(c.choices[0].message.content).not.toBe(a.choices[0].message.content);
    expect(d.choices[0].message.content).not.toBe(a.choices[0].message.content);
    expect(a.id).not.toBe(b.id);
  });

  it('ignores key order in the conversation', async () => {
    const mock = newMock();
    const a = await completion(mock, { model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] });
    const b = await completion(mock, { messages: [{ content: 'x', role: 'user' }], model: 'gpt-4o' });
    expect(b.choices[0].message.content).toBe(a.choices[0].message.content);
  });

  it('gives n distinct choices, choice 0 being the n=1 answer', async () => {
    const mock = newMock();
    const one = await completion(mock, ask('Hi'));
    const three = await completion(mock, ask('Hi', { n: 3 }));
    expect(three.choices.map((c: any) => c.index)).toEqual([0, 1, 2]);
    expect(three.choices[0].message.content).toBe(one.choices[0].message.content);
    expect(new Set(three.choices.map((c: any) => c.message.content)).size).toBe(3);
    const tokens = three.choices.reduce((sum: number, c: any) => sum + countTokens(c.message.content), 0);
    expect(three.usage.completion_tokens).toBe(tokens);
  });

  it('cuts at exactly max_completion_tokens, as a prefix of the full answer', async () => {
    const mock = newMock();
    const full = (await completion(mock, ask('Explain'))).choices[0].message.content as string;
    for (const max of [1, 5, 12]) {
      const cut = await completion(mock, ask('Explain', { max_completion_tokens: max }));
      expect(cut.choices[0].finish_reason).toBe('length');
      expect(full.startsWith(cut.choices[0].message.content)).toBe(true);
      expect(countTokens(cut.choices[0].message.content)).toBe(max);
      expect(cut.usage.completion_tokens).toBe(max);
    }
    const legacy = await completion(mock, ask('Explain', { max_tokens: 3 }));
    expect(countTokens(legacy.choices[0].message.content)).toBe(3);
    const roomy = await completion(mock, ask('Explain', { max_tokens: 4000 }));
    expect(roomy.choices[0]).toMatchObject({ finish_reason: 'stop', message: { content: full } });
  });

  it('stops before the first stop sequence', async () => {
    const mock = newMock();
    const full = (await completion(mock, ask('Explain'))).choices[0].message.content as string;
    const words = full.split(' ');
    const stop = [` ${words[3]}`, ` ${words[6]}`];
    const cut = await completion(mock, ask('Explain', { stop }));
    const expected = full.slice(0, Math.min(...stop.map((s) => full.indexOf(s))));
    expect(cut.choices[0]).toMatchObject({ finish_reason: 'stop', message: { content: expected } });
    expect(cut.usage.completion_tokens).toBe(countTokens(expected));
    const single = await completion(mock, ask('Explain', { stop: stop[0] }));
    expect(single.choices[0].message.content).toBe(full.slice(0, full.indexOf(stop[0]!)));
  });

  it('returns logprobs whose tokens spell the content', async () => {
    const mock = newMock();
    const body = await completion(mock, ask('Hi', { logprobs: true, top_logprobs: 3 }));
    const { content } = body.choices[0].message;
    const entries = body.choices[0].logprobs.content as any[];
    expect(entries.map((e) => e.token).join('')).toBe(content);
    expect(entries.length).toBe(countTokens(content));
    for (const entry of entries) {
      expect(entry.logprob).toBeLessThanOrEqual(0);
      expect(entry.bytes).toEqual([...new TextEncoder().encode(entry.token)]);
      expect(entry.top_logprobs).toHaveLength(3);
      expect(entry.top_logprobs[0].token).toBe(entry.token);
      const mass = entry.top_logprobs.reduce((sum: number, t: any) => sum + Math.exp(t.logprob), 0);
      expect(mass).toBeLessThanOrEqual(1);
    }
    const plain = await completion(mock, ask('Hi'));
    expect(plain.choices[0].logprobs).toBeNull();
    expect(plain.choices[0].message.content).toBe(content);
  });

  it('answers json_object with a JSON object', async () => {
    const body = await completion(newMock(), ask('Reply in JSON', { response_format: { type: 'json_object' } }));
    const parsed = JSON.parse(body.choices[0].message.content);
    expect(parsed).toBeTypeOf('object');
    expect(Array.isArray(parsed)).toBe(false);
  });

  it('answers json_schema with a value valid against the schema', async () => {
    const schema = {
      type: 'object',
      properties: {
        name: { type: 'string' },
        email: { type: 'string' },
        age: { type: 'integer', minimum: 18, maximum: 99 },
        code: { type: 'string', pattern: '^[A-Z]{2}-\\d{4}$' },
        status: { type: 'string', enum: ['active', 'banned'] },
        tags: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 3 },
        address: {
          type: 'object',
          properties: { city: { type: 'string' }, zip: { type: ['string', 'null'] } },
          required: ['city', 'zip'],
          additionalProperties: false,
        },
      },
      required: ['name', 'email', 'age', 'code', 'status', 'tags', 'address'],
      additionalProperties: false,
    };
    const validate = new Ajv({ strict: false }).compile(schema);
    const mock = newMock();
    const values = [];
    for (const topic of ['a', 'b', 'c', 'd']) {
      const body = await completion(mock, ask(topic, { response_format: { type: 'json_schema', json_schema: { name: 'person', strict: true, schema } } }));
      const value = JSON.parse(body.choices[0].message.content);
      expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
      values.push(value);
    }
    expect(values[0].email).toMatch(/@/);
    expect(new Set(values.map((v) => v.name)).size).toBeGreaterThan(1);
  });

  it('spends reasoning tokens by effort on reasoning models, and omits logprobs', async () => {
    const mock = newMock();
    const tokens: number[] = [];
    for (const effort of ['minimal', 'low', 'medium', 'high']) {
      const body = await completion(mock, { model: 'o4-mini', messages: [user('Think')], reasoning_effort: effort });
      expect(body.choices[0]).not.toHaveProperty('logprobs');
      const { reasoning_tokens } = body.usage.completion_tokens_details;
      expect(body.usage.completion_tokens).toBe(reasoning_tokens + countTokens(body.choices[0].message.content));
      tokens.push(reasoning_tokens);
    }
    expect(tokens[0]).toBe(0);
    expect(tokens[1]).toBeLessThan(tokens[2]!);
    expect(tokens[2]).toBeLessThan(tokens[3]!);
  });
});

describe('tool calls', () => {
  const calendarTool = {
    type: 'function',
    function: {
      name: 'create_event',
      parameters: {
        type: 'object',
        properties: {
          title: { type: 'string' },
          attendees: { type: 'array', items: { type: 'string', pattern: '^[a-z]+@example\\.com$' }, minItems: 1 },
          minutes: { type: 'integer', minimum: 15, maximum: 120, multipleOf: 15 },
        },
        required: ['title', 'attendees', 'minutes'],
        additionalProperties: false,
      },
    },
  };

  it('calls a required tool with arguments valid against its schema', async () => {
    const ajv = new Ajv({ strict: false });
    const mock = newMock();
    for (const tool of [weatherTool, calendarTool]) {
      const body = await completion(mock, ask('Do it', { tools: [tool], tool_choice: 'required' }));
      const choice = body.choices[0];
      expect(choice.finish_reason).toBe('tool_calls');
      expect(choice.message.content).toBeNull();
      const [call] = choice.message.tool_calls;
      expect(call.function.name).toBe(tool.function.name);
      const args = JSON.parse(call.function.arguments);
      expect(ajv.validate(tool.function.parameters, args), JSON.stringify(ajv.errors)).toBe(true);
    }
  });

  it('honours tool_choice none, a named function, and answers after a tool result', async () => {
    const mock = newMock();
    const tools = [weatherTool, calendarTool];
    const none = await completion(mock, ask('weather?', { tools, tool_choice: 'none' }));
    expect(none.choices[0].message.tool_calls).toBeUndefined();
    const named = await completion(mock, ask('weather?', { tools, tool_choice: { type: 'function', function: { name: 'create_event' } } }));
    expect(named.choices[0].message.tool_calls.map((c: any) => c.function.name)).toEqual(['create_event']);
    const first = await completion(mock, ask('What is the weather in Paris?', { tools }));
    const call = first.choices[0].message.tool_calls[0];
    expect(call.function.name).toBe('get_weather');
    const after = await completion(mock, {
      model: 'gpt-4o',
      tools,
      messages: [user('What is the weather in Paris?'), first.choices[0].message, { role: 'tool', tool_call_id: call.id, content: '{"temp":21}' }],
    });
    expect(after.choices[0].finish_reason).toBe('stop');
    expect(after.choices[0].message.content).toBeTypeOf('string');
  });

  it('calls every mentioned tool in parallel unless parallel_tool_calls is false', async () => {
    const mock = newMock();
    const tools = [weatherTool, calendarTool];
    const text = 'Check the weather and create an event';
    const parallel = await completion(mock, ask(text, { tools }));
    expect(parallel.choices[0].message.tool_calls.map((c: any) => c.function.name)).toEqual(['get_weather', 'create_event']);
    const ids = parallel.choices[0].message.tool_calls.map((c: any) => c.id);
    expect(new Set(ids).size).toBe(2);
    const single = await completion(mock, ask(text, { tools, parallel_tool_calls: false }));
    expect(single.choices[0].message.tool_calls).toHaveLength(1);
  });

  it('with auto, decides deterministically between answering and calling', async () => {
    const mock = newMock();
    const kinds = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const body = await completion(mock, ask(`Something unrelated ${i}`, { tools: [weatherTool] }));
      const again = await completion(mock, ask(`Something unrelated ${i}`, { tools: [weatherTool] }));
      expect(again.choices[0].finish_reason).toBe(body.choices[0].finish_reason);
      kinds.add(body.choices[0].finish_reason);
    }
    expect(kinds).toEqual(new Set(['stop', 'tool_calls']));
  });
});

describe('streaming', () => {
  it('streams token deltas that concatenate to the non-streamed content', async () => {
    const mock = newMock();
    const full = await completion(mock, ask('Stream please'));
    const chunks = await streamChunks(await post(mock, ask('Stream please', { stream: true })));
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '', refusal: null });
    expect(joinedContent(chunks)).toBe(full.choices[0].message.content);
    const contentChunks = chunks.filter((c) => c.choices[0]?.delta.content);
    expect(contentChunks.length).toBe(countTokens(full.choices[0].message.content));
    const last = chunks.at(-1);
    expect(last.choices[0]).toEqual({ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' });
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
    for (const chunk of chunks) expect(chunk).not.toHaveProperty('usage');
  });

  it('adds usage: null to every chunk and a final usage chunk with include_usage', async () => {
    const mock = newMock();
    const full = await completion(mock, ask('Usage'));
    const chunks = await streamChunks(await post(mock, ask('Usage', { stream: true, stream_options: { include_usage: true } })));
    const last = chunks.at(-1);
    expect(last.choices).toEqual([]);
    expect(last.usage).toEqual(full.usage);
    for (const chunk of chunks.slice(0, -1)) expect(chunk.usage).toBeNull();
  });

  it('streams tool calls as a header delta then argument fragments', async () => {
    const mock = newMock();
    const full = await completion(mock, ask('Weather in Paris?', { tools: [weatherTool] }));
    const chunks = await streamChunks(await post(mock, ask('Weather in Paris?', { tools: [weatherTool], stream: true })));
    const first = chunks[0].choices[0].delta;
    expect(first).toMatchObject({ role: 'assistant', content: null, refusal: null });
    expect(first.tool_calls[0]).toMatchObject({ index: 0, type: 'function', function: { name: 'get_weather', arguments: '' } });
    expect(first.tool_calls[0].id).toMatch(/^call_/);
    const fragments = chunks.slice(1, -1).map((c) => c.choices[0].delta.tool_calls[0]);
    for (const f of fragments) expect(Object.keys(f).sort()).toEqual(['function', 'index']);
    expect(fragments.map((f) => f.function.arguments).join('')).toBe(full.choices[0].message.tool_calls[0].function.arguments);
    expect(chunks.at(-1).choices[0]).toMatchObject({ delta: {}, finish_reason: 'tool_calls' });
  });

  it('streams n choices, each with its own index and finish', async () => {
    const mock = newMock();
    const full = await completion(mock, ask('Many', { n: 2 }));
    const chunks = await streamChunks(await post(mock, ask('Many', { n: 2, stream: true })));
    for (const index of [0, 1]) {
      expect(joinedContent(chunks, index)).toBe(full.choices[index].message.content);
      expect(chunks.filter((c) => c.choices[0]?.index === index && c.choices[0].finish_reason === 'stop')).toHaveLength(1);
    }
  });

  it('streams logprobs with each content delta', async () => {
    const chunks = await streamChunks(await post(newMock(), ask('Lp', { stream: true, logprobs: true, top_logprobs: 2 })));
    const content = chunks.filter((c) => c.choices[0]?.delta.content);
    for (const chunk of content) {
      const entry = chunk.choices[0].logprobs.content[0];
      expect(entry.token).toBe(chunk.choices[0].delta.content);
      expect(entry.top_logprobs).toHaveLength(2);
    }
  });
});

describe('the usage object, written out by hand for speed', () => {
  it("is byte for byte JSON.stringify's, for the usage the generator makes", async () => {
    const requests = [
      ask('plain'),
      ask('two choices, cut', { n: 2, max_tokens: 3 }),
      { ...ask('reasoning'), model: 'o3', reasoning_effort: 'high' },
      ask('tools', { tools: [weatherTool] }),
    ];
    for (const req of requests) {
      const answer = await generateAnswer(chatGeneration(req as never), {}, 7);
      if (!answer.ok) throw new Error('expected an answer');
      const { usage } = answer.generated;
      expect(usageJson(usage)).toBe(JSON.stringify(usage));
      expect(usageJson({ ...usage, total_time: undefined })).toBe(JSON.stringify({ ...usage, total_time: undefined }));
    }
  });
});

describe('the request path', () => {
  it('once nothing needs loading, answers a distinct request at once: a plan, no promise (with Faker loaded, a schema too)', async () => {
    const { coreOf, createMock } = await import('../src/mock/mock.js');
    const core = coreOf(createMock());
    const request = (body: unknown) => ({ method: 'POST', path: '/v1/chat/completions', headers: {}, body: JSON.stringify(body) });
    const schema = {
      type: 'json_schema',
      json_schema: {
        name: 'city',
        strict: true,
        schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
      },
    };
    // The first requests load the tokenizer's table, and Faker for the schema: promises.
    await core.handle(request(ask('first')));
    await core.handle(request(ask('first schema', { response_format: schema })));
    for (const body of [ask('a distinct question'), ask('another, streamed', { stream: true }), ask('a distinct schema', { response_format: schema })]) {
      const handled = core.handle(request(body));
      expect(handled).not.toBeInstanceOf(Promise);
      const { plan } = handled as Awaited<typeof handled>;
      expect('status' in plan && plan.status).toBe(200);
    }
  });
});
