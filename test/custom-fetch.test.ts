import OpenAI from 'openai';
import { expect, it } from 'vitest';
import { createMock } from '../src/index.js';
import { fromFetchArguments, fromWebRequest } from '../src/base/web.js';

it('mock.fetch serves as a client’s own fetch, no msw and no socket', async () => {
  const mock = createMock();
  const client = new OpenAI({ apiKey: 'test', maxRetries: 0, fetch: mock.fetch });
  const res = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
  expect(res.object).toBe('chat.completion');
  expect(mock.requests[0]!.path).toBe('/v1/chat/completions');
});

it('a hang ends when the client aborts, with mock.fetch as its fetch', async () => {
  const mock = createMock();
  mock.use({ reply: { hang: true } });
  const client = new OpenAI({ apiKey: 'test', maxRetries: 0, timeout: 50, fetch: mock.fetch });
  await expect(client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] })).rejects.toBeInstanceOf(
    OpenAI.APIConnectionTimeoutError,
  );
});

it('an aborted request stops a slow stream', async () => {
  const mock = createMock();
  mock.use({ reply: { latency: { firstTokenMs: 0, tokensPerSecond: 1 } } });
  const controller = new AbortController();
  const res = await mock.fetch(
    new Request('http://x/v1/chat/completions', {
      method: 'POST',
      signal: controller.signal,
      body: JSON.stringify({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'slow' }] }),
    }),
  );
  const reader = res.body!.getReader();
  await reader.read();
  const next = reader.read();
  controller.abort(new Error('client gave up'));
  await expect(next).rejects.toThrow('client gave up');
});

it('mock.fetch(url, init) reads a request exactly as it reads new Request(url, init)', async () => {
  const body = (content: string) => JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content }] });
  const typeless = new Headers({ accept: 'a', 'x-z': 'z', host: 'h', 'content-length': '1' });
  const cases: Array<[string | URL, RequestInit]> = [
    ['http://x/v1/chat/completions?api-version=1', { method: 'POST', body: body('no content type') }],
    [
      new URL('http://x/v1/chat/completions'),
      { method: 'post', headers: { 'Content-Type': 'application/json', 'X-Two': ' padded ' }, body: body('object headers') },
    ],
    [
      'http://x/v1/chat/completions',
      {
        method: 'POST',
        headers: [
          ['x-dup', 'a'],
          ['X-Dup', 'b'],
        ],
        body: body('pairs'),
      },
    ],
    ['http://x/v1/chat/completions', { method: 'POST', headers: new Headers({ authorization: 'Bearer abcdefgh123' }), body: `\ufeff${body('bom')}` }],
    ['http://x/v1/chat/completions', { method: 'POST', headers: typeless, body: body('typeless') }],
    ['http://x/v1/chat/completions', { method: 'POST', headers: new Headers({ 'Content-Type': 'application/json', 'x-a': 'a' }), body: body('typed') }],
    ['http://x/v1/chat/completions', { method: 'POST', body: body('an emoji 😀, a surrogate pair') }],
    ['http://x/v1/chat/completions', { method: 'POST', body: body('lone \ud800 surrogate').replace('\\ud800', '\ud800') }],
    ['http://x/v1/chat/completions', { method: 'POST', body: body('with mode'), mode: 'cors' }],
  ];
  expect(fromFetchArguments(...cases[0]!)?.query).toBe('?api-version=1');
  // Read in place for all but the last two (a lone surrogate, a mode fetch would act on): those build a Request.
  expect(cases.map(([input, init]) => fromFetchArguments(input, init) !== undefined)).toEqual([true, true, true, true, true, true, true, false, false]);
  const direct = createMock();
  const viaRequest = createMock();
  for (const [input, init] of cases) {
    // What the pipeline gets, query string included (the journal does not show it; the recorder forwards it).
    const read = fromFetchArguments(input, init);
    if (read) expect(read).toEqual(await fromWebRequest(new Request(input, init)));
    const a = await direct.fetch(input, init);
    const b = await viaRequest.fetch(new Request(input, init));
    expect(a.status).toBe(b.status);
    expect(JSON.parse(await a.text()).choices).toEqual(JSON.parse(await b.text()).choices);
  }
  // The caller's Headers are read, not changed.
  expect(typeless.has('content-type')).toBe(false);
  const strip = ({ time, ...entry }: { time: string }) => entry;
  expect(direct.requests.map(strip)).toEqual(viaRequest.requests.map(strip));
  expect(JSON.stringify(direct.requests.map(strip))).toBe(JSON.stringify(viaRequest.requests.map(strip)));
  // Arguments a Request refuses are refused alike.
  const refused = async (input: string, init: RequestInit) => direct.fetch(input, init);
  await expect(refused('/v1/chat/completions', { method: 'POST', body: '{}' })).rejects.toBeInstanceOf(TypeError);
  await expect(refused('http://x/v1/chat/completions', { method: 'POST', headers: { 'bad name': 'x' }, body: '{}' })).rejects.toBeInstanceOf(TypeError);
  expect(direct.requests).toHaveLength(cases.length);
});

it('mock.fetch fails as fetch does: a rejected promise, never a throw at the call', async () => {
  const mock = createMock();
  const bad = mock.fetch('not a url', { method: 'POST', body: '{}' });
  expect(bad).toBeInstanceOf(Promise);
  await expect(bad).rejects.toThrow(TypeError);
  await expect(fetch('not a url', { method: 'POST', body: '{}' })).rejects.toThrow(TypeError);
});
