import { generateObject, generateText, type LanguageModel, stepCountIs, streamText, tool } from 'ai';
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

/** `generateObject`: the mock's structured output parses against the caller's zod schema, bounds included. */
export async function expectObjectToFitSchema(model: LanguageModel): Promise<void> {
  const schema = z.object({ name: z.string(), tags: z.array(z.string()), rating: z.number().int().min(1).max(5) });
  const { object } = await generateObject({ model, schema, prompt: 'Invent a product' });
  expect(schema.parse(object)).toEqual(object);
  expect(object.rating).toBeGreaterThanOrEqual(1);
  expect(object.rating).toBeLessThanOrEqual(5);
}

/** `generateText` and `streamText` on one prompt: the streamed deltas join to the generated text, with the same usage. */
export async function expectStreamToMatchText(model: LanguageModel, prompt: string): Promise<void> {
  const full = await generateText({ model, prompt });
  expect(full.text).toMatch(/^\S+( \S+)+$/);
  expect(full.finishReason).toBe('stop');
  expect(full.usage.outputTokens).toBeGreaterThan(0);
  const stream = streamText({ model, prompt });
  let text = '';
  for await (const delta of stream.textStream) text += delta;
  expect(text).toBe(full.text);
  expect((await stream.usage).outputTokens).toBe(full.usage.outputTokens);
  expect(await stream.finishReason).toBe('stop');
}
