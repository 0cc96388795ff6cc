import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMock, memoryStore } from '../src/index.js';
import { startServer, type MockServer } from '../src/node.js';
import type { ChatCompletion } from 'openai/resources/chat/completions';
import { weatherTool, tempDir } from './helpers.js';
import { mswTransport, serverTransport } from './transports.js';

// Built at run time so that no key-shaped string sits in the repo.
const SECRET = ['sk', 'proj', 'supersecretvalue1234567890'].join('-');

async function assembled(client: OpenAI, body: Record<string, unknown>): Promise<unknown> {
  if (body.stream) {
    const stream = client.chat.completions.stream({ ...(body as object), stream: true } as never);
    const final = await stream.finalChatCompletion();
    return final.choices.map((c) => ({ message: c.message, finish_reason: c.finish_reason }));
  }
  const res = (await client.chat.completions.create(body as never)) as ChatCompletion;
  return res.choices.map((c) => ({ message: c.message, finish_reason: c.finish_reason }));
}

/** Keys sorted at every depth, so re-recording yields minimal diffs. */
function expectSortedKeys(value: unknown): void {
  if (Array.isArray(value)) return value.forEach(expectSortedKeys);
  if (!value || typeof value !== 'object') return;
  const keys = Object.keys(value);
  expect(keys).toEqual([...keys].sort());
  for (const child of Object.values(value)) expectSortedKeys(child);
}

const REQUESTS: Array<Record<string, unknown>> = [
  { model: 'gpt-4o', messages: [{ role: 'user', content: 'Tell me about Paris' }] },
  { model: 'gpt-4o', messages: [{ role: 'user', content: 'Stream me a story' }], stream: true, stream_options: { include_usage: true } },
  { model: 'gpt-4o', messages: [{ role: 'user', content: 'What is the weather in Paris?' }], tools: [weatherTool], tool_choice: 'required' },
  { model: 'gpt-4o', messages: [{ role: 'user', content: 'Weather, streamed' }], tools: [weatherTool], tool_choice: 'required', stream: true },
];

describe('record, then replay with the upstream gone', () => {
  const dir = tempDir('fixtures-');
  let upstream: MockServer;
  const recorded: unknown[] = [];

  beforeAll(async () => {
    upstream = await startServer({
      port: 0,
      seed: 5,
      scenarios: [
        {
          rules: [
            { match: { lastMessage: { contains: 'twice' } }, sequence: [{ reply: { content: 'first answer' } }, { reply: { content: 'second answer' } }] },
            { match: { lastMessage: { contains: 'forbidden' } }, error: { status: 403 } },
          ],
        },
      ],
    });
    const recorder = await startServer({ port: 0, mode: 'record', fixtures: dir, upstream: `${upstream.url}/v1` });
    const client = new OpenAI({ apiKey: SECRET, baseURL: `${recorder.url}/v1`, maxRetries: 0, organization: 'org-secretorg', project: 'proj_secret' });
    for (const body of REQUESTS) recorded.push(await assembled(client, body));
    const twice = { model: 'gpt-4o', messages: [{ role: 'user', content: 'say it twice' }] };
    recorded.push(await assembled(client, twice), await assembled(client, twice));
    const denied = await client.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: `forbidden ${SECRET}` }] })
      .catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(OpenAI.PermissionDeniedError);
    await recorder.close();
    await upstream.close();
  });

  it('writes one pretty, sorted, versioned file per interaction, named <slug>-<hash>.json', () => {
    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(REQUESTS.length + 3);
    for (const file of files) {
      expect(file).toMatch(/^[a-z0-9-]+-[0-9a-f]{14}\.json$/);
      const text = readFileSync(join(dir, file), 'utf8');
      const fixture = JSON.parse(text);
      expect(fixture.version).toBe(2);
      expect(text).toBe(`${JSON.stringify(fixture, null, 2)}\n`);
      expectSortedKeys(fixture);
    }
    expect(files.some((f) => f.startsWith('tell-me-about-paris-'))).toBe(true);
    const stream = files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8'))).find((f) => f.response.chunks && !f.request.body.tools);
    expect(stream.response.chunks.at(-1).data).toBe('[DONE]');
  });

  it('keeps no secret on disk', () => {
    for (const file of readdirSync(dir)) {
      expect(file).not.toMatch(/sk-/);
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text).not.toContain(SECRET);
      expect(text).not.toMatch(/sk-[A-Za-z0-9_-]{16,}/);
      expect(text).not.toMatch(/"(authorization|openai-organization|openai-project|cookie|api-key)"/i);
      // Every header name that could hold a credential, not just the ones the recorder knows.
      const fixture = JSON.parse(text);
      for (const headers of [fixture.request.headers, fixture.response.headers]) {
        for (const name of Object.keys(headers)) expect(name).not.toMatch(/auth|key|secret|cookie|organization|project|session/i);
      }
      expect(text).not.toContain('org-secretorg');
    }
  });

  for (const transport of [serverTransport, mswTransport]) {
    it(`replays every interaction identically over ${transport.name}`, async () => {
      const run = await transport.start({ fixtures: dir });
      try {
        const client = run.client();
        const replayed: unknown[] = [];
        for (const body of REQUESTS) replayed.push(await assembled(client, body));
        const twice = { model: 'gpt-4o', messages: [{ role: 'user', content: 'say it twice' }] };
        replayed.push(await assembled(client, twice), await assembled(client, twice));
        expect(replayed).toEqual(recorded);
        const files = new Set(readdirSync(dir));
        for (const entry of run.mock.requests) {
          expect(entry.fixture?.outcome).toBe('replayed');
          expect(files.has(entry.fixture!.name!)).toBe(true);
        }
        expect((recorded.at(-2) as any)[0].message.content).toBe('first answer');
        expect((recorded.at(-1) as any)[0].message.content).toBe('second answer');
        const denied = await client.chat.completions
          .create({ model: 'gpt-4o', messages: [{ role: 'user', content: `forbidden ${SECRET}` }] })
          .catch((e: unknown) => e);
        expect(denied).toBeInstanceOf(OpenAI.PermissionDeniedError);
      } finally {
        await run.close();
      }
    });
  }

  it('answers a miss with a 404 naming the closest fixture and what differs', async () => {
    const run = await serverTransport.start({ fixtures: dir });
    try {
      const error = await run
        .client()
        .chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Tell me about Rome' }] })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.NotFoundError);
      const message = (error as Error).message;
      expect(message).toMatch(
        /Closest: tell-me-about-paris-[0-9a-f]{14}\.json: messages\[0\]\.content is "Tell me about Rome" here but "Tell me about Paris" there/,
      );
      expect(run.mock.requests.at(-1)!.fixture).toEqual({ outcome: 'missed' });
      expect(run.mock.requests.at(-1)!.reason).toMatch(
        /^unmatched: tell-me-about-paris-[0-9a-f]{14}\.json: messages\[0\]\.content is "Tell me about Rome" here/,
      );
    } finally {
      await run.close();
    }
  });
});

describe('replay-or-record', () => {
  it('calls the upstream only for misses, through msw as well', async () => {
    const dir = tempDir('fixtures-ror-');
    const upstream = await startServer({ port: 0, seed: 9 });
    try {
      for (const transport of [mswTransport, serverTransport]) {
        const run = await transport.start({ fixtures: dir, mode: 'replay-or-record', upstream: `${upstream.url}/v1` });
        try {
          const client = run.client();
          const a = await assembled(client, { model: 'gpt-4o', messages: [{ role: 'user', content: 'one' }] });
          const b = await assembled(client, { model: 'gpt-4o', messages: [{ role: 'user', content: 'two' }] });
          run.mock.reset();
          expect(await assembled(client, { model: 'gpt-4o', messages: [{ role: 'user', content: 'one' }] })).toEqual(a);
          expect(await assembled(client, { model: 'gpt-4o', messages: [{ role: 'user', content: 'two' }] })).toEqual(b);
        } finally {
          await run.close();
        }
      }
      // Two misses recorded by the first transport; the second found them all on disk.
      expect(upstream.mock.requests).toHaveLength(2);
      expect(readdirSync(dir)).toHaveLength(2);
    } finally {
      await upstream.close();
    }
  });
});

describe('recording safety', () => {
  const bin = join(import.meta.dirname, '..', 'bin', 'completions-mock.js');

  function recorderProcess(dir: string, upstream: string) {
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--quiet', '--mode', 'record', '--fixtures', dir, '--upstream', upstream], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((resolve) => child.once('close', resolve));
    const ready = new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        out += d;
        const m = /listening on (\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      void exited.then(() => reject(new Error('recorder exited early')));
    });
    return { child, ready, exited };
  }

  it('a recorder killed with SIGKILL mid-stream leaves no partial fixture; one left to finish writes a whole one', async () => {
    const dir = join(tempDir('fixtures-kill-'), 'fx');
    const upstream = await startServer({ port: 0, scenarios: [{ rules: [{ reply: { latency: { firstTokenMs: 0, tokensPerSecond: 200 } } }] }] });
    const body = JSON.stringify({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'a long story' }] });
    try {
      const killed = recorderProcess(dir, `${upstream.url}/v1`);
      const res = await fetch(`${await killed.ready}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const reader = res.body!.getReader();
      const first = new TextDecoder().decode((await reader.read()).value);
      expect(first).toMatch(/^data: \{"id":"chatcmpl-/);
      killed.child.kill('SIGKILL');
      await killed.exited;
      await expect(reader.read()).rejects.toThrow(/terminated/);
      expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);

      const finished = recorderProcess(dir, `${upstream.url}/v1`);
      const whole = await (
        await fetch(`${await finished.ready}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
      ).text();
      finished.child.kill('SIGTERM');
      await finished.exited;
      const files = readdirSync(dir);
      expect(files).toHaveLength(1);
      const fixture = JSON.parse(readFileSync(join(dir, files[0]!), 'utf8'));
      expect(fixture.response.chunks.map((c: { data: string }) => `data: ${c.data}\n\n`).join('')).toBe(whole);
    } finally {
      await upstream.close();
    }
  });

  it('concurrent recordings of the same request become separate, whole files', async () => {
    const dir = tempDir('fixtures-concurrent-');
    const upstream = await startServer({ port: 0 });
    const recorder = await startServer({ port: 0, mode: 'record', fixtures: dir, upstream: `${upstream.url}/v1` });
    try {
      const client = new OpenAI({ apiKey: 'k', baseURL: `${recorder.url}/v1`, maxRetries: 0 });
      const same = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'same question' }] };
      await Promise.all(Array.from({ length: 5 }, () => client.chat.completions.create(same)));
      const files = readdirSync(dir);
      expect(files).toHaveLength(5);
      const orders = files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')).order).sort();
      expect(orders).toEqual([0, 1, 2, 3, 4]);
    } finally {
      await recorder.close();
      await upstream.close();
    }
  });
});

describe('an upstream that fails', () => {
  const ask = { model: 'gpt-4o', messages: [{ role: 'user', content: 'anyone there?' }] };

  it('unreachable: a 502 naming the upstream and the cause', async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const mock = createMock({ fixtures: memoryStore(), mode: 'record', upstream: `http://127.0.0.1:${port}/v1` });
    const res = await mock.fetch(new Request('http://x/v1/chat/completions', { method: 'POST', body: JSON.stringify(ask) }));
    expect(res.status).toBe(502);
    expect((await res.json()).error.message).toBe(`Could not reach the upstream http://127.0.0.1:${port}/v1: ECONNREFUSED`);
  });

  it('silent: a 504 once upstreamTimeoutMs passes, and nothing recorded', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const store = memoryStore();
    try {
      const { port } = silent.address() as AddressInfo;
      const mock = createMock({ fixtures: store, mode: 'record', upstream: `http://127.0.0.1:${port}/v1`, upstreamTimeoutMs: 100 });
      const res = await mock.fetch(new Request('http://x/v1/chat/completions', { method: 'POST', body: JSON.stringify(ask) }));
      expect(res.status).toBe(504);
      expect((await res.json()).error.message).toMatch(/sent no answer within 0\.1s/);
      expect(store.files.size).toBe(0);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });
});
