import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type MockServer } from '../src/node.js';
import { isCrossSite } from '../src/base/cross-site.js';
import { hostChecker } from '../src/server/guard.js';
import { rawRequest } from './helpers.js';

/** A raw HTTP request, so any Host, Origin or content type reaches the server as a browser would send it. */
async function raw(server: MockServer, method: string, path: string, headers: Record<string, string>, body = '') {
  const res = await rawRequest(`http://127.0.0.1:${server.port}`, method, path, headers, body);
  return { ...res, json: res.text ? JSON.parse(res.text) : undefined };
}

const chat = JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
const scenario = JSON.stringify({ rules: [{ name: 'planted', reply: { content: 'planted' } }] });

describe('web pages cannot drive the server', () => {
  let server: MockServer;
  let own: string;
  beforeAll(async () => {
    server = await startServer({ port: 0 });
    own = `127.0.0.1:${server.port}`;
  });
  afterAll(() => server.close());

  it('a Host that is not the server (DNS rebinding) is refused, on admin and API paths alike', async () => {
    const put = await raw(server, 'PUT', '/__mock/scenario', { host: `attacker.example:${server.port}`, 'content-type': 'application/json' }, scenario);
    expect(put.status).toBe(403);
    expect(put.json.error.code).toBe('host_not_allowed');
    const api = await raw(server, 'POST', '/v1/chat/completions', { host: 'attacker.example', 'content-type': 'application/json' }, chat);
    expect(api.status).toBe(403);
    expect(server.mock.requests).toHaveLength(0);
    // The scenario was not planted.
    const answer = await raw(server, 'POST', '/v1/chat/completions', { host: own, 'content-type': 'application/json' }, chat);
    expect(answer.json.choices[0].message.content).not.toBe('planted');
  });

  it("the server's own names are served, on its own port only", async () => {
    for (const host of [own, `localhost:${server.port}`, `[::1]:${server.port}`, 'localhost']) {
      expect([host, (await raw(server, 'GET', '/__mock/health', { host })).status]).toEqual([host, 200]);
    }
    expect((await raw(server, 'GET', '/__mock/health', { host: `localhost:${server.port + 1}` })).status).toBe(403);
  });

  it('admin endpoints refuse cross-site requests and simple bodies', async () => {
    const xsite = await raw(server, 'POST', '/__mock/reset', { host: own, origin: 'https://attacker.example', 'sec-fetch-site': 'cross-site' });
    expect(xsite.status).toBe(403);
    const otherPort = await raw(
      server,
      'PUT',
      '/__mock/scenario',
      { host: own, origin: `http://127.0.0.1:${server.port + 1}`, 'content-type': 'application/json' },
      scenario,
    );
    expect(otherPort.status).toBe(403);
    const textPlain = await raw(server, 'POST', '/__mock/reset', { host: own, 'content-type': 'text/plain' }, '{}');
    expect(textPlain.status).toBe(415);
    expect(textPlain.json.error.message).toMatch(/application\/json/);
    // From the command line (no Origin, no body) it works.
    expect((await raw(server, 'POST', '/__mock/reset', { host: own })).status).toBe(200);
    expect(
      (
        await raw(
          server,
          'POST',
          '/__mock/reset',
          { host: own, origin: `http://${own}`, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
          '{}',
        )
      ).status,
    ).toBe(200);
  });

  it('API endpoints keep CORS for web apps', async () => {
    const res = await raw(
      server,
      'POST',
      '/v1/chat/completions',
      { host: own, origin: 'http://localhost:3000', 'sec-fetch-site': 'same-site', 'content-type': 'application/json' },
      chat,
    );
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const preflight = await raw(server, 'OPTIONS', '/v1/chat/completions', {
      host: own,
      origin: 'https://app.example',
      'access-control-request-method': 'POST',
    });
    expect(preflight.status).toBe(204);
  });

  it('bound to every interface, any Host is served; bound to a name, that name is too', () => {
    expect(hostChecker('0.0.0.0', 80)('mock:80')).toBe(true);
    expect(hostChecker('mock.internal', 4747)('mock.internal:4747')).toBe(true);
    expect(hostChecker('::1', 4747)('[::1]:4747')).toBe(true);
    expect(hostChecker('127.0.0.1', 4747)('evil.example:4747')).toBe(false);
    // One checker asked in turn (it keeps its last answer): each host gets its own.
    const check = hostChecker('127.0.0.1', 4747);
    expect(['localhost:4747', 'localhost:4747', 'evil.example:4747', 'evil.example:4747', '127.0.0.1:4747', 'localhost:80'].map(check)).toEqual([
      true,
      true,
      false,
      false,
      true,
      false,
    ]);
  });
});

describe('isCrossSite: Origin against Host, without Sec-Fetch-Site (older browsers, other clients)', () => {
  it('another host is cross-site; the same host on another port, in any case or with a trailing dot, is not', () => {
    expect(isCrossSite({ host: '127.0.0.1:4747', origin: 'https://attacker.example' })).toBe(true);
    expect(isCrossSite({ host: '[::1]:4747', origin: 'http://127.0.0.1:4747' })).toBe(true);
    expect(isCrossSite({ host: 'localhost:4747', origin: 'http://localhost:3000' })).toBe(false);
    expect(isCrossSite({ host: 'LocalHost.:4747', origin: 'http://localhost:3000' })).toBe(false);
    expect(isCrossSite({ host: '[::1]:4747', origin: 'http://[::1]:5173' })).toBe(false);
    expect(isCrossSite({ host: 'localhost:4747', origin: 'null' })).toBe(true);
  });
});
