import { setupServer } from 'msw/node';
import { coreOf } from '../src/mock/mock.js';
import OpenAI from 'openai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMock } from '../src/index.js';
import { chatCompletionHandlers, releaseResponseClones } from '../src/msw.js';
import { expectSettlesAfter, post } from './helpers.js';

const slow = { reply: { latency: { firstTokenMs: 200, tokensPerSecond: 50 } } };
const streamed = { model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'slowly' }] };

/** Under fake timers: the next event arrives exactly `ms` from now, not a millisecond sooner. */
const expectNextEventAfter = (reader: ReadableStreamDefaultReader<Uint8Array>, ms: number) => expectSettlesAfter(reader.read(), ms);

afterEach(() => {
  vi.useRealTimers();
});

describe('latency simulation (fake timers, no real waiting)', () => {
  it('holds the first token for firstTokenMs, then paces chunks at tokensPerSecond', async () => {
    vi.useFakeTimers();
    const mock = createMock();
    mock.use(slow);
    const res = await post(mock, streamed);
    const reader = res.body!.getReader();
    await expectNextEventAfter(reader, 200);
    await expectNextEventAfter(reader, 20);
    await reader.cancel();
  });

  it('delays a non-streamed answer by firstTokenMs', async () => {
    vi.useFakeTimers();
    const mock = createMock();
    mock.use(slow);
    const res = await expectSettlesAfter(post(mock, { ...streamed, stream: false }), 200);
    expect(res.status).toBe(200);
  });

  it('is off entirely with latency: false', async () => {
    vi.useFakeTimers();
    const mock = createMock({ latency: false });
    mock.use(slow);
    // No timer is ever advanced: the whole stream must arrive on its own.
    const text = await (await post(mock, streamed)).text();
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('the SDK waits exactly retry-after before retrying a scripted 429', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const mock = createMock();
    mock.use({ sequence: [{ error: { status: 429, retryAfter: 1 } }, { reply: { content: 'ok now' } }] });
    const server = setupServer(...chatCompletionHandlers(mock));
    releaseResponseClones(server);
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const client = new OpenAI({ apiKey: 'k', baseURL: 'http://mock.test/v1', maxRetries: 2 });
      const answer = client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
      await vi.advanceTimersByTimeAsync(999);
      expect(mock.requests.map((r) => r.status)).toEqual([429]);
      await vi.advanceTimersByTimeAsync(1);
      expect((await answer).choices[0]!.message.content).toBe('ok now');
      expect(mock.requests.map((r) => r.status)).toEqual([429, 200]);
    } finally {
      server.close();
    }
  });
});

describe('the shipped slow-stream scenario', () => {
  it('holds the first token 1.5 s, then sends 20 chunks a second', async () => {
    const { loadScenarios } = await import('../src/node.js');
    const scenarios = await loadScenarios([new URL('../scenarios/slow-stream.yaml', import.meta.url).pathname]);
    vi.useFakeTimers();
    const mock = createMock({ scenarios });
    const res = await post(mock, { ...streamed, messages: [{ role: 'user', content: 'a slow answer please' }] });
    expect(res.headers.get('x-mock-rule')).toBe('slow');
    const reader = res.body!.getReader();
    await expectNextEventAfter(reader, 1500);
    await expectNextEventAfter(reader, 50);
    await reader.cancel();
  });
});

describe('replayed streams', () => {
  it('keep their recorded timing only when replayTiming is on', async () => {
    const { memoryStore } = await import('../src/index.js');
    const body = { model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'timed' }] };
    const upstream = createMock();
    // Record through an in-memory store, with the upstream reached through mock.fetch itself.
    const store = memoryStore();
    const recorder = createMock({ fixtures: store, mode: 'record', upstream: 'http://upstream.test/v1' });
    await (
      await coreOf(recorder).respond(new Request('http://x/v1/chat/completions', { method: 'POST', body: JSON.stringify(body) }), { fetch: upstream.fetch })
    ).text();
    const [fixture] = store.files.values();
    fixture!.response.chunks = fixture!.response.chunks!.map((c, i) => ({ ...c, delayMs: i === 0 ? 300 : 0 }));

    vi.useFakeTimers();
    const timed = createMock({ fixtures: store, replayTiming: true });
    const reader = (await post(timed, body)).body!.getReader();
    await expectNextEventAfter(reader, 300);
    await reader.cancel();

    const untimed = createMock({ fixtures: store });
    const text = await (await post(untimed, body)).text();
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
  });
});
