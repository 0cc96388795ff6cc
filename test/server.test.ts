import { setupServer } from 'msw/node';
import { coreOf } from '../src/mock/mock.js';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMock, type ChatMock, type MockOptions } from '../src/index.js';
import { chatCompletionHandlers } from '../src/msw.js';
import { startServer, type MockServer, type RequestRecord } from '../src/node.js';
import { expectSchema, fakeKey } from './helpers.js';

/** One way of reaching a mock: in-process through msw, or over a socket. */
interface Transport {
  baseURL: string;
  mock: ChatMock;
  close(): Promise<void>;
}
type Open = (options?: MockOptions) => Promise<Transport>;

const messages = [{ role: 'user' as const, content: 'Tell me about the harbour of Marseille.' }];
const params = { model: 'gpt-4o', messages };

const clientFor = (transport: Transport, apiKey = 'test') => new OpenAI({ baseURL: transport.baseURL, apiKey, maxRetries: 0 });

/** The same cases for every transport: what the SDK sees must not depend on how it is reached. */
function contract(name: string, open: Open): void {
  describe(name, () => {
    let transport: Transport | undefined;
    const start = async (options?: MockOptions) => (transport = await open(options));
    afterEach(async () => {
      await transport?.close();
      transport = undefined;
    });

    it('answers a plain create with the API shape', async () => {
      const client = clientFor(await start());
      const completion = await client.chat.completions.create(params);
      expectSchema('completion', completion);
      expect(completion.object).toBe('chat.completion');
      expect(completion.choices[0]!.message.content).toMatch(/^\S+( \S+)+$/);
      expect(completion.choices[0]!.finish_reason).toBe('stop');
    });

    it('streams deltas that concatenate to the non-streamed content', async () => {
      const client = clientFor(await start());
      const full = await client.chat.completions.create(params);
      const stream = await client.chat.completions.create({ ...params, stream: true, stream_options: { include_usage: true } });
      let text = '';
      let usage: OpenAI.CompletionUsage | undefined;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta.content ?? '';
        if (chunk.usage) usage = chunk.usage;
      }
      expect(text).toBe(full.choices[0]!.message.content);
      expect(usage).toEqual(full.usage);
    });

    it('works with the stream helper and finalChatCompletion()', async () => {
      const client = clientFor(await start());
      const full = await client.chat.completions.create(params);
      const final = await client.chat.completions.stream(params).finalChatCompletion();
      expect(final.choices[0]!.message.content).toBe(full.choices[0]!.message.content);
      expect(final.choices[0]!.finish_reason).toBe('stop');
    });

    it('surfaces a 400 as BadRequestError naming the param', async () => {
      const client = clientFor(await start());
      const error = await client.chat.completions.create({ ...params, temperature: 3 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      expect(error).toMatchObject({ status: 400, param: 'temperature', type: 'invalid_request_error' });
    });

    it('rejects keys outside apiKeys with AuthenticationError', async () => {
      const transport = await start({ apiKeys: ['sk-good'] });
      await expect(clientFor(transport, 'sk-bad').chat.completions.create(params)).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
      await expect(clientFor(transport, 'sk-good').chat.completions.create(params)).resolves.toMatchObject({ object: 'chat.completion' });
    });

    it('lists and retrieves models', async () => {
      const client = clientFor(await start());
      const list = await client.models.list();
      expect(list.data.map((model) => model.id)).toContain('gpt-4o');
      await expect(client.models.retrieve('gpt-4o')).resolves.toMatchObject({ id: 'gpt-4o', object: 'model' });
    });

    it('cuts a stream with disconnectAfterChunks: iteration rejects instead of hanging', async () => {
      const transport = await start();
      transport.mock.use({ reply: { disconnectAfterChunks: 2 } });
      const stream = await clientFor(transport).chat.completions.create({ ...params, stream: true });
      let chunks = 0;
      await expect(
        (async () => {
          for await (const _ of stream) chunks++;
        })(),
      ).rejects.toThrow(/terminated/);
      expect(chunks).toBe(2);
    });
  });
}

const msw = setupServer();
describe('msw transport', () => {
  beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => msw.close());
  contract('contract', async (options) => {
    const mock = createMock(options);
    msw.resetHandlers(...chatCompletionHandlers(mock));
    return { baseURL: 'http://mock.test/v1', mock, close: async () => msw.resetHandlers() };
  });
});

describe('node:http transport', () => {
  contract('contract', async (options) => {
    const server = await startServer({ ...options, port: 0 });
    return { baseURL: `${server.url}/v1`, mock: server.mock, close: () => server.close() };
  });
});

describe('startServer', () => {
  let server: MockServer;
  const records: RequestRecord[] = [];
  let onRecord: ((record: RequestRecord) => void) | undefined;
  /** Resolves with the next request record matching `test` (the server's own account of how an answer ended). */
  const nextRecord = (test: (record: RequestRecord) => boolean) =>
    new Promise<RequestRecord>((resolve) => {
      onRecord = (record) => {
        if (test(record)) resolve(record);
      };
    });

  beforeAll(async () => {
    server = await startServer({
      port: 0,
      seed: 7,
      onRequest: (record) => {
        records.push(record);
        onRecord?.(record);
      },
    });
  });
  afterEach(() => {
    server.mock.reset();
    records.length = 0;
    onRecord = undefined;
  });
  afterAll(() => server.close());

  const client = () => new OpenAI({ baseURL: `${server.url}/v1`, apiKey: ['sk', 'test-secret-key-123456'].join('-'), maxRetries: 0 });
  const admin = (path: string, init?: RequestInit) => fetch(`${server.url}/__mock/${path}`, init);

  it('listens on a free port and reports its URL', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
  });

  it('gives the same content in-process and over HTTP', async () => {
    const inProcess = createMock({ seed: 7 });
    const res = await inProcess.fetch(new Request('http://x/v1/chat/completions', { method: 'POST', body: JSON.stringify(params) }));
    const local = (await res.json()) as OpenAI.ChatCompletion;
    const remote = await client().chat.completions.create(params);
    expect(remote.choices[0]!.message.content).toBe(local.choices[0]!.message.content);
    expect(remote.usage).toEqual(local.usage);
  });

  it('accepts any prefix and ignores the query string', async () => {
    const res = await fetch(`${server.url}/openai/v1/chat/completions?api-version=2024-10-21`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(params),
    });
    expect(res.status).toBe(200);
    expect(server.mock.requests.at(-1)!.path).toBe('/openai/v1/chat/completions');
  });

  it('logs one record per request, with model and status but no header values', async () => {
    await client().chat.completions.create(params);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions', model: 'gpt-4o', status: 200, outcome: 'sent' });
    expect(JSON.stringify(records)).not.toContain(fakeKey('test-secret'));
  });

  describe('admin endpoints', () => {
    it('GET /__mock/health', async () => {
      const res = await admin('health');
      expect(res.status).toBe(200);
      const health = await res.json();
      expect(health).toMatchObject({ status: 'ok', uptimeSeconds: expect.any(Number) });
      expect(health.memoryMb.heapUsed).toBeGreaterThan(0);
      expect(health.memoryMb.rss).toBeGreaterThanOrEqual(health.memoryMb.heapUsed);
    });

    it('GET and DELETE /__mock/requests: the journal, credentials redacted', async () => {
      server.mock.use({ reply: { content: 'kept across DELETE' } });
      await client().chat.completions.create(params);
      const journal = (await (await admin('requests')).json()) as any[];
      expect(journal).toHaveLength(1);
      expect(journal[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions', status: 200, body: { model: 'gpt-4o' } });
      expect(journal[0].headers.authorization).toBe('[redacted]');
      expect((await admin('requests', { method: 'DELETE' })).status).toBe(200);
      expect(await (await admin('requests')).json()).toEqual([]);
      // DELETE clears the journal only: use() rules are for reset.
      expect((await client().chat.completions.create(params)).choices[0]!.message.content).toBe('kept across DELETE');
      server.mock.reset();
    });

    it('admin calls stay out of the journal', async () => {
      await admin('health');
      expect(await (await admin('requests')).json()).toEqual([]);
    });

    it('POST /__mock/reset drops use() rules and the journal', async () => {
      server.mock.use({ reply: { content: 'from use()' } });
      expect((await client().chat.completions.create(params)).choices[0]!.message.content).toBe('from use()');
      expect((await admin('reset', { method: 'POST' })).status).toBe(200);
      expect(server.mock.requests).toHaveLength(0);
      expect((await client().chat.completions.create(params)).choices[0]!.message.content).not.toBe('from use()');
    });

    it.each([
      ['JSON', JSON.stringify({ rules: [{ name: 'scripted', reply: { content: 'scripted' } }] })],
      ['YAML', 'name: put\nrules:\n  - name: scripted\n    reply:\n      content: scripted\n'],
    ])('PUT /__mock/scenario with %s replaces the rules', async (_, text) => {
      const res = await admin('scenario', { method: 'PUT', body: text });
      expect(res.status).toBe(200);
      const completion = await client().chat.completions.create(params);
      expect(completion.choices[0]!.message.content).toBe('scripted');
      expect(server.mock.requests.at(-1)!.matchedRule).toBe('scripted');
      server.mock.setScenarios([]);
    });

    it.each([
      ['no rules list', 'rules: 5'],
      ['broken YAML', 'rules: [unclosed'],
      ['an empty body', ''],
    ])('PUT /__mock/scenario with %s is a 400 listing the problem', async (_, text) => {
      const res = await admin('scenario', { method: 'PUT', body: text });
      expect(res.status).toBe(400);
      const body = (await res.json()) as any;
      expectSchema('error', body);
      expect(body.error.message).toMatch(/PUT \/__mock\/scenario:\d+:\d+: /);
    });

    it('an unknown admin path is an OpenAI-shaped 404', async () => {
      const res = await admin('nope');
      expect(res.status).toBe(404);
      expectSchema('error', await res.json());
    });
  });

  it('answers an 11 MiB body with a 413, then keeps serving', async () => {
    const res = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(11 * 1024 * 1024),
    });
    expect(res.status).toBe(413);
    const body = (await res.json()) as any;
    expectSchema('error', body);
    expect(body.error.code).toBe('request_too_large');
    await expect(client().chat.completions.create(params)).resolves.toMatchObject({ object: 'chat.completion' });
  });

  it('survives a client aborting mid-stream, stops writing, and keeps serving', async () => {
    server.mock.use({ reply: { content: 'one two three four five six seven eight nine ten', latency: { tokensPerSecond: 20 } } });
    const aborted = nextRecord((record) => record.outcome === 'aborted');
    const controller = new AbortController();
    const stream = await client().chat.completions.create({ ...params, stream: true }, { signal: controller.signal });
    let chunks = 0;
    // The SDK ends the iteration quietly on its own abort.
    for await (const _ of stream) {
      chunks++;
      controller.abort();
    }
    expect(chunks).toBe(1);
    // The server noticed, dropped the paced writes and finished the request.
    expect(await aborted).toMatchObject({ status: 200, outcome: 'aborted' });
    server.mock.reset();
    await expect(client().chat.completions.create(params)).resolves.toMatchObject({ object: 'chat.completion' });
  });

  it('delivers exactly the chunks before a disconnectAfterChunks cut', async () => {
    server.mock.use({ reply: { disconnectAfterChunks: 2 } });
    const res = await fetch(`${server.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ ...params, stream: true }) });
    const reader = res.body!.getReader();
    let text = '';
    const decoder = new TextDecoder();
    await expect(
      (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          text += decoder.decode(value);
        }
      })(),
    ).rejects.toThrow(/terminated/);
    expect(text.split('\n\n').filter(Boolean)).toHaveLength(2);
  });

  it('renders a fault plan as a dropped connection (APIConnectionError)', async () => {
    const core = coreOf(server.mock);
    const handle = core.handle;
    core.handle = async (request) => ({ ...(await handle(request)), plan: { kind: 'fault', reason: 'test' } });
    try {
      await expect(client().chat.completions.create(params)).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
    } finally {
      core.handle = handle;
    }
  });

  it('close() lets an in-flight stream finish', async () => {
    const own = await startServer({ port: 0 });
    own.mock.use({ reply: { content: 'a b c d e f', latency: { firstTokenMs: 30, tokensPerSecond: 100 } } });
    const res = await fetch(`${own.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ ...params, stream: true }) });
    const closed = own.close();
    const text = await res.text();
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    await closed;
    await expect(fetch(`${own.url}/v1/models`)).rejects.toThrow(/fetch failed/);
  });
});
