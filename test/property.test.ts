import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMock } from '../src/index.js';
import { expectSchema, joinedContent, post, streamChunks } from './helpers.js';

const mock = createMock({ seed: 3 });

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('Hello', 'weather in Paris', 'json please'),
);
const message = fc.oneof(
  fc.record({ role: fc.constantFrom('system', 'developer', 'user'), content: text }),
  fc.record({ role: fc.constant('assistant'), content: text }),
  fc.record({ role: fc.constant('user'), content: fc.array(fc.record({ type: fc.constant('text'), text }), { minLength: 1, maxLength: 2 }) }),
);
const tool = fc.record({
  type: fc.constant('function'),
  function: fc.record({
    name: fc.constantFrom('get_weather', 'lookup_user', 'send_email'),
    parameters: fc.constantFrom(
      { type: 'object', properties: {} },
      { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 1, maximum: 7 } }, required: ['city'] },
      {
        type: 'object',
        properties: { to: { type: 'string', format: 'email' }, tags: { type: 'array', items: { enum: ['a', 'b'] } } },
        required: ['to', 'tags'],
        additionalProperties: false,
      },
    ),
  }),
});

const validRequest = fc
  .record(
    {
      model: fc.constantFrom('gpt-4o', 'gpt-4o-mini', 'gpt-4', 'gpt-3.5-turbo', 'my-local-llama'),
      messages: fc.array(message, { minLength: 1, maxLength: 4 }),
      temperature: fc.double({ min: 0, max: 2, noNaN: true }),
      top_p: fc.double({ min: 0, max: 1, noNaN: true }),
      n: fc.integer({ min: 1, max: 3 }),
      max_completion_tokens: fc.integer({ min: 1, max: 60 }),
      stop: fc.oneof(fc.string({ minLength: 1, maxLength: 3 }), fc.array(fc.string({ minLength: 1, maxLength: 3 }), { maxLength: 4 })),
      logprobs: fc.constant(true),
      top_logprobs: fc.integer({ min: 0, max: 20 }),
      seed: fc.integer(),
      tools: fc.uniqueArray(tool, { minLength: 1, maxLength: 3, selector: (t) => t.function.name }),
      tool_choice: fc.constantFrom('auto', 'required', 'none'),
      parallel_tool_calls: fc.boolean(),
      response_format: fc.constantFrom({ type: 'text' }, { type: 'json_object' }),
    },
    { requiredKeys: ['model', 'messages'] },
  )
  .map((req) => {
    const out: Record<string, unknown> = { ...req };
    if (!('tools' in req)) delete out.tool_choice;
    if ('top_logprobs' in req) out.logprobs = true;
    if ((req.response_format as { type: string } | undefined)?.type === 'json_object') {
      out.messages = [...req.messages, { role: 'user', content: 'Answer in JSON.' }];
    }
    return out;
  });

describe('properties', () => {
  it('any schema-valid request gets a schema-valid answer, streamed or not, with the same content', async () => {
    await fc.assert(
      fc.asyncProperty(validRequest, async (req) => {
        const res = await post(mock, req);
        const body = await res.json();
        expect(res.status, JSON.stringify(body)).toBe(200);
        expectSchema('completion', body);
        expect(body.choices).toHaveLength((req.n as number | undefined) ?? 1);
        const chunks = await streamChunks(await post(mock, { ...req, stream: true, stream_options: { include_usage: true } }));
        expect(chunks.at(-1).usage).toEqual(body.usage);
        for (const choice of body.choices) expect(joinedContent(chunks, choice.index)).toBe(choice.message.content ?? '');
      }),
      { numRuns: 150 },
    );
  });

  it('garbage bodies get a 4xx OpenAI error, never an exception', async () => {
    const garbage = fc.oneof(
      fc.anything().map((v) => JSON.stringify(v) ?? 'undefined'),
      fc.string(),
      validRequest.chain((req) =>
        fc.tuple(fc.constantFrom(...Object.keys(req), 'messages'), fc.anything()).map(([key, value]) => JSON.stringify({ ...req, [key]: value })),
      ),
      validRequest.chain((req) =>
        fc.tuple(fc.nat(3), fc.anything()).map(([i, value]) => {
          const messages = [...(req.messages as object[])];
          messages[i % messages.length] = { ...(messages[i % messages.length] as object), role: value };
          return JSON.stringify({ ...req, messages });
        }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(garbage, async (body) => {
        const res = await post(mock, body);
        const json = await res.json();
        if (res.status === 200) {
          expectSchema('completion', json);
          return;
        }
        expect(res.status, JSON.stringify(json)).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expectSchema('error', json);
      }),
      { numRuns: 400 },
    );
  });
});
