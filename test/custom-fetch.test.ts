import OpenAI from 'openai';
import { expect, it } from 'vitest';
import { createMock } from '../src/index.js';

it('mock.fetch serves as a client’s own fetch, no msw and no socket', async () => {
  const mock = createMock();
  const client = new OpenAI({ apiKey: 'test', maxRetries: 0, fetch: (url, init) => mock.fetch(new Request(url, init)) });
  const res = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
  expect(res.object).toBe('chat.completion');
  expect(mock.requests[0]!.path).toBe('/v1/chat/completions');
});
