import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMock } from '../src/index.js';
import { BASE, post } from './helpers.js';

// For random conversations, /chat/completions and /responses say the same words:
// both map onto one neutral conversation, which alone decides what is said.
const mock = createMock({ seed: 9 });

const text = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('Hello', 'weather in Paris', 'send an email'));
const say = fc.record({
  role: fc.constantFrom('system', 'developer', 'user'),
  content: fc.oneof(text, fc.array(text, { minLength: 1, maxLength: 2 })),
});
const answer = fc.oneof(
  fc.record({ kind: fc.constant('assistant' as const), text, asParts: fc.boolean() }),
  fc.record({
    kind: fc.constant('call' as const),
    name: fc.constantFrom('get_weather', 'send_email'),
    args: fc.constantFrom('{}', '{"city":"Oslo"}'),
    output: text,
  }),
);
const exchange = fc.record({ say, answer: fc.option(answer, { nil: undefined }) });
const parameters = { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 1, maximum: 7 } }, required: ['city'] };

const conversation = fc.record(
  {
    model: fc.constantFrom('gpt-4o', 'gpt-4o-mini', 'gpt-4', 'my-local-llama', 'o4-mini'),
    instructions: fc.string({ minLength: 1, maxLength: 30 }),
    exchanges: fc.array(exchange, { minLength: 1, maxLength: 4 }),
    tools: fc.subarray(['get_weather', 'send_email'], { minLength: 1 }),
    toolChoice: fc.constantFrom('auto', 'required', 'none'),
    format: fc.constantFrom('text', 'json_object', 'json_schema'),
    maxTokens: fc.integer({ min: 16, max: 80 }),
  },
  { requiredKeys: ['model', 'exchanges'] },
);
type Conversation = typeof conversation extends fc.Arbitrary<infer T> ? T : never;

const citySchema = {
  type: 'object',
  properties: { city: { type: 'string' }, rank: { type: 'integer' } },
  required: ['city', 'rank'],
  additionalProperties: false,
};

function asChat(c: Conversation): Record<string, unknown> {
  const messages: unknown[] = c.instructions ? [{ role: 'system', content: c.instructions }] : [];
  c.exchanges.forEach(({ say, answer }, i) => {
    messages.push({ role: say.role, content: typeof say.content === 'string' ? say.content : say.content.map((t) => ({ type: 'text', text: t })) });
    if (answer?.kind === 'assistant') messages.push({ role: 'assistant', content: answer.text });
    if (answer?.kind === 'call') {
      messages.push({
        role: 'assistant',
        content: null,
        tool_calls: [{ id: `call_${i}`, type: 'function', function: { name: answer.name, arguments: answer.args } }],
      });
      messages.push({ role: 'tool', tool_call_id: `call_${i}`, content: answer.output });
    }
  });
  if (c.format === 'json_object') messages.push({ role: 'user', content: 'Answer in JSON.' });
  return {
    model: c.model,
    messages,
    ...(c.tools ? { tools: c.tools.map((name) => ({ type: 'function', function: { name, parameters } })) } : {}),
    ...(c.tools && c.toolChoice ? { tool_choice: c.toolChoice } : {}),
    ...(c.format === 'json_schema' ? { response_format: { type: 'json_schema', json_schema: { name: 'city', schema: citySchema } } } : {}),
    ...(c.format && c.format !== 'json_schema' ? { response_format: { type: c.format } } : {}),
    ...(c.maxTokens ? { max_completion_tokens: c.maxTokens } : {}),
  };
}

function asResponses(c: Conversation): Record<string, unknown> {
  const input: unknown[] = [];
  c.exchanges.forEach(({ say, answer }, i) => {
    input.push({ role: say.role, content: typeof say.content === 'string' ? say.content : say.content.map((t) => ({ type: 'input_text', text: t })) });
    if (answer?.kind === 'assistant') input.push({ role: 'assistant', content: answer.asParts ? [{ type: 'output_text', text: answer.text }] : answer.text });
    if (answer?.kind === 'call') {
      input.push({ type: 'function_call', call_id: `call_${i}`, name: answer.name, arguments: answer.args });
      input.push({ type: 'function_call_output', call_id: `call_${i}`, output: answer.output });
    }
  });
  if (c.format === 'json_object') input.push({ role: 'user', content: 'Answer in JSON.' });
  return {
    model: c.model,
    input,
    ...(c.instructions ? { instructions: c.instructions } : {}),
    ...(c.tools ? { tools: c.tools.map((name) => ({ type: 'function', name, parameters })) } : {}),
    ...(c.tools && c.toolChoice ? { tool_choice: c.toolChoice } : {}),
    ...(c.format === 'json_schema' ? { text: { format: { type: 'json_schema', name: 'city', schema: citySchema } } } : {}),
    ...(c.format && c.format !== 'json_schema' ? { text: { format: { type: c.format } } } : {}),
    ...(c.maxTokens ? { max_output_tokens: c.maxTokens } : {}),
  };
}

describe('chat completions and responses', () => {
  it('say the same words for the same conversation', async () => {
    await fc.assert(
      fc.asyncProperty(conversation, async (c) => {
        const chatRes = await post(mock, asChat(c));
        const chat = (await chatRes.json()) as any;
        expect(chatRes.status, JSON.stringify(chat)).toBe(200);
        const res = await mock.fetch(`${BASE}/responses`, { method: 'POST', body: JSON.stringify(asResponses(c)) });
        const response = (await res.json()) as any;
        expect(res.status, JSON.stringify(response)).toBe(200);
        const { message, finish_reason } = chat.choices[0];
        const said = response.output.find((item: any) => item.type === 'message');
        expect(said?.content[0].text ?? null).toBe(message.content);
        const calls = response.output.filter((item: any) => item.type === 'function_call').map((item: any) => ({ name: item.name, arguments: item.arguments }));
        expect(calls).toEqual((message.tool_calls ?? []).map((call: any) => call.function));
        expect(response.usage.input_tokens).toBe(chat.usage.prompt_tokens);
        expect(response.usage.output_tokens).toBe(chat.usage.completion_tokens);
        expect(response.usage.output_tokens_details.reasoning_tokens).toBe(chat.usage.completion_tokens_details.reasoning_tokens);
        expect(response.status).toBe(finish_reason === 'length' ? 'incomplete' : 'completed');
      }),
      { numRuns: 120 },
    );
  });
});

describe('garbage sent to /responses', () => {
  it('gets a 4xx OpenAI error or an answer, never a 5xx', async () => {
    const base = conversation.map(asResponses);
    const garbage = fc.oneof(
      fc.anything().map((v) => JSON.stringify(v) ?? 'null'),
      base.chain((req) =>
        fc
          .tuple(fc.constantFrom(...Object.keys(req), 'input', 'tools', 'tool_choice', 'text', 'reasoning', 'previous_response_id'), fc.anything())
          .map(([key, value]) => JSON.stringify({ ...req, [key]: value })),
      ),
      base.chain((req) =>
        fc.tuple(fc.nat(5), fc.constantFrom('role', 'content', 'type', 'call_id', 'output', 'arguments', 'id'), fc.anything()).map(([i, key, value]) => {
          const input = [...(req.input as object[])];
          input[i % input.length] = { ...(input[i % input.length] as object), [key]: value };
          return JSON.stringify({ ...req, input });
        }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(garbage, async (body) => {
        const res = await mock.fetch(`${BASE}/responses`, { method: 'POST', body });
        const json = (await res.json()) as any;
        if (res.status === 200) {
          expect(json.object).toBe('response');
          return;
        }
        expect(res.status, JSON.stringify(json)).toBeGreaterThanOrEqual(400);
        expect(res.status, JSON.stringify(json)).toBeLessThan(500);
        expect(json.error).toMatchObject({ type: expect.any(String), message: expect.any(String) });
      }),
      { numRuns: 400 },
    );
  });
});
