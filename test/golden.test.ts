import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { createMock, type Rule } from '../src/index.js';
import { fakeKey } from './helpers.js';

/**
 * The Chat Completions wire output, byte for byte apart from ids, timestamps
 * and timing headers, against recorded answers. Recorded before the
 * endpoint-registry redesign, which left them unchanged; re-recorded when the
 * text generator's vocabulary changed (issue 12). `UPDATE_GOLDEN=1` rewrites
 * the file: only for an intended change, reviewed in the diff.
 */
const GOLDEN = new URL('./golden/chat-answers.json', import.meta.url);

const weather = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Weather in a city.',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } },
      required: ['city'],
      additionalProperties: false,
    },
  },
};
const search = {
  type: 'function',
  function: {
    name: 'search_docs',
    parameters: { type: 'object', properties: { query: { type: 'string' }, limit: { type: 'integer', minimum: 1, maximum: 10 } }, required: ['query'] },
  },
};
const hi = [{ role: 'user', content: 'Hi there' }];
const person = {
  type: 'object',
  properties: { name: { type: 'string' }, email: { type: 'string' }, age: { type: 'integer', minimum: 0, maximum: 120 }, city: { type: 'string' } },
  required: ['name', 'email', 'age', 'city'],
  additionalProperties: false,
};

const rules: Rule[] = [
  { name: 'refuse', match: { lastMessage: { contains: 'forbidden' } }, reply: { refusal: "I can't help with that." } },
  {
    name: 'literal tools',
    match: { lastMessage: { contains: 'plan a trip' } },
    reply: { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }, { name: 'search_docs' }] },
  },
  { name: 'filtered', match: { lastMessage: { contains: 'filter me' } }, reply: { content: 'Partial answer', finishReason: 'content_filter' } },
  { name: 'cut', match: { lastMessage: { contains: 'cut me' } }, reply: { maxTokens: 4 } },
  { name: 'busy', match: { lastMessage: { contains: 'busy' } }, error: { status: 429, retryAfter: 2 } },
  { name: 'quota', match: { lastMessage: { contains: 'quota' } }, error: { status: 429, type: 'insufficient_quota' } },
  { name: 'stream error', match: { lastMessage: { contains: 'stream error' } }, reply: { streamErrorAfterChunks: 2 } },
];

const chat = (body: unknown) => ({ method: 'POST', path: '/v1/chat/completions', body });
const CASES: Record<string, { method: string; path: string; body?: unknown; headers?: Record<string, string> }> = {
  plain: chat({ model: 'gpt-4o', messages: hi }),
  'plain, other seed': chat({ model: 'gpt-4o', messages: hi, seed: 7 }),
  system: chat({
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'Tell me about Paris' },
    ],
  }),
  parts: chat({
    model: 'gpt-4.1',
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Describe ' },
          { type: 'text', text: 'this' },
        ],
      },
    ],
  }),
  stream: chat({ model: 'gpt-4o', messages: hi, stream: true }),
  'stream with usage': chat({ model: 'gpt-4o', messages: hi, stream: true, stream_options: { include_usage: true } }),
  'n 3': chat({ model: 'gpt-4o', messages: hi, n: 3 }),
  'max tokens': chat({ model: 'gpt-4o', messages: hi, max_completion_tokens: 5 }),
  'max tokens stream': chat({ model: 'gpt-4o', messages: hi, max_tokens: 5, stream: true }),
  stop: chat({ model: 'gpt-4o', messages: hi, stop: ['e'] }),
  'json object': chat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Reply in JSON' }], response_format: { type: 'json_object' } }),
  'json schema': chat({
    model: 'gpt-4o',
    messages: hi,
    response_format: { type: 'json_schema', json_schema: { name: 'person', strict: true, schema: person } },
  }),
  'json schema stream': chat({
    model: 'gpt-4o',
    messages: hi,
    stream: true,
    response_format: { type: 'json_schema', json_schema: { name: 'person', strict: true, schema: person } },
  }),
  'tools auto mention': chat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'What is the weather in Lyon?' }], tools: [weather, search] }),
  'tools required': chat({ model: 'gpt-4o', messages: hi, tools: [weather, search], tool_choice: 'required' }),
  'tools named stream': chat({
    model: 'gpt-4o',
    messages: hi,
    tools: [weather, search],
    tool_choice: { type: 'function', function: { name: 'search_docs' } },
    stream: true,
  }),
  'tools parallel off': chat({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: 'weather and docs search' }],
    tools: [weather, search],
    parallel_tool_calls: false,
  }),
  'tool result': chat({
    model: 'gpt-4o',
    tools: [weather],
    messages: [
      { role: 'user', content: 'Weather in Lyon?' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Lyon"}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: '{"temp":21}' },
    ],
  }),
  logprobs: chat({ model: 'gpt-4o', messages: hi, logprobs: true, top_logprobs: 2, max_tokens: 6 }),
  'logprobs stream': chat({ model: 'gpt-4o', messages: hi, logprobs: true, max_tokens: 4, stream: true }),
  reasoning: chat({ model: 'o3-mini', messages: hi, reasoning_effort: 'low' }),
  'cl100k model': chat({ model: 'gpt-4', messages: hi, max_tokens: 12 }),
  refusal: chat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'something forbidden' }] }),
  'refusal stream': chat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'something forbidden' }], stream: true }),
  'literal tool calls': chat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'plan a trip' }], tools: [weather, search] }),
  'content filter': chat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'filter me' }] }),
  'rule cut stream': chat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'cut me' }], stream: true }),
  'rate limited': chat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'busy' }] }),
  quota: chat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'quota' }] }),
  'stream error': chat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'stream error' }], stream: true }),
  'missing model': chat({ messages: hi }),
  'bad role': chat({ model: 'gpt-4o', messages: [{ role: 'wizard', content: 'x' }] }),
  'bad temperature': chat({ model: 'gpt-4o', messages: hi, temperature: 3 }),
  'reasoning max_tokens': chat({ model: 'o3', messages: hi, max_tokens: 10 }),
  'not json': { method: 'POST', path: '/v1/chat/completions', body: '{nope' },
  'unknown path': { method: 'POST', path: '/v1/chat/complete', body: {} },
  'too deep': { method: 'POST', path: '/v1/chat/completions/chat/completions', body: {} },
  models: { method: 'GET', path: '/v1/models' },
  model: { method: 'GET', path: '/openai/v1/models/gpt-4o' },
  'missing model id': { method: 'GET', path: '/v1/models/gpt-9' },
  preflight: { method: 'OPTIONS', path: '/v1/chat/completions' },
  'wrong key': { ...chat({ model: 'gpt-4o', messages: hi }), headers: { authorization: `Bearer ${fakeKey('wrong-key-0123456789')}` } },
  'no key': { ...chat({ model: 'gpt-4o', messages: hi }), headers: { authorization: '' } },
};

const KEPT_HEADERS = /^(content-type|access-control-.*|openai-version|x-ratelimit-.*|retry-after.*|x-mock-rule|cache-control|allow)$/;

function normalise(text: string): string {
  return text
    .replace(/chatcmpl-[A-Za-z0-9]{29}/g, 'chatcmpl-ID')
    .replace(/call_[A-Za-z0-9]{24}/g, 'call_ID')
    .replace(/"created":\d+/g, '"created":0');
}

async function answers(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [name, c] of Object.entries(CASES)) {
    const mock = createMock({ seed: 3, scenarios: [{ name: 'golden', rules }], ...(name.includes('key') ? { apiKeys: ['sk-good'] } : {}) });
    const headers: Record<string, string> = { 'content-type': 'application/json', ...c.headers };
    if (headers['authorization'] === '') delete headers['authorization'];
    const body = c.body === undefined ? undefined : typeof c.body === 'string' ? c.body : JSON.stringify(c.body);
    const res = await mock.fetch(`http://mock.test${c.path}`, { method: c.method, headers, ...(body !== undefined ? { body } : {}) });
    const kept: Record<string, string> = {};
    res.headers.forEach((value, key) => {
      if (KEPT_HEADERS.test(key)) kept[key] = value;
    });
    out[name] = { status: res.status, headers: kept, body: normalise(await res.text()) };
  }
  return out;
}

test('chat completions answers are byte for byte the recorded ones (ids and times aside)', async () => {
  const now = await answers();
  if (process.env['UPDATE_GOLDEN']) writeFileSync(GOLDEN, `${JSON.stringify(now, null, 1)}\n`);
  const recorded = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, unknown>;
  expect(Object.keys(now)).toEqual(Object.keys(recorded));
  for (const name of Object.keys(CASES)) expect({ name, ...(now[name] as object) }).toEqual({ name, ...(recorded[name] as object) });
});
