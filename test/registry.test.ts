import { transform } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMock, defineEndpoint, memoryStore, type MockOptions } from '../src/index.js';
import { transports, type Transport } from './transports.js';

/**
 * An endpoint defined here, in a few lines, with no file under src/ touched:
 * served by every door, matched by rules, recorded and replayed.
 */
interface Shout {
  text: string;
  stream?: boolean;
}

const shout = defineEndpoint<Shout, { loud: string }>({
  name: 'test.shout',
  method: 'POST',
  path: '/shout/{voice}',
  read(body) {
    const text = (body as { text?: unknown } | null)?.text;
    if (typeof text !== 'string')
      return {
        ok: false,
        error: {
          kind: 'json',
          status: 400,
          headers: { 'content-type': 'application/json' },
          body: { error: { message: 'text is required', type: 'invalid_request_error', param: 'text', code: null } },
        },
      };
    return { ok: true, value: body as Shout };
  },
  view: (req) => ({ model: 'shouter-1', stream: req.stream === true }),
  answer(req, { params, reply, memo }) {
    const loud = (memo.loud ??= (reply.content ?? req.text).toUpperCase());
    if (req.stream) {
      const events = [...loud].map((letter) => ({ event: 'shout.letter', data: JSON.stringify({ letter }), delayMs: 0 }));
      return {
        kind: 'stream',
        status: 200,
        headers: { 'content-type': 'text/event-stream' },
        events: [...events, { event: 'shout.done', data: '{}', delayMs: 0 }],
      };
    }
    return { kind: 'json', status: 200, headers: { 'content-type': 'application/json' }, body: { voice: params['voice'], loud } };
  },
  slug: (req) => req.text,
});

/** A door of test/transports.ts, with a fetch that reaches it at `http://mock.test`. */
async function open(transport: Transport, options: MockOptions) {
  const running = await transport.start(options);
  const origin = new URL(running.baseURL).origin;
  const reach = running.fetch ?? fetch;
  const doorFetch: typeof fetch = (input, init) => reach(String(input).replace('http://mock.test', origin), init);
  return { mock: running.mock, fetch: doorFetch, close: () => running.close() };
}

const post = (f: typeof fetch, path: string, body: unknown) =>
  f(`http://mock.test${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** SSE frames as [event, data] pairs. */
const frames = (text: string) =>
  text
    .trim()
    .split('\n\n')
    .map((block) => {
      const [event, data] = block.split('\n');
      return [event!.replace(/^event: /, ''), data!.replace(/^data: /, '')];
    });

describe.each(transports)('a test-only endpoint through $name', (door) => {
  let running: Awaited<ReturnType<typeof open>>;
  beforeAll(async () => {
    running = await open(door, {
      endpoints: [shout],
      scenarios: [
        {
          rules: [
            { name: 'whisper', match: { endpoint: 'test.shout', header: { 'x-mode': 'quiet' } }, reply: { content: 'psst' } },
            { name: 'busy', match: { endpoint: 'test.shout', model: 'shouter-*', header: { 'x-mode': 'busy' } }, error: { status: 429 } },
          ],
        },
      ],
    });
  });
  afterAll(() => running.close());

  it('answers under any prefix, with path parameters', async () => {
    for (const prefix of ['/v1', '/openai/v1', '']) {
      const res = await post(running.fetch, `${prefix}/shout/tenor`, { text: 'hello' });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ voice: 'tenor', loud: 'HELLO' });
    }
    expect(running.mock.requests.at(-1)).toMatchObject({ endpoint: 'test.shout', body: { text: 'hello' }, status: 200 });
  });

  it('streams named events', async () => {
    const res = await post(running.fetch, '/v1/shout/bass', { text: 'hey', stream: true });
    expect(frames(await res.text())).toEqual([
      ['shout.letter', '{"letter":"H"}'],
      ['shout.letter', '{"letter":"E"}'],
      ['shout.letter', '{"letter":"Y"}'],
      ['shout.done', '{}'],
    ]);
  });

  it('returns its own 400 for a body it cannot read', async () => {
    const res = await post(running.fetch, '/v1/shout/alto', { nope: 1 });
    expect(res.status).toBe(400);
    expect((await res.json()).error.param).toBe('text');
  });

  it('is matched by scenario rules by endpoint, model and header', async () => {
    const quiet = await running.fetch('http://mock.test/v1/shout/alto', {
      method: 'POST',
      headers: { 'x-mode': 'quiet' },
      body: JSON.stringify({ text: 'hello' }),
    });
    expect(await quiet.json()).toEqual({ voice: 'alto', loud: 'PSST' });
    expect(quiet.headers.get('x-mock-rule')).toBe('whisper');
    const busy = await running.fetch('http://mock.test/v1/shout/alto', {
      method: 'POST',
      headers: { 'x-mode': 'busy' },
      body: JSON.stringify({ text: 'hello' }),
    });
    expect(busy.status).toBe(429);
    expect((await busy.json()).error.message).toContain('shouter-1');
  });

  // Browsers send preflights to servers; a service worker (msw) never sees them.
  it.skipIf(door.name === 'msw')('adds its method to the CORS preflight', async () => {
    const preflight = await running.fetch('http://mock.test/v1/shout/x', { method: 'OPTIONS' });
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, POST, DELETE, OPTIONS');
  });
});

describe('rules about endpoints', () => {
  it('a rule with match.endpoint leaves other endpoints alone', async () => {
    const mock = createMock({
      endpoints: [shout],
      scenarios: [{ rules: [{ name: 'shout only', match: { endpoint: 'test.shout' }, reply: { content: 'scripted' } }] }],
    });
    const chat = await post(mock.fetch, '/v1/chat/completions', { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
    expect((await chat.json()).choices[0].message.content).not.toBe('scripted');
    expect(mock.requests[0]!.unmatched).toBe('no rule matched: shout only: endpoint chat.completions is not test.shout');
    expect(await (await post(mock.fetch, '/v1/shout/x', { text: 'a' })).json()).toMatchObject({ loud: 'SCRIPTED' });
  });

  it('conversation keys never match an endpoint without a conversation, and say why', async () => {
    const mock = createMock({
      endpoints: [shout],
      scenarios: [{ rules: [{ name: 'needs messages', match: { lastMessage: { contains: 'a' } }, reply: { content: 'x' } }] }],
    });
    await post(mock.fetch, '/v1/shout/x', { text: 'a' });
    expect(mock.requests[0]!.unmatched).toBe('no rule matched: needs messages: lastMessage: test.shout requests hold no conversation');
  });
});

describe('record and replay of any endpoint', () => {
  it('records named events from an upstream and replays them, without the upstream', async () => {
    const upstream = createMock({ endpoints: [shout] });
    const store = memoryStore();
    const recorder = createMock({ endpoints: [shout], fixtures: store, mode: 'record', upstream: 'http://upstream.test/v1' });
    // The recorder reaches its upstream through the transport's fetch, here the upstream mock itself.
    const { coreOf } = await import('../src/mock/mock.js');
    const record = (body: unknown) =>
      coreOf(recorder).respond(new Request('http://x/openai/v1/shout/tenor', { method: 'POST', body: JSON.stringify(body) }), { fetch: upstream.fetch });
    const live = await (await record({ text: 'ok', stream: true })).text();
    expect(upstream.requests[0]!.path).toBe('/v1/shout/tenor');
    expect([...store.files.keys()]).toEqual([expect.stringMatching(/^ok-[0-9a-f]{14}\.json$/)]);
    const [fixture] = store.files.values();
    expect(fixture!.response.chunks!.map((c) => c.event)).toEqual(['shout.letter', 'shout.letter', 'shout.done']);

    const replayer = createMock({ fixtures: store }); // no shout endpoint at all: replayed from the file
    const res = await post(replayer.fetch, '/v1/shout/tenor', { text: 'ok', stream: true });
    expect(await res.text()).toBe(live);
    expect(replayer.requests[0]!.fixture).toMatchObject({ outcome: 'replayed' });
  });

  it('a fixture for an endpoint the mock does not generate replays; a path with none is a miss, not a 404 Invalid URL', async () => {
    const store = memoryStore();
    const upstream = createMock({ endpoints: [shout] });
    const recorder = createMock({ fixtures: store, mode: 'record', upstream: 'http://upstream.test/v1' });
    const { coreOf } = await import('../src/mock/mock.js');
    const recorded = await coreOf(recorder).respond(new Request('http://x/v1/shout/bass', { method: 'POST', body: '{"text":"deep"}' }), {
      fetch: upstream.fetch,
    });
    expect(await recorded.json()).toEqual({ voice: 'bass', loud: 'DEEP' });
    expect(upstream.requests[0]!.path).toBe('/v1/shout/bass');

    const replayer = createMock({ fixtures: store });
    expect(await (await post(replayer.fetch, '/v1/shout/bass', { text: 'deep' })).json()).toEqual({ voice: 'bass', loud: 'DEEP' });
    const miss = await post(replayer.fetch, '/v1/shout/bass', { text: 'other' });
    expect(miss.status).toBe(404);
    expect((await miss.json()).error.message).toMatch(/Closest: shout-bass-[0-9a-f]{14}\.json: text is "other" here but "deep" there/);
  });

  it('a matching scenario rule answers before fixtures', async () => {
    const store = memoryStore();
    const upstream = createMock();
    const recorder = createMock({ fixtures: store, mode: 'record', upstream: 'http://upstream.test/v1' });
    const { coreOf } = await import('../src/mock/mock.js');
    const body = JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'recorded question' }] });
    await (await coreOf(recorder).respond(new Request('http://x/v1/chat/completions', { method: 'POST', body }), { fetch: upstream.fetch })).text();

    const replayer = createMock({
      fixtures: store,
      scenarios: [{ rules: [{ name: 'override', match: { lastMessage: { contains: 'recorded' } }, reply: { content: 'from the rule' } }] }],
    });
    const ruled = await post(replayer.fetch, '/v1/chat/completions', JSON.parse(body));
    expect((await ruled.json()).choices[0].message.content).toBe('from the rule');
    expect(replayer.requests[0]).toMatchObject({ matchedRule: 'override' });
    expect(replayer.requests[0]!.fixture).toBeUndefined();
    replayer.setScenarios([]);
    const replayed = await post(replayer.fetch, '/v1/chat/completions', JSON.parse(body));
    expect(replayed.status).toBe(200);
    expect(replayer.requests[1]!.fixture).toMatchObject({ outcome: 'replayed' });
  });
});

describe("the README's endpoint of your own", () => {
  it('serves the moderations example as written there', async () => {
    const readme = (await import('node:fs')).readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const block = /## Endpoints of your own[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)![1]!;
    // The README's code itself, types stripped, run with the package's own functions for its import.
    const { code } = await transform(block.replace(/^import .*\n/m, ''), { loader: 'ts' });
    const mock = new Function('createMock', 'defineEndpoint', `${code}\nreturn mock;`)(createMock, defineEndpoint) as ReturnType<typeof createMock>;
    const res = await post(mock.fetch, '/v1/moderations', { input: 'some hate' });
    expect(await res.json()).toEqual({ results: [{ flagged: true }] });
    expect(mock.requests.at(-1)).toMatchObject({ endpoint: 'moderations', status: 200 });
  });
});

describe('mockHandlers', () => {
  it('is chatCompletionHandlers under a name that says it serves every endpoint', async () => {
    const { chatCompletionHandlers, mockHandlers } = await import('../src/msw.js');
    const mock = createMock({ endpoints: [shout] });
    const handlers = mockHandlers(mock);
    expect(handlers.map((h) => h.info.header)).toEqual(chatCompletionHandlers(mock).map((h) => h.info.header));
    expect(handlers.map((h) => h.info.header)).toContain('POST */shout/*');
    expect(handlers.map((h) => h.info.header)).toContain('POST */responses');
    expect(handlers.map((h) => h.info.header)).toContain('POST */embeddings');
  });
});

describe('what the registry derives from its endpoints', () => {
  it('routes, CORS methods, the served list and the model list come from the endpoints alone', async () => {
    const { Registry } = await import('../src/endpoints/registry.js');
    const listed = {
      ...shout,
      models: [{ id: 'shouter-1', created: 1, ownedBy: 'test', contextWindow: 1, maxOutputTokens: 1, encoding: 'o200k_base' as const, reasoning: false }],
    };
    const registry = new Registry([listed]);
    expect(registry.methods()).toEqual(['POST', 'OPTIONS']);
    expect(registry.served()).toEqual(['POST /shout/{voice}']);
    expect(registry.models().map((m) => m.id)).toEqual(['shouter-1']);
    expect(registry.route('POST', '/openai/v1/shout/tenor')).toMatchObject({ params: { voice: 'tenor' }, relative: '/shout/tenor' });
    expect(registry.route('GET', '/v1/shout/tenor')).toBeUndefined();
  });
});

describe('an endpoint whose answer is a promise of another kind', () => {
  it('is answered as `await` would take it: a thenable, not a plan', async () => {
    const later = defineEndpoint<unknown>({
      name: 'test.later',
      method: 'POST',
      path: '/later',
      // A promise from another library or realm: not this realm's Promise.
      answer: () =>
        ({
          then: (resolve: (plan: unknown) => void) =>
            resolve({ kind: 'json', status: 200, headers: { 'content-type': 'application/json' }, body: { later: true } }),
        }) as unknown as Promise<never>,
    });
    const mock = createMock({ endpoints: [later] });
    const res = await post(mock.fetch, '/v1/later', {});
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ later: true });
  });
});
