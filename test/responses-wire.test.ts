import fc from 'fast-check';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMock, type ChatMock } from '../src/index.js';
import { startServer, type MockServer } from '../src/node.js';
import { ResponseStore, type StoredResponse } from '../src/endpoints/responses/store.js';
import { apiError as anyApiError, BASE, expectSettlesAfter, post } from './helpers.js';

const respond = (mock: ChatMock, body: unknown) => post(mock, body, {}, '/responses');
const apiError = (mock: ChatMock, body: unknown, status = 400) => anyApiError(mock, body, status, '/responses');

interface Sse {
  event: string;
  data: any;
}

/** Splits a Responses SSE body into events, checking the framing: `event: <type>` then `data:`, no [DONE]. */
function parseNamedSse(text: string): Sse[] {
  expect(text.endsWith('\n\n')).toBe(true);
  return text
    .slice(0, -2)
    .split('\n\n')
    .map((block) => {
      const lines = block.split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^event: [a-z_.]+$/);
      expect(lines[1]!.startsWith('data: {')).toBe(true);
      const event = lines[0]!.slice('event: '.length);
      const data = JSON.parse(lines[1]!.slice('data: '.length));
      expect(data.type).toBe(event);
      return { event, data };
    });
}

const weather = { type: 'function', name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };

describe('POST /responses: the real 400s', () => {
  const mock = createMock();
  const cases: Array<[string, unknown, Record<string, unknown>]> = [
    ['no model', { input: 'hi' }, { param: 'model', code: 'missing_required_parameter', message: "Missing required parameter: 'model'." }],
    ['no input', { model: 'gpt-4o' }, { param: 'input', code: 'missing_required_parameter', message: "Missing required parameter: 'input'." }],
    [
      'input of the wrong type',
      { model: 'gpt-4o', input: 5 },
      { param: 'input', code: 'invalid_type', message: "Invalid type for 'input': expected a string or an array, but got an integer instead." },
    ],
    ['a message with a bad role', { model: 'gpt-4o', input: [{ role: 'robot', content: 'x' }] }, { param: 'input[0].role', code: 'invalid_value' }],
    ['a function call without call_id', { model: 'gpt-4o', input: [{ type: 'function_call', name: 'f', arguments: '{}' }] }, { param: 'input[0].call_id' }],
    [
      'temperature above 2',
      { model: 'gpt-4o', input: 'hi', temperature: 2.5 },
      {
        param: 'temperature',
        code: 'decimal_above_max_value',
        message: "Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got 2.5 instead.",
      },
    ],
    [
      'an unknown verbosity (a nullable enum: null is not offered)',
      { model: 'gpt-4o', input: 'hi', text: { verbosity: 'loud' } },
      { param: 'text.verbosity', code: 'invalid_value', message: "Invalid value: 'loud'. Supported values are: 'low', 'medium', and 'high'." },
    ],
    ['top_p below 0', { model: 'gpt-4o', input: 'hi', top_p: -0.1 }, { param: 'top_p', code: 'decimal_below_min_value' }],
    ['max_output_tokens below 16', { model: 'gpt-4o', input: 'hi', max_output_tokens: 10 }, { param: 'max_output_tokens', code: 'integer_below_min_value' }],
    ['max_output_tokens above the model', { model: 'gpt-4o', input: 'hi', max_output_tokens: 100000 }, { param: 'max_output_tokens', code: 'invalid_value' }],
    ['temperature on a reasoning model', { model: 'o3', input: 'hi', temperature: 0.2 }, { param: 'temperature', code: 'unsupported_parameter' }],
    [
      'reasoning.effort on gpt-4o',
      { model: 'gpt-4o', input: 'hi', reasoning: { effort: 'high' } },
      { param: 'reasoning.effort', code: 'unsupported_parameter' },
    ],
    ['a bad tool_choice', { model: 'gpt-4o', input: 'hi', tools: [weather], tool_choice: 'sometimes' }, { param: 'tool_choice', code: 'invalid_value' }],
    [
      'a tool_choice naming no tool',
      { model: 'gpt-4o', input: 'hi', tools: [weather], tool_choice: { type: 'function', name: 'nope' } },
      { param: 'tool_choice' },
    ],
    ['json_schema without a schema', { model: 'gpt-4o', input: 'hi', text: { format: { type: 'json_schema', name: 'x' } } }, { param: 'text.format.schema' }],
    ['json_object without the word json', { model: 'gpt-4o', input: 'hi', text: { format: { type: 'json_object' } } }, { param: 'input' }],
    ['a tool result for no call', { model: 'gpt-4o', input: [{ type: 'function_call_output', call_id: 'call_x', output: '1' }] }, { param: 'input' }],
    [
      'an unknown previous response',
      { model: 'gpt-4o', input: 'hi', previous_response_id: 'resp_missing' },
      { param: 'previous_response_id', code: 'previous_response_not_found', message: "Previous response with id 'resp_missing' not found." },
    ],
    ['an unknown item reference', { model: 'gpt-4o', input: [{ type: 'item_reference', id: 'msg_gone' }] }, { param: 'input[0].id' }],
    [
      'a built-in tool',
      { model: 'gpt-4o', input: 'hi', tools: [{ type: 'file_search', vector_store_ids: ['vs_1'] }] },
      { param: 'tools[0].type', code: 'unsupported_tool' },
    ],
  ];
  it.each(cases)('%s', async (_, body, expected) => {
    const error = await apiError(mock, body);
    expect(error).toMatchObject({ type: 'invalid_request_error', ...expected });
    expect(typeof error.message).toBe('string');
  });

  it('answers GET and DELETE of an unknown id with a 404 naming it', async () => {
    for (const method of ['GET', 'DELETE']) {
      const res = await mock.fetch(`${BASE}/responses/resp_nope`, { method });
      expect(res.status).toBe(404);
      expect(((await res.json()) as any).error.message).toBe("Response with id 'resp_nope' not found.");
    }
  });
});

describe('POST /responses: the response object', () => {
  it('carries the echo fields clients read', async () => {
    const mock = createMock({ seed: 2 });
    const format = {
      type: 'json_schema',
      name: 'city',
      strict: true,
      schema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'], additionalProperties: false },
    };
    const res = await respond(mock, {
      model: 'gpt-4o',
      input: 'A city',
      text: { format },
      temperature: 0.3,
      top_p: 0.9,
      tools: [weather],
      tool_choice: 'none',
      parallel_tool_calls: false,
      metadata: { run: '1' },
    });
    const body = (await res.json()) as any;
    expect(body).toMatchObject({
      object: 'response',
      status: 'completed',
      error: null,
      incomplete_details: null,
      model: 'gpt-4o',
      temperature: 0.3,
      top_p: 0.9,
      tool_choice: 'none',
      parallel_tool_calls: false,
      text: { format },
      tools: [{ type: 'function', name: 'get_weather', parameters: weather.parameters, strict: true }],
      metadata: { run: '1' },
      store: true,
      previous_response_id: null,
    });
    expect(body.created_at).toBe(Math.floor(body.created_at));
    const [item] = body.output;
    expect(item.content).toEqual([{ type: 'output_text', annotations: [], logprobs: [], text: expect.any(String) }]);
    expect(JSON.parse(item.content[0].text)).toEqual({ name: expect.any(String) });
  });

  it('echoes the defaults for fields the request left out', async () => {
    const mock = createMock();
    const plain = (await (await respond(mock, { model: 'gpt-4o', input: 'hi' })).json()) as any;
    expect(plain).toMatchObject({
      instructions: null,
      max_output_tokens: null,
      parallel_tool_calls: true,
      previous_response_id: null,
      reasoning: { effort: null, summary: null },
      store: true,
      temperature: 1,
      text: { format: { type: 'text' }, verbosity: 'medium' },
      tool_choice: 'auto',
      tools: [],
      top_p: 1,
      metadata: {},
    });
    const reasoning = (await (await respond(mock, { model: 'o3', input: 'hi', reasoning: { summary: 'auto' } })).json()) as any;
    expect(reasoning.reasoning).toEqual({ effort: 'medium', summary: 'auto' });
  });

  it('scripts replies: refusal, length -> incomplete, content filter', async () => {
    const mock = createMock();
    mock.use({ match: { lastMessage: { contains: 'refuse' } }, reply: { refusal: "I can't help with that." } });
    mock.use({ match: { lastMessage: { contains: 'cut' } }, reply: { content: 'one two three', finishReason: 'length' } });
    mock.use({ match: { lastMessage: { contains: 'filter' } }, reply: { finishReason: 'content_filter' } });
    const refused = (await (await respond(mock, { model: 'gpt-4o', input: 'please refuse' })).json()) as any;
    expect(refused.output[0].content).toEqual([{ type: 'refusal', refusal: "I can't help with that." }]);
    const cut = (await (await respond(mock, { model: 'gpt-4o', input: 'cut me' })).json()) as any;
    expect(cut).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } });
    const filtered = (await (await respond(mock, { model: 'gpt-4o', input: 'filter me' })).json()) as any;
    expect(filtered).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'content_filter' } });
  });
});

describe('Responses streams over HTTP (raw fetch: the exact SSE framing any client reads)', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startServer({ port: 0, seed: 4 });
  });
  afterAll(() => server.close());
  const postHttp = (body: unknown) =>
    fetch(`${server.url}/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
      body: JSON.stringify(body),
    });

  it('sends named events numbered from 0, no [DONE], deltas adding up to the stored text', async () => {
    const res = await postHttp({ model: 'gpt-4o', input: 'Stream over HTTP', stream: true });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = await res.text();
    expect(text).not.toContain('[DONE]');
    const events = parseNamedSse(text);
    expect(events.map((e) => e.data.sequence_number)).toEqual(events.map((_, i) => i));
    const done = events.at(-1)!.data.response;
    expect(events.at(-1)!.event).toBe('response.completed');
    expect(events[0]!.data.response).toMatchObject({ id: done.id, status: 'in_progress', output: [], usage: null });
    const deltas = events.filter((e) => e.event === 'response.output_text.delta');
    expect(deltas.length).toBeGreaterThan(3);
    for (const { data } of deltas) expect(data).toMatchObject({ item_id: done.output[0].id, output_index: 0, content_index: 0 });
    expect(deltas.map((e) => e.data.delta).join('')).toBe(done.output[0].content[0].text);
    const stored = (await (await fetch(`${server.url}/v1/responses/${done.id}`)).json()) as any;
    expect(stored).toEqual(done);
  });

  it('streams function calls as argument deltas', async () => {
    const res = await postHttp({ model: 'gpt-4o', input: 'weather in Oslo', tools: [weather], tool_choice: 'required', stream: true });
    const events = parseNamedSse(await res.text());
    const names = events.map((e) => e.event).filter((t, i, all) => t !== all[i - 1]);
    expect(names).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
    const added = events.find((e) => e.event === 'response.output_item.added')!.data.item;
    expect(added).toMatchObject({ type: 'function_call', status: 'in_progress', arguments: '', name: 'get_weather' });
    const args = events
      .filter((e) => e.event === 'response.function_call_arguments.delta')
      .map((e) => e.data.delta)
      .join('');
    expect(events.find((e) => e.event === 'response.function_call_arguments.done')!.data.arguments).toBe(args);
    expect(events.at(-1)!.data.response.output[0]).toMatchObject({ id: added.id, call_id: added.call_id, arguments: args });
  });

  it('ends a cut stream with response.incomplete, and a refusal with refusal events', async () => {
    const cut = parseNamedSse(await (await postHttp({ model: 'gpt-4o', input: 'cut short', max_output_tokens: 16, stream: true })).text());
    expect(cut.at(-1)!.event).toBe('response.incomplete');
    expect(cut.at(-1)!.data.response.usage.output_tokens).toBe(16);
    server.mock.use({ reply: { refusal: 'No.' } });
    const refused = parseNamedSse(await (await postHttp({ model: 'gpt-4o', input: 'refuse', stream: true })).text());
    expect(refused.map((e) => e.event)).toContain('response.refusal.delta');
    expect(refused.find((e) => e.event === 'response.refusal.done')!.data.refusal).toBe('No.');
    server.mock.reset();
  });

  it('fails mid-stream with an error event, then response.failed', async () => {
    server.mock.use({ reply: { streamErrorAfterChunks: 3 } });
    const events = parseNamedSse(await (await postHttp({ model: 'gpt-4o', input: 'fail', stream: true })).text());
    server.mock.reset();
    expect(events.map((e) => e.event)).toEqual(['response.created', 'response.in_progress', 'response.output_item.added', 'error', 'response.failed']);
    expect(events[3]!.data).toMatchObject({ sequence_number: 3, error: { type: 'server_error', code: 'server_error' } });
    expect(events[4]!.data).toMatchObject({ sequence_number: 4, response: { status: 'failed', error: { code: 'server_error' } } });
  });

  it('fails in place of response.completed when streamErrorAfterChunks is past the end, and keeps nothing', async () => {
    server.mock.use({ reply: { streamErrorAfterChunks: 10_000 } });
    const events = parseNamedSse(await (await postHttp({ model: 'gpt-4o', input: 'fail late', stream: true })).text());
    server.mock.reset();
    expect(events.map((e) => e.event).slice(-3)).toEqual(['response.output_item.done', 'error', 'response.failed']);
    const failed = events.at(-1)!.data as { response: { id: string } };
    expect((await fetch(`${server.url}/v1/responses/${failed.response.id}`)).status).toBe(404);
  });

  it('drops the connection after disconnectAfterChunks events', async () => {
    server.mock.use({ reply: { disconnectAfterChunks: 3 } });
    const res = await postHttp({ model: 'gpt-4o', input: 'drop', stream: true });
    const failure = await res.text().catch((error: unknown) => error);
    server.mock.reset();
    expect(failure).toBeInstanceOf(Error);
  });
});

describe('a long Responses stream', () => {
  it('numbers every event in order past the numbers whose joints are kept, with escaped pieces among plain ones', async () => {
    // ' the' is a plain piece (one token, nothing to escape); the quoted lines are not. Sent twice
    // with the escapes moved, so a joint kept for one kind of piece is never reused for the other.
    for (const shift of [0, 1]) {
      const content = Array.from({ length: 1_300 }, (_, i) => ((i + shift) % 97 === 0 ? ` "quoted ${i}"\n` : ' the')).join('');
      const mock = createMock({ scenarios: [{ rules: [{ reply: { content } }] }] });
      const events = parseNamedSse(await (await respond(mock, { model: 'gpt-4o', input: 'long', stream: true })).text());
      expect(events.length).toBeGreaterThan(1_300);
      expect(events.map((e) => e.data.sequence_number)).toEqual(events.map((_, i) => i));
      const deltas = events.filter((e) => e.event === 'response.output_text.delta');
      expect(deltas.filter((e) => e.data.delta === ' the').length).toBeGreaterThan(1_200);
      expect(deltas.map((e) => e.data.delta).join('')).toBe(content);
      expect(events.at(-1)!.data.response.output[0].content[0].text).toBe(content);
    }
  });
});

describe('Responses latency', () => {
  it('holds the first event for firstTokenMs (fake timers)', async () => {
    vi.useFakeTimers();
    try {
      const mock = createMock();
      mock.use({ reply: { latency: { firstTokenMs: 300 } } });
      const res = await respond(mock, { model: 'gpt-4o', input: 'slow', stream: true });
      const reader = res.body!.getReader();
      await expectSettlesAfter(reader.read(), 300);
      await reader.cancel();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('stored responses', () => {
  it('keeps at most 1,000, oldest evicted first', async () => {
    const mock = createMock();
    const ids: string[] = [];
    for (let i = 0; i <= 1000; i++) {
      const res = await respond(mock, { model: 'gpt-4o', input: `number ${i}`, max_output_tokens: 16 });
      ids.push(((await res.json()) as { id: string }).id);
    }
    const status = async (id: string) => (await mock.fetch(`${BASE}/responses/${id}`)).status;
    expect(await status(ids[0]!)).toBe(404);
    expect(await status(ids[1]!)).toBe(200);
    expect(await status(ids[1000]!)).toBe(200);
  });

  it('holds the newest `limit` of those not deleted, through any adds, deletes and clears', () => {
    const op = fc.oneof(
      { weight: 8, arbitrary: fc.constant({ kind: 'add' as const }) },
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), back: fc.nat(12) }) },
      { weight: 1, arbitrary: fc.constant({ kind: 'clear' as const }) },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(op, { maxLength: 200 }), (limit, ops) => {
        const store = new ResponseStore(limit);
        // The model: what is held, oldest first.
        let held: string[] = [];
        const added: string[] = [];
        for (const step of ops) {
          if (step.kind === 'add') {
            const id = `resp_${added.length}`;
            added.push(id);
            store.add({ id } as StoredResponse);
            held.push(id);
            if (held.length > limit) held.shift();
          } else if (step.kind === 'delete') {
            const id = added[added.length - 1 - step.back];
            if (id === undefined) continue;
            expect(store.delete(id)).toBe(held.includes(id));
            held = held.filter((kept) => kept !== id);
          } else {
            store.clear();
            held = [];
          }
          for (const id of added) expect(store.get(id) !== undefined, id).toBe(held.includes(id));
        }
      }),
    );
  });
});

describe('scenario rules on the neutral conversation', () => {
  it('see the stored part of a conversation continued with previous_response_id', async () => {
    const mock = createMock({
      scenarios: [
        {
          rules: [
            {
              name: 'call',
              match: { endpoint: 'responses', tool: 'get_weather', hasToolResult: false },
              reply: { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] },
            },
            { name: 'answer', match: { lastMessage: { role: 'tool', toolName: 'get_weather' } }, reply: { content: 'Sunny.' } },
            { name: 'chat only', match: { endpoint: 'chat.completions' }, reply: { content: 'never here' } },
          ],
        },
      ],
    });
    const first = (await (await respond(mock, { model: 'gpt-4o', input: 'weather?', tools: [weather] })).json()) as any;
    expect(first.output[0]).toMatchObject({ type: 'function_call', arguments: '{"city":"Paris"}' });
    const result = { type: 'function_call_output', call_id: first.output[0].call_id, output: '21' };
    const second = (await (await respond(mock, { model: 'gpt-4o', previous_response_id: first.id, input: [result], tools: [weather] })).json()) as any;
    expect(second.output[0].content[0].text).toBe('Sunny.');
    expect(mock.requests.map((e) => e.matchedRule)).toEqual(['call', 'answer']);
  });
});

describe('POST /responses: an input over the context window', () => {
  const input = 'word '.repeat(9_000); // gpt-4's window is 8,192 tokens

  it('without stream: the real 400, naming input', async () => {
    expect(await apiError(createMock(), { model: 'gpt-4', input })).toEqual({
      message: 'Your input exceeds the context window of this model. Please adjust your input and try again.',
      type: 'invalid_request_error',
      param: 'input',
      code: 'context_length_exceeded',
    });
  });

  it('streamed: a 200 whose stream announces the response, then ends in an error event, as the real API does', async () => {
    const mock = createMock();
    const res = await respond(mock, { model: 'gpt-4', input, stream: true });
    expect(res.status).toBe(200);
    const events = parseNamedSse(await res.text());
    expect(events.map((e) => e.event)).toEqual(['response.created', 'response.in_progress', 'error']);
    expect(events.map((e) => e.data.sequence_number)).toEqual([0, 1, 2]);
    expect(events[0]!.data.response).toMatchObject({ object: 'response', status: 'in_progress', model: 'gpt-4', output: [] });
    expect(events[2]!.data.error).toEqual({
      type: 'invalid_request_error',
      code: 'context_length_exceeded',
      message: 'Your input exceeds the context window of this model. Please adjust your input and try again.',
      param: 'input',
    });
    // Nothing was kept to continue from.
    expect((await mock.fetch(`${BASE}/responses/${events[0]!.data.response.id}`)).status).toBe(404);
  });

  it('streamed, through the openai SDK: iterating throws an APIError with the code', async () => {
    const client = new OpenAI({ apiKey: 'test', baseURL: BASE, fetch: createMock().fetch, maxRetries: 0 });
    const stream = await client.responses.create({ model: 'gpt-4', input, stream: true });
    const seen: string[] = [];
    const error = await (async () => {
      try {
        for await (const event of stream) seen.push(event.type);
      } catch (e) {
        return e;
      }
    })();
    expect(seen).toEqual(['response.created', 'response.in_progress']);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error).toMatchObject({ code: 'context_length_exceeded', param: 'input', type: 'invalid_request_error' });
  });
});
