import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMock } from '../src/index.js';
import { startServer } from '../src/node.js';
import { entrySize, Journal, type JournalEntry } from '../src/mock/journal.js';
import { journalPlan } from '../src/server/admin.js';
import { DEFAULT_IGNORED_FIELDS, fixtureHash, identityOf } from '../src/record/identity.js';
import { tempDir } from './helpers.js';

const ask = (content: string) => ({ model: 'gpt-4o', messages: [{ role: 'user', content }] });

function fixtureFor(body: object, response: Record<string, unknown>, version = 2) {
  const hash = fixtureHash(identityOf('POST', '/chat/completions', body, DEFAULT_IGNORED_FIELDS), 0);
  return {
    version,
    hash,
    order: 0,
    recordedAt: '2026-01-01T00:00:00.000Z',
    request: { method: 'POST', path: '/chat/completions', headers: {}, body },
    response,
  };
}

const post = (body: object) => new Request('http://x/v1/chat/completions', { method: 'POST', body: JSON.stringify(body) });

/** Two requests on one keep-alive connection: a wrong content-length would desync the second. */
function twoOnOneSocket(port: number, body: string): Promise<string[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const one = () =>
    new Promise<string>((resolve, reject) => {
      const req = httpRequest(
        {
          port,
          host: '127.0.0.1',
          method: 'POST',
          path: '/v1/chat/completions',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve(`${res.headers['content-length']}:${text}`));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return Promise.all([one(), one()]).finally(() => agent.destroy());
}

describe('replay checks its files', () => {
  afterEach(() => vi.restoreAllMocks());

  it('a stored content-length that does not fit the body is not sent; keep-alive clients stay in step', async () => {
    const dir = tempDir('fixtures-length-');
    const body = ask('length');
    const text = '{"answer":"twenty-eight b"}';
    writeFileSync(
      join(dir, 'length.json'),
      JSON.stringify(
        fixtureFor(body, {
          status: 200,
          headers: { 'content-type': 'application/json', 'content-length': '5', 'transfer-encoding': 'chunked', connection: 'close' },
          body: text,
        }),
      ),
    );
    const server = await startServer({ port: 0, fixtures: dir });
    try {
      const answers = await twoOnOneSocket(server.port, JSON.stringify(body));
      // The second identical request is order 1: a miss, but read whole on the same socket.
      expect(answers[0]).toBe(`${Buffer.byteLength(text)}:${text}`);
      expect(answers[1]).toMatch(/^\d+:\{"error"/);
    } finally {
      await server.close();
    }
  });

  it('a status no HTTP response has, another format version, a symlink out of the folder: each skipped with a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const dir = tempDir('fixtures-bad-');
    const outside = tempDir('outside-');
    writeFileSync(join(outside, 'secret.json'), 'TOP-SECRET-LINE\n');
    writeFileSync(join(dir, 'status.json'), JSON.stringify(fixtureFor(ask('status'), { status: 999, headers: {}, body: {} })));
    writeFileSync(join(dir, 'version.json'), JSON.stringify(fixtureFor(ask('version'), { status: 200, headers: {}, body: {} }, 3)));
    symlinkSync(join(outside, 'secret.json'), join(dir, 'link.json'));
    mkdirSync(join(dir, 'folder.json'));
    const mock = createMock({ fixtures: dir });
    for (const content of ['status', 'version']) expect((await mock.fetch(post(ask(content)))).status).toBe(404);
    const warnings = warn.mock.calls.map((call) => String(call[0]));
    expect(warnings.find((w) => w.includes('status.json'))).toMatch(/response\.status 999 is not an HTTP status/);
    expect(warnings.find((w) => w.includes('version.json'))).toMatch(/format version 3; this completions-mock reads versions 1 and 2/);
    expect(warnings.find((w) => w.includes('link.json'))).toMatch(/symbolic link/);
    expect(warnings.find((w) => w.includes('folder.json'))).toMatch(/not a regular file/);
    expect(warnings.join('\n')).not.toContain('TOP-SECRET');
  });

  it('a YAML alias bomb to PUT /__mock/scenario is a 400', async () => {
    const server = await startServer({ port: 0 });
    try {
      const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
      for (const [i, name] of ['b', 'c', 'd', 'e', 'f', 'g', 'h'].entries()) {
        const prev = String.fromCharCode(97 + i);
        levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
      }
      const res = await fetch(`${server.url}/__mock/scenario`, {
        method: 'PUT',
        headers: { 'content-type': 'application/yaml' },
        body: `${levels.join('\n')}\nrules: []\n`,
      });
      expect(res.status).toBe(400);
      expect((await res.json()).error.message).toMatch(/at most 100 aliases/);
    } finally {
      await server.close();
    }
  });
});

describe('the journal stays bounded and readable', () => {
  const entry = (i: number, body: string): JournalEntry => ({
    time: '',
    method: 'POST',
    path: '/v1/chat/completions',
    headers: {},
    body: null,
    text: body,
    status: 200 + i * 0,
  });
  const sized = (e: JournalEntry): [JournalEntry, number] => [e, entrySize(e.path, e.headers, e.text!.length)];

  it('bounded by bytes as well as entries: the newest kept', () => {
    const journal = new Journal(1000, 1_000_000);
    for (let i = 0; i < 100; i++) journal.add(...sized(entry(i, 'x'.repeat(100_000))));
    expect(journal.bytes).toBeLessThanOrEqual(1_000_000);
    expect(journal.entries.length).toBe(9);
    const counted = new Journal(3);
    for (let i = 0; i < 10; i++) counted.add(...sized(entry(i, 'y')));
    expect(counted.entries).toHaveLength(3);
    // The newest are the ones kept.
    const paths = new Journal(1000, 1_000_000);
    for (let i = 0; i < 100; i++) paths.add(...sized({ ...entry(i, 'x'.repeat(100_000)), path: `/v1/${i}` }));
    expect(paths.entries.map((e) => e.path)).toEqual(Array.from({ length: 9 }, (_, i) => `/v1/${91 + i}`));
  });

  it('keeps the newest entries in order while far more come than it holds, read at any point', () => {
    const journal = new Journal(100);
    for (let i = 0; i < 1000; i++) {
      journal.add(...sized({ ...entry(i, 'z'), path: `/v1/${i}` }));
      if (i % 37 === 0 || i > 990) {
        const kept = Math.min(i + 1, 100);
        expect(journal.entries.map((e) => e.path)).toEqual(Array.from({ length: kept }, (_, k) => `/v1/${i + 1 - kept + k}`));
      }
    }
    expect(journal.bytes).toBe(100 * (200 + '/v1/900'.length + 1));
  });

  it('served as JSON entry by entry, even when an entry cannot be serialised', () => {
    const cyclic: any = { a: 1 };
    cyclic.self = cyclic;
    const plan = journalPlan([entry(0, 'ok'), { ...entry(1, ''), body: cyclic }]);
    expect(plan.status).toBe(200);
    const served = JSON.parse(plan.body as string);
    expect(served).toHaveLength(2);
    expect(served[1].body).toBe('[a body too large to serve]');
  });

  it('150 bodies of 250 KB (37 MB) keep the journal under its 32 MB bound, and it is served', async () => {
    const mock = createMock();
    const body = 'z'.repeat(250_000);
    // Any path is journaled; an unknown one answers at once.
    for (let i = 0; i < 150; i++) await mock.fetch(new Request('http://x/v1/nothing', { method: 'POST', body }));
    const size = mock.requests.reduce((sum, e) => sum + JSON.stringify(e).length, 0);
    expect(size).toBeLessThanOrEqual(32 * 1024 * 1024 + 1_000_000);
    expect(mock.requests.length).toBeLessThan(150);
    expect(JSON.parse(journalPlan(mock.requests).body as string).length).toBe(mock.requests.length);
  });
});
