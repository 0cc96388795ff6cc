import { generateText, type LanguageModel, stepCountIs, tool } from 'ai';
import { expect } from 'vitest';
import { z } from 'zod';

/** An AI SDK agent loop with one tool: it must call the tool once, then answer in text and stop. */
export async function expectToolLoopToEnd(model: LanguageModel): Promise<void> {
  const calls: unknown[] = [];
  const result = await generateText({
    model,
    prompt: 'What is the weather in Paris?',
    tools: {
      get_weather: tool({
        description: 'Get the weather in a city',
        inputSchema: z.object({ city: z.string() }),
        execute: async (input) => {
          calls.push(input);
          return { temperature: 21 };
        },
      }),
    },
    stopWhen: stepCountIs(4),
  });
  expect(calls).toHaveLength(1);
  expect(result.steps.map((s) => s.finishReason)).toEqual(['tool-calls', 'stop']);
  expect(result.text).toMatch(/^\S+( \S+)+$/);
}
