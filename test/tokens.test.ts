import { describe, expect, it } from 'vitest';
import { completion, newMock } from './helpers.js';

// The OpenAI cookbook's API-checked example ("How to count tokens with tiktoken",
// tools section): the real API reported these prompt_tokens for this request.
const tools = [
  {
    type: 'function',
    function: {
      name: 'get_current_weather',
      description: 'Get the current weather in a given location',
      parameters: {
        type: 'object',
        properties: {
          location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' },
          unit: { type: 'string', description: 'The unit of temperature to return', enum: ['celsius', 'fahrenheit'] },
        },
        required: ['location'],
      },
    },
  },
];
const messages = [
  { role: 'system', content: 'You are a helpful assistant that can answer to questions about the weather.' },
  { role: 'user', content: "What's the weather like in San Francisco?" },
];

describe('prompt_tokens match what the real API reported', () => {
  for (const [model, expected] of [
    ['gpt-4o', 101],
    ['gpt-4o-mini', 101],
    ['gpt-4', 105],
    ['gpt-3.5-turbo', 105],
  ] as const) {
    it(`${model}: ${expected}`, async () => {
      const body = await completion(newMock(), { model, messages, tools, tool_choice: 'none' });
      expect(body.usage.prompt_tokens).toBe(expected);
    });
  }
});
