import { expect, test } from '@jest/globals';
import { http, HttpResponse } from 'msw';
import { ask, openai } from '../src/assistant.js';
import { mock, server } from './setup.js';

test('the module-level client is answered by the mock', async () => {
  const answer = await ask('Say hello');
  expect(answer.length).toBeGreaterThan(0);
  expect(mock.requests).toHaveLength(1);
  expect(mock.requests[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions', status: 200 });
});

test('a scripted rule answers it', async () => {
  mock.use({ match: { lastMessage: { contains: 'weather' } }, reply: { content: 'Sunny, 21 °C' } });
  expect(await ask('What is the weather in Paris?')).toBe('Sunny, 21 °C');
});

test('server.use() overrides reach it', async () => {
  server.use(
    http.post('https://api.openai.com/v1/chat/completions', () =>
      HttpResponse.json({ error: { message: 'overridden', type: 'server_error', param: null, code: null } }, { status: 503 }),
    ),
  );
  await expect(openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }, { maxRetries: 0 })).rejects.toMatchObject({
    status: 503,
  });
  expect(mock.requests).toHaveLength(0);
});
