import OpenAI from 'openai';
import { expect, it } from 'vitest';
import { createMock } from '../src/index.js';

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
