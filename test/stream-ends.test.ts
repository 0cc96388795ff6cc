import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startServer } from '../src/node.js';
import { transports } from './transports.js';

const streamed = { model: 'gpt-4o', stream: true as const, messages: [{ role: 'user' as const, content: 'hi' }] };

describe('how streams end', () => {
  for (const transport of transports) {
    it(`over ${transport.name}, a cut past the last chunk is no cut: the stream completes`, async () => {
      const run = await transport.start();
      try {
        run.mock.use({ reply: { disconnectAfterChunks: 10_000 } });
        const stream = await run.client().chat.completions.create(streamed);
        let finish: string | null | undefined;
        for await (const chunk of stream) finish = chunk.choices[0]?.finish_reason ?? finish;
        expect(finish).toBe('stop');
      } finally {
        await run.close();
      }
    });
  }

  it('over HTTP, the body ends right after [DONE], so clients reading past it do not hang', async () => {
    const server = await startServer({ port: 0 });
    try {
      const text = await new Promise<string>((resolve, reject) => {
        const req = request(`${server.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
          let body = '';
          res.setEncoding('utf8').on('data', (d: string) => (body += d));
          res.on('end', () => resolve(body));
        });
        req.on('error', reject);
        req.end(JSON.stringify(streamed));
      });
      expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    } finally {
      await server.close();
    }
  });
});

describe('browsers', () => {
  it('get CORS headers and an answered preflight, over HTTP and from mock.fetch', async () => {
    const server = await startServer({ port: 0 });
    try {
      const preflight = await fetch(`${server.url}/v1/chat/completions`, {
        method: 'OPTIONS',
        headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
      expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/);
      const res = await fetch(`${server.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { origin: 'http://localhost:3000' },
        body: JSON.stringify(streamed),
      });
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      await res.text();
      expect((await server.mock.fetch(new Request(`${server.url}/v1/models`, { method: 'OPTIONS' }))).status).toBe(204);
    } finally {
      await server.close();
    }
  });
});
