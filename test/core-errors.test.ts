import { describe, expect, it } from 'vitest';
import { createMock } from '../src/index.js';
import { coreOf } from '../src/mock/mock.js';
import { apiError, BASE, expectSchema, newMock, post, user, fakeKey } from './helpers.js';

const valid = { model: 'gpt-4o', messages: [user('Hi')] };

describe('request validation: the real API 400s', () => {
  const cases: Array<[string, unknown, string | null, string | null, RegExp]> = [
    ['missing model', { messages: [user('Hi')] }, null, null, /you must provide a model parameter/],
    ['missing messages', { model: 'gpt-4o' }, 'messages', 'missing_required_parameter', /Missing required parameter: 'messages'/],
    ['empty messages', { ...valid, messages: [] }, 'messages', 'empty_array', /empty array/],
    ['model not a string', { ...valid, model: 4 }, 'model', 'invalid_type', /expected a string, but got an integer/],
    [
      'bad role',
      { ...valid, messages: [{ role: 'wizard', content: 'x' }] },
      'messages[0].role',
      'invalid_value',
      /Invalid value: 'wizard'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'/,
    ],
    ['missing role', { ...valid, messages: [{ content: 'x' }] }, 'messages[0].role', 'missing_required_parameter', /'messages\[0\].role'/],
    ['temperature above 2', { ...valid, temperature: 3 }, 'temperature', 'decimal_above_max_value', /Expected a value <= 2, but got 3 instead/],
    ['temperature a string', { ...valid, temperature: 'hot' }, 'temperature', 'invalid_type', /expected a decimal, but got a string/],
    ['top_p above 1', { ...valid, top_p: 1.5 }, 'top_p', 'decimal_above_max_value', /<= 1/],
    ['n below 1', { ...valid, n: 0 }, 'n', 'integer_below_min_value', /Expected a value >= 1, but got 0/],
    ['n not an integer', { ...valid, n: 1.5 }, 'n', 'invalid_type', /expected an integer/],
    ['top_logprobs above 20', { ...valid, logprobs: true, top_logprobs: 21 }, 'top_logprobs', 'integer_above_max_value', /<= 20/],
    ['top_logprobs without logprobs', { ...valid, top_logprobs: 2 }, 'top_logprobs', 'invalid_value', /logprobs/],
    ['presence_penalty below -2', { ...valid, presence_penalty: -3 }, 'presence_penalty', 'decimal_below_min_value', />= -2/],
    ['frequency_penalty above 2', { ...valid, frequency_penalty: 2.5 }, 'frequency_penalty', 'decimal_above_max_value', /<= 2/],
    [
      'response_format.type',
      { ...valid, response_format: { type: 'xml' } },
      'response_format.type',
      'invalid_value',
      /'json_object', 'json_schema', and 'text'/,
    ],
    ['more than 4 stops', { ...valid, stop: ['a', 'b', 'c', 'd', 'e'] }, 'stop', 'array_above_max_length', /maximum length 4/],
    [
      'tool message without a call',
      { ...valid, messages: [user('x'), { role: 'tool', tool_call_id: 'call_1', content: 'r' }] },
      'messages.[1].role',
      null,
      /must be a response to a preceeding message with 'tool_calls'/,
    ],
    [
      'tool_choice naming no tool',
      { ...valid, tools: [{ type: 'function', function: { name: 'a' } }], tool_choice: { type: 'function', function: { name: 'b' } } },
      'tool_choice',
      null,
      /function 'b'/,
    ],
    ['tool_choice without tools', { ...valid, tool_choice: 'required' }, 'tool_choice', null, /only allowed when 'tools' are specified/],
    ['json_object without the word json', { ...valid, response_format: { type: 'json_object' } }, 'messages', null, /must contain the word 'json'/],
    [
      'stream_options without stream',
      { ...valid, stream_options: { include_usage: true } },
      'stream_options',
      'invalid_value',
      /only allowed when 'stream' is enabled/,
    ],
    [
      'max_tokens above the model limit',
      { ...valid, max_tokens: 100000 },
      'max_tokens',
      'invalid_value',
      /max_tokens is too large: 100000. This model supports at most 16384 completion tokens/,
    ],
    [
      'max_tokens on a reasoning model',
      { model: 'o3', messages: [user('x')], max_tokens: 10 },
      'max_tokens',
      'unsupported_parameter',
      /Use 'max_completion_tokens' instead/,
    ],
    [
      'temperature on a reasoning model',
      { model: 'gpt-5', messages: [user('x')], temperature: 0.2 },
      'temperature',
      'unsupported_value',
      /does not support 0.2 with this model/,
    ],
    [
      'strict schema not closed',
      {
        ...valid,
        response_format: {
          type: 'json_schema',
          json_schema: { name: 'p', strict: true, schema: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] } },
        },
      },
      'response_format',
      'invalid_value',
      /^Invalid schema for response_format 'p': In context=\(\), 'additionalProperties' is required to be supplied and to be false\.$/,
    ],
    [
      'strict schema with an optional property',
      {
        ...valid,
        response_format: {
          type: 'json_schema',
          json_schema: {
            name: 'p',
            strict: true,
            schema: {
              type: 'object',
              properties: { o: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, required: ['a'], additionalProperties: false } },
              required: ['o'],
              additionalProperties: false,
            },
          },
        },
      },
      'response_format',
      'invalid_value',
      /In context=\('properties', 'o'\), 'required' is required to be supplied and to be an array including every key in properties\. Missing 'b'\./,
    ],
    [
      'strict tool parameters not closed',
      { ...valid, tools: [{ type: 'function', function: { name: 'f', strict: true, parameters: { type: 'object', properties: {} } } }] },
      'tools[0].function.parameters',
      'invalid_function_parameters',
      /^Invalid schema for function 'f': In context=\(\), 'additionalProperties'/,
    ],
    [
      'context window exceeded',
      { model: 'gpt-4', messages: [user('word '.repeat(9000))] },
      'messages',
      'context_length_exceeded',
      /maximum context length is 8192 tokens. However, your messages resulted in 90\d\d tokens/,
    ],
  ];

  for (const [name, body, param, code, message] of cases) {
    it(name, async () => {
      const error = await apiError(newMock(), body);
      expect(error).toMatchObject({ type: 'invalid_request_error', param, code });
      expect(error.message).toMatch(message);
    });
  }

  it("a schema's strict-mode check is remembered per schema, apart from its strictness: strict gets its 400 every time, not strict is answered", async () => {
    const mock = newMock();
    const schema = { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] };
    const format = (strict: boolean, name: string) => ({ type: 'json_schema', json_schema: { name, strict, schema } });
    for (const name of ['first', 'again']) {
      const error = await apiError(mock, { ...valid, response_format: format(true, name) });
      expect(error.message).toBe(
        `Invalid schema for response_format '${name}': In context=(), 'additionalProperties' is required to be supplied and to be false.`,
      );
      const res = await post(mock, { ...valid, response_format: format(false, name) });
      expect(res.status).toBe(200);
      expect(typeof JSON.parse((await res.json()).choices[0].message.content).a).toBe('string');
    }
    // The same schema closed passes the strict check, and is checked as itself.
    const closed = await post(mock, {
      ...valid,
      response_format: { type: 'json_schema', json_schema: { name: 'c', strict: true, schema: { ...schema, additionalProperties: false } } },
    });
    expect(closed.status).toBe(200);
  });

  it('malformed JSON, a non-object body and an empty body', async () => {
    for (const body of ['{"model": "gpt-4o", messages', '[1,2]', '"text"', 'null', '']) {
      const error = await apiError(newMock(), body);
      expect(error.type).toBe('invalid_request_error');
      expect(error.message).toMatch(/parse the JSON body|expected an object/);
    }
  });
});

describe('routing, models and auth', () => {
  it('serves any prefix and answers an unknown path with an OpenAI 404 that says what it serves', async () => {
    const mock = newMock();
    for (const prefix of ['http://x/v1', 'http://x/openai/v1', 'http://x']) {
      const res = await mock.fetch(
        new Request(`${prefix}/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'gpt-4o', messages: [user('x')] }) }),
      );
      expect(res.status).toBe(200);
    }
    const res = await mock.fetch(new Request('http://x/v1/embeddingz', { method: 'POST', body: '{}' }));
    expect(res.status).toBe(404);
    const body = await res.json();
    expectSchema('error', body);
    const served =
      'it serves POST /chat/completions, POST /responses, GET /responses/{id}, DELETE /responses/{id}, GET /responses/{id}/input_items, POST /embeddings, GET /models, GET /models/{id}';
    expect(body.error).toEqual({
      message: `completions-mock does not mock POST /v1/embeddingz; ${served}`,
      type: 'invalid_request_error',
      param: null,
      code: null,
    });
    expect(mock.requests.at(-1)).toMatchObject({ status: 404, reason: `completions-mock does not mock POST /v1/embeddingz; ${served}` });
    const speech = await mock.fetch(new Request('http://x/v1/audio/speech', { method: 'POST', body: '{}' }));
    expect((await speech.json()).error.message).toBe(`completions-mock does not mock POST /v1/audio/speech; ${served}`);
  });

  it('says in the journal why an answer is an error', async () => {
    const mock = createMock({ apiKeys: ['sk-good'] });
    const ask = (key: string, extra: object = {}) =>
      mock.fetch(
        new Request('http://x/v1/chat/completions', {
          method: 'POST',
          headers: { authorization: `Bearer ${key}` },
          body: JSON.stringify({ model: 'gpt-4o', messages: [user('x')], ...extra }),
        }),
      );
    await ask('sk-good');
    await ask(fakeKey('bad-000000000'));
    await mock.fetch(new Request('http://x/v1/chat/completions', { method: 'POST', body: '{}' }));
    await ask('sk-good', { max_tokens: 0 });
    await ask('sk-good', { model: 'o3-mini', max_tokens: 5 });
    expect(mock.requests.map((r) => r.reason)).toEqual([
      undefined,
      'bad key',
      'no key',
      'invalid max_tokens (integer_below_min_value)',
      expect.stringMatching(/^invalid max_tokens/),
    ]);
  });

  it('lists and retrieves models', async () => {
    const mock = newMock();
    const list = await (await mock.fetch(new Request(`${BASE}/models`))).json();
    expect(list.object).toBe('list');
    expect(list.data.map((m: any) => m.id)).toContain('gpt-4o');
    const one = await mock.fetch(new Request(`${BASE}/models/gpt-4o-mini`));
    expect(await one.json()).toMatchObject({ id: 'gpt-4o-mini', object: 'model', owned_by: 'system' });
    const missing = await mock.fetch(new Request(`${BASE}/models/nope`));
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toMatchObject({ code: 'model_not_found', param: 'model' });
  });

  it('with apiKeys, rejects a missing or wrong key the way the real API words it', async () => {
    const mock = newMock({ apiKeys: [fakeKey('good-key-0001')] });
    const none = await post(mock, valid);
    expect(none.status).toBe(401);
    expect((await none.json()).error).toMatchObject({
      code: null,
      type: 'invalid_request_error',
      message: expect.stringMatching(/^You didn't provide an API key/),
    });
    const wrong = await post(mock, valid, { authorization: `Bearer ${fakeKey('wrong-key-1234567')}` });
    const error = (await wrong.json()).error;
    expect(error.code).toBe('invalid_api_key');
    expect(error.message).toMatch(/^Incorrect API key provided: sk-\*+4567\./);
    expect(error.message).not.toContain('wrong-key');
    expect((await post(mock, valid, { authorization: `Bearer ${fakeKey('good-key-0001')}` })).status).toBe(200);
    expect((await post(mock, valid, { 'api-key': fakeKey('good-key-0001') })).status).toBe(200);
  });
});

describe('journal', () => {
  it('records requests with redacted credentials, bounded, cleared by reset', async () => {
    const mock = newMock({ journalLimit: 3 });
    await post(mock, valid, { authorization: `Bearer ${['sk', 'secret-secret-secret'].join('-')}`, 'x-trace': 't1' });
    await post(mock, { ...valid, temperature: 9 });
    const [first, second] = mock.requests;
    expect(first).toMatchObject({ method: 'POST', path: '/v1/chat/completions', status: 200, body: valid });
    expect(first!.headers['x-trace']).toBe('t1');
    expect(JSON.stringify(mock.requests)).not.toContain('sk-secret');
    expect(second!.status).toBe(400);
    for (let i = 0; i < 5; i++) await post(mock, valid);
    expect(mock.requests).toHaveLength(3);
    mock.reset();
    expect(mock.requests).toHaveLength(0);
  });

  it('makes an entry when it is first read, from the request as it came: scrubbed, the same entry on every read', async () => {
    const mock = newMock();
    const key = ['sk', 'proj', 'abcdefghijklmnop'].join('-');
    // The key in the header and pasted into the message: both scrubbed, however late the entry is read.
    await post(mock, { ...valid, messages: [{ role: 'user', content: `my key is ${key}` }] }, { authorization: `Bearer ${key}` });
    for (let i = 0; i < 50; i++) await post(mock, { ...valid, messages: [{ role: 'user', content: `later ${i}` }] });
    const first = mock.requests[0]!;
    expect(first.headers.authorization).toBe('[redacted]');
    expect(JSON.stringify(first)).not.toContain(key);
    expect(first.body?.messages).toEqual([{ role: 'user', content: 'my key is [redacted]' }]);
    expect(mock.requests[0]).toBe(first);
    expect(mock.requests[50]!.body?.messages).toEqual([{ role: 'user', content: 'later 49' }]);
    // The transport's entry (the CLI's request log) is the journal's, and a list handed out stays as it was.
    const held = mock.requests;
    const handled = await coreOf(mock).handle({ method: 'POST', path: '/v1/chat/completions', headers: {}, body: JSON.stringify(valid) });
    expect(held).toHaveLength(51);
    expect(handled.entry()).toBe(mock.requests.at(-1));
  });

  it('never shows a body too deeply nested to scrub, on any read', async () => {
    const key = 'mysecretvalue123';
    const mock = createMock();
    const body = `{"model":"gpt-4o","k":"${key}","a":${'['.repeat(60_000)}${']'.repeat(60_000)}}`;
    await coreOf(mock).handle({ method: 'POST', path: '/v1/chat/completions', headers: { authorization: `Bearer ${key}` }, body });
    for (let read = 0; read < 2; read++) {
      const [entry] = mock.requests;
      expect(entry!.headers.authorization).toBe('[redacted]');
      expect(JSON.stringify(entry)).not.toContain(key);
    }
  });

  it('scrubs a key that a body too big to keep carried into why no rule matched', async () => {
    const key = 'my-org-internal-gateway-token-42';
    const mock = createMock({ scenarios: [{ rules: [{ match: { model: 'gpt-4o-mini' }, reply: { content: 'x' } }] }] });
    const body = JSON.stringify({ model: key, messages: [{ role: 'user', content: 'y'.repeat(300_000) }] });
    await coreOf(mock).handle({ method: 'POST', path: '/v1/chat/completions', headers: { authorization: `Bearer ${key}` }, body });
    const [entry] = mock.requests;
    expect(entry!.text).toMatch(/^\[a body of \d+ characters, not kept\]$/);
    expect(entry!.unmatched).toContain('[redacted]');
    expect(JSON.stringify(entry)).not.toContain(key);
  });
});
