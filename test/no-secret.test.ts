import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMock, memoryStore } from '../src/index.js';
import { startServer, type MockServer } from '../src/node.js';
import { Scrubber } from '../src/base/redact.js';
import { upstreamEndpoint } from '../src/record/upstream-path.js';
// A raw HTTP request, so paths with `..` and any Host header reach the server as written.
import { rawRequest as raw, tempDir } from './helpers.js';

// Built at run time so that no key-shaped string sits in the repo.
const SHORT_KEY = ['sk', 'live', 'SECRET123'].join('-');
const OTHER_KEY = ['sk', 'ant', 'api03', 'x'.repeat(10)].join('-');

interface Seen {
  url: string;
  headers: IncomingHttpHeaders;
}

/** An upstream that echoes the caller's credentials back, in headers and in the body, as careless proxies do. */
async function echoingUpstream(): Promise<{ url: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    req.resume();
    req.on('end', () => {
      const auth = String(req.headers.authorization ?? '');
      res.writeHead(200, {
        'content-type': 'application/json',
        'x-echo-auth': auth,
        'x-debug': `caller used ${auth.slice(7)}`,
        'openai-organization': 'org-x',
      });
      res.end(
        JSON.stringify({
          id: 'chatcmpl-1',
          object: 'chat.completion',
          created: 1,
          model: 'gpt-4o',
          choices: [{ index: 0, message: { role: 'assistant', content: `your key is ${auth.slice(7)}` }, finish_reason: 'stop' }],
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('no secret on disk or in the journal', () => {
  let upstream: Awaited<ReturnType<typeof echoingUpstream>>;
  let recorder: MockServer;
  const dir = tempDir('fixtures-secret-');

  beforeAll(async () => {
    upstream = await echoingUpstream();
    recorder = await startServer({ port: 0, mode: 'record', fixtures: dir, upstream: `${upstream.url}/v1` });
  });
  afterAll(async () => {
    await recorder.close();
    await upstream.close();
  });

  it('a short key, in Authorization, in a custom header and in the message, reaches no file name, header or body; nor the journal', async () => {
    const client = new OpenAI({ apiKey: SHORT_KEY, baseURL: `${recorder.url}/v1`, maxRetries: 0, defaultHeaders: { 'x-custom': `Bearer ${SHORT_KEY}` } });
    await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: `my key is ${SHORT_KEY} and ${OTHER_KEY}` }] });
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).not.toMatch(/sk-|secret123/i);
    const text = readFileSync(join(dir, files[0]!), 'utf8');
    expect(text).not.toContain('SECRET123');
    expect(text).not.toContain(OTHER_KEY);
    const fixture = JSON.parse(text);
    expect(fixture.request.body.messages[0].content).toBe('my key is [redacted] and [redacted]');
    // The upstream echoed the key in x-echo-auth (a credential by its value) and in x-debug.
    expect(JSON.stringify(fixture.response.headers)).not.toContain('SECRET123');
    expect(fixture.response.body.choices[0].message.content).toBe('your key is [redacted]');
    const journal = JSON.stringify(recorder.mock.requests);
    expect(journal).not.toContain('SECRET123');
    expect(journal).toContain('my key is [redacted]');
  });

  it('every credential-named header and its value is scrubbed, whatever the header is called', () => {
    const scrubber = new Scrubber({ 'x-goog-api-key': 'AbCdEfGhIjKl', authorization: 'Basic dXNlcjpwYXNzd29yZA==', 'x-custom': 'Token tok_abcdefgh1' });
    expect(scrubber.text('a AbCdEfGhIjKl b dXNlcjpwYXNzd29yZA== c tok_abcdefgh1')).toBe('a [redacted] b [redacted] c [redacted]');
    expect(scrubber.headers({ 'x-goog-api-key': 'AbCdEfGhIjKl', 'x-other': 'AbCdEfGhIjKl!' })).toEqual({
      'x-goog-api-key': '[redacted]',
      'x-other': '[redacted]!',
    });
    // Clean values are kept as they are; a key-shaped value in any one of many headers is still found.
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`x-h${i}`, `value ${i}`]));
    expect(scrubber.headers(many)).toEqual(many);
    expect(scrubber.headers({ ...many, 'x-last': `k=${OTHER_KEY}` })).toEqual({ ...many, 'x-last': 'k=[redacted]' });
    // A scheme's token is found after leading whitespace, in any case.
    const spaced = new Scrubber({ 'x-forwarded-auth': '\tbEaReR tok-abcdefgh2', 'x-plain': 'keep-alive' });
    expect(spaced.text('tok-abcdefgh2 keep-alive')).toBe('[redacted] keep-alive');
    // Provider key shapes go even when no header carried them.
    const none = new Scrubber({});
    for (const key of [SHORT_KEY, OTHER_KEY, ['sk', 'proj', 'abcd'].join('-'), `gsk_${'a'.repeat(20)}`]) expect(none.text(`x ${key} y`)).toBe('x [redacted] y');
  });
});

describe('a faithful recorder', () => {
  it("forwards the query string (Azure's ?api-version=)", async () => {
    const upstream = await echoingUpstream();
    const mock = createMock({ fixtures: memoryStore(), mode: 'record', upstream: `${upstream.url}/openai/deployments/d` });
    try {
      const res = await mock.fetch(
        new Request('http://x/openai/deployments/d/chat/completions?api-version=2024-06-01', {
          method: 'POST',
          body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
        }),
      );
      expect(res.status).toBe(200);
      expect(upstream.seen[0]!.url).toBe('/openai/deployments/d/chat/completions?api-version=2024-06-01');
    } finally {
      await upstream.close();
    }
  });

  it('a path that climbs out of the prefix is refused and never forwarded, over HTTP', async () => {
    const upstream = await echoingUpstream();
    const dir = tempDir('fixtures-climb-');
    const recorder = await startServer({ port: 0, mode: 'record', fixtures: dir, upstream: `${upstream.url}/v1` });
    try {
      for (const path of ['/v1/models/../../../admin/secrets', '/v1/models/%2e%2e/%2e%2e/admin', '/v1/models/a%2F..%2F..%2Fadmin']) {
        const res = await raw(recorder.url, 'GET', path, { authorization: `Bearer ${SHORT_KEY}` });
        expect([path, res.status]).toEqual([path, 404]);
      }
      expect(upstream.seen).toHaveLength(0);
      expect(readdirSync(dir)).toHaveLength(0);
      // A plain path still goes through, `.` segments dropped.
      const ok = await raw(recorder.url, 'GET', '/v1/./models/gpt-4o', {});
      expect(ok.status).toBe(200);
      expect(upstream.seen[0]!.url).toBe('/v1/models/gpt-4o');
    } finally {
      await recorder.close();
      await upstream.close();
    }
  });

  it('normalises endpoints', () => {
    // The endpoint path after the caller's prefix, as the registry found it.
    expect(upstreamEndpoint('/chat/./completions')).toBe('/chat/completions');
    expect(upstreamEndpoint('/models/../../x')).toBeUndefined();
    expect(upstreamEndpoint('/models/..')).toBeUndefined();
    expect(upstreamEndpoint('/models/x/../y')).toBeUndefined();
    expect(upstreamEndpoint('/models/x%2F..%2Fy')).toBeUndefined();
  });

  it('recording refuses a cross-site request (a web page posting text/plain)', async () => {
    const upstream = await echoingUpstream();
    const recorder = await startServer({ port: 0, mode: 'record', fixtures: tempDir('fixtures-xsite-'), upstream: `${upstream.url}/v1` });
    try {
      const body = JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
      const res = await raw(
        recorder.url,
        'POST',
        '/v1/chat/completions',
        { 'content-type': 'text/plain', origin: 'https://attacker.example', 'sec-fetch-site': 'cross-site' },
        body,
      );
      expect(res.status).toBe(403);
      expect(upstream.seen).toHaveLength(0);
    } finally {
      await recorder.close();
      await upstream.close();
    }
  });
});
