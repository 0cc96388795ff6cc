import { createServer } from 'node:http';
import https from 'node:https';
import { coreOf } from '../src/mock/mock.js';
import type { AddressInfo } from 'node:net';
import { createOpenAI } from '@ai-sdk/openai';
import { generateText } from 'ai';
import { http, HttpResponse } from 'msw';
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, NotFoundError } from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMock, memoryStore } from '../src/index.js';
import { setupMockServer } from '../src/msw-node.js';
import { startServer } from '../src/node.js';

/** A local port that was free a moment ago: nothing listens there once the mock lets go. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

// Clients created at import time, before listen(): they hold Node's own fetch, not msw's.
const port = await closedPort();
const local = new OpenAI({ apiKey: 'sk-test', baseURL: `http://127.0.0.1:${port}/v1`, maxRetries: 0 });
const early = new OpenAI({ apiKey: 'sk-test', baseURL: 'https://api.openai.com/v1', maxRetries: 2 });
const aiSdkModel = createOpenAI({ apiKey: 'sk-test' }).chat('gpt-4o');
const earlyFetch = globalThis.fetch;
const fetchThroughEarlyReference = (url: string): Promise<unknown> => earlyFetch(url).catch((error: unknown) => error);

const mock = createMock({ seed: 3 });
const server = setupMockServer(mock);
const ask = (content: string) => ({ model: 'gpt-4o', messages: [{ role: 'user' as const, content }] });
const errors: string[] = [];

beforeAll(() => {
  server.listen({ onUnhandledRequest: (request) => void errors.push(`${request.method} ${request.url}`) });
});
afterEach(() => {
  server.resetHandlers();
  mock.reset();
  errors.length = 0;
});

describe('setupMockServer: clients created before listen()', () => {
  it('answers them as it answers a client created after listen()', async () => {
    const late = new OpenAI({ apiKey: 'sk-test', baseURL: 'https://api.openai.com/v1', maxRetries: 0 });
    const fromEarly = await early.chat.completions.create(ask('Hello there'));
    const fromLate = await late.chat.completions.create(ask('Hello there'));
    expect(fromEarly.choices[0]!.message.content).toBe(fromLate.choices[0]!.message.content);
    expect(mock.requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ['POST', '/v1/chat/completions', 200],
      ['POST', '/v1/chat/completions', 200],
    ]);
    expect(mock.requests[0]!.headers['user-agent']).toMatch(/^OpenAI\/JS/);
  });

  it('streams to them, deltas equal to the whole answer', async () => {
    const whole = await local.chat.completions.create(ask('Tell me a story'));
    const stream = await local.chat.completions.create({ ...ask('Tell me a story'), stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe(whole.choices[0]!.message.content);
  });

  it("delivers answers bigger than undici's buffer whole (backpressure), streamed or not", async () => {
    // One 22 KB body (undici buffers 16 KB); a stream of ~250 events (~60 KB), one chunk each.
    const content = 'All work and no play makes Jack a dull boy. '.repeat(500);
    mock.use({ match: { stream: false }, reply: { content } }, { reply: { content: content.slice(0, 1200) } });
    expect((await local.chat.completions.create(ask('long'))).choices[0]!.message.content).toBe(content);
    let streamed = '';
    for await (const chunk of await local.chat.completions.create({ ...ask('long'), stream: true })) streamed += chunk.choices[0]?.delta.content ?? '';
    expect(streamed).toBe(content.slice(0, 1200));
  });

  it('lets their timeout end a hanging answer', async () => {
    mock.use({ match: { lastMessage: { contains: 'hang' } }, reply: { hang: true } });
    const error = await local.chat.completions.create(ask('please hang'), { timeout: 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
  });

  it('answers an endpoint of the real API that it does not mock with a 404 saying what it serves', async () => {
    const error = await early.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'hi' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toMatch(/^404 completions-mock does not mock POST \/v1\/audio\/speech; it serves POST \/chat\/completions, /);
    expect(mock.requests.map((r) => [r.path, r.status])).toEqual([['/v1/audio/speech', 404]]);
    expect(errors).toEqual([]);
  });

  it('applies server.use() overrides and onUnhandledRequest to them', async () => {
    server.use(http.get('*/models', () => HttpResponse.json({ object: 'list', data: [] })));
    expect((await early.models.list()).data).toEqual([]);
    const unhandled = await fetchThroughEarlyReference('http://unhandled.test/ping');
    expect(unhandled).toBeInstanceOf(TypeError);
    expect(errors).toEqual(['GET http://unhandled.test/ping']);
  });
});

// A client created while msw listens reads msw's teed responses directly: the retry hang of msw 2 on Node 20.
const lateClient = () => new OpenAI({ apiKey: 'sk-test', baseURL: 'https://api.openai.com/v1', maxRetries: 2 });

describe('setupMockServer: retries', () => {
  it.each([
    ['an early client', () => early],
    ['a late client', lateClient],
  ])('%s retries a scripted 429, then succeeds', async (_, client) => {
    mock.use({ sequence: [{ error: { status: 429, headers: { 'retry-after-ms': '1' } } }, { reply: { content: 'ok now' } }] });
    const completion = await client().chat.completions.create(ask('busy?'));
    expect(completion.choices[0]!.message.content).toBe('ok now');
    expect(mock.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  it('still retries after server.events.removeAllListeners()', async () => {
    server.events.removeAllListeners();
    mock.use({ sequence: [{ error: { status: 429, headers: { 'retry-after-ms': '1' } } }, { reply: { content: 'ok now' } }] });
    expect((await lateClient().chat.completions.create(ask('busy?'))).choices[0]!.message.content).toBe('ok now');
  });

  it('retries an override that answers 429 without any OpenAI header', async () => {
    let calls = 0;
    server.use(
      http.post('*/chat/completions', () => (++calls === 1 ? new HttpResponse('slow down', { status: 429, headers: { 'retry-after-ms': '1' } }) : undefined)),
    );
    const completion = await lateClient().chat.completions.create(ask('busy?'));
    expect(calls).toBe(2);
    expect(completion.choices[0]!.message.content).toMatch(/^\S+( \S+)+$/);
  });
});

describe('setupMockServer: node:http clients', () => {
  /** A POST through node:http (axios, older SDKs), answered by msw's http interceptor. */
  const viaNodeHttp = (body: unknown) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = https.request('https://api.openai.com/v1/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, text }));
      });
      req.on('error', reject);
      req.end(JSON.stringify(body));
    });

  // Releasing msw's copy of a response by cancelling it threw from inside Node 20 (an uncaught error: the process ended).
  it('answers them, a JSON answer and a stream, with msw’s copies released', async () => {
    const answer = await viaNodeHttp(ask('Hi over node:http'));
    expect([answer.status, JSON.parse(answer.text).object]).toEqual([200, 'chat.completion']);
    const stream = await viaNodeHttp({ ...ask('Stream over node:http'), stream: true });
    expect([stream.status, stream.text.endsWith('data: [DONE]\n\n')]).toEqual([200, true]);
    mock.use({ error: { status: 429 } });
    expect((await viaNodeHttp(ask('busy?'))).status).toBe(429);
  });
});

describe('setupMockServer: a stream the client cancels', () => {
  afterEach(() => vi.useRealTimers());

  it('lets the client go at once, before the rest of a paced stream is made', async () => {
    mock.use({ reply: { latency: { firstTokenMs: 0, tokensPerSecond: 20 } } });
    const res = await fetch('https://api.openai.com/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...ask('Tell me a long story'), stream: true }),
    });
    const reader = res.body!.getReader();
    await reader.read();
    // The rest of the stream waits on timers that never fire: only a cancel that does not wait for it settles.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let settled = false;
    void reader.cancel().then(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(true);
  });
});

describe('setupMockServer: replayed fixtures from providers without openai-version', () => {
  it('retries a replayed 429, then replays the success', async () => {
    // Record what a Groq-like upstream says (no openai-version header), then replay it.
    const store = memoryStore();
    const recorder = createMock({ fixtures: store, mode: 'record', upstream: 'https://api.groq.test/openai/v1' });
    const answers = [
      new Response(JSON.stringify({ error: { message: 'Rate limit reached', type: 'tokens', code: 'rate_limit_exceeded' } }), {
        status: 429,
        headers: { 'content-type': 'application/json', 'retry-after-ms': '1' },
      }),
      Response.json({
        id: 'chatcmpl-1',
        object: 'chat.completion',
        created: 1,
        model: 'llama-3.1-8b-instant',
        choices: [{ index: 0, message: { role: 'assistant', content: 'from groq' }, finish_reason: 'stop', logprobs: null }],
      }),
    ];
    const groq = async () => answers.shift()!;
    for (let i = 0; i < 2; i++) {
      await (
        await coreOf(recorder).respond(new Request('http://x/v1/chat/completions', { method: 'POST', body: JSON.stringify(ask('groq?')) }), { fetch: groq })
      ).text();
    }
    expect([...store.files.values()].map((f) => [f.response.status, 'openai-version' in f.response.headers])).toEqual([
      [429, false],
      [200, false],
    ]);

    const replay = setupMockServer(createMock({ fixtures: store }));
    server.close();
    replay.listen({ onUnhandledRequest: 'error' });
    try {
      const completion = await lateClient().chat.completions.create(ask('groq?'));
      expect(completion.choices[0]!.message.content).toBe('from groq');
    } finally {
      replay.close();
      server.listen();
    }
  });
});

describe('setupMockServer: recording', () => {
  it("reaches the real upstream past msw (bypass), for an early client's request", async () => {
    const upstream = await startServer({ port: 0, seed: 5 });
    const store = memoryStore();
    const recorder = setupMockServer(createMock({ fixtures: store, mode: 'record', upstream: `${upstream.url}/v1` }));
    server.close();
    recorder.listen({ onUnhandledRequest: 'error' });
    try {
      const completion = await early.chat.completions.create(ask('record me'));
      expect(upstream.mock.requests.map((r) => [r.path, r.status])).toEqual([['/v1/chat/completions', 200]]);
      expect([...store.files.values()].map((f) => f.response.status)).toEqual([200]);
      const direct = await (
        await createMock({ seed: 5 }).fetch('http://x/v1/chat/completions', { method: 'POST', body: JSON.stringify(ask('record me')) })
      ).json();
      expect(completion.choices[0]!.message.content).toBe(direct.choices[0].message.content);
    } finally {
      recorder.close();
      server.listen();
      await upstream.close({ graceMs: 0 });
    }
  });
});

describe('setupMockServer: the AI SDK', () => {
  it('answers a provider created before listen(), with the default base URL', async () => {
    const { text } = await generateText({ model: aiSdkModel, prompt: 'Describe a lighthouse' });
    expect(text.length).toBeGreaterThan(10);
    expect(mock.requests.map((r) => [r.path, r.status])).toEqual([['/v1/chat/completions', 200]]);
  });
});

describe('setupMockServer: after close()', () => {
  afterAll(() => server.close());

  it('leaves early clients alone: a closed local port is a connection error', async () => {
    expect((await local.chat.completions.create(ask('hi'))).object).toBe('chat.completion');
    server.close();
    const error = await local.chat.completions.create(ask('hi')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(String((error as Error & { cause?: { cause?: { code?: string } } }).cause?.cause?.code)).toBe('ECONNREFUSED');
    expect(mock.requests).toHaveLength(1);
  });
});
