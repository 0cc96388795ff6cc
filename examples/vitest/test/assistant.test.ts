import { http, HttpResponse } from 'msw';
import { expect, test } from 'vitest';
import { ask, openai } from '../src/assistant.js';
import { mock, server } from './setup.js';

test('the module-level client is answered by the mock', async () => {
  const answer = await ask('Say hello');
  expect(answer.length).toBeGreaterThan(0);
  expect(mock.requests).toHaveLength(1);
  expect(mock.requests[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions', status: 200 });
  expect(mock.requests[0]!.headers['authorization']).toBe('[redacted]');
});

test('server.use() overrides reach it', async () => {
  server.use(
    http.post('https://api.openai.com/v1/chat/completions', () =>
      HttpResponse.json({ error: { message: 'overridden', type: 'server_error', param: null, code: null } }, { status: 503 }),
    ),
  );
  const error = await openai.chat.completions
    .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }, { maxRetries: 0 })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Error);
  expect(error).toMatchObject({ status: 503, message: expect.stringContaining('overridden') });
  expect(mock.requests).toHaveLength(0);
});
