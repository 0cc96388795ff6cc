import { expect, test } from 'vitest';
import { ask } from '../src/assistant.js';
import { mock } from './setup.js';

test('a scripted rule answers it', async () => {
  mock.use({ match: { lastMessage: { contains: 'weather' } }, reply: { content: 'Sunny, 21 °C' } });
  expect(await ask('What is the weather in Paris?')).toBe('Sunny, 21 °C');
});
