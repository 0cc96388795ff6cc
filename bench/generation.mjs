// Per-request cost of the core (parse, validate, generate, plan), no transport.
import { createMock } from 'completions-mock';

const tools = ['get_weather', 'create_event', 'send_email'].map((name, i) => ({
  type: 'function',
  function: {
    name,
    description: `Tool number ${i}`,
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, when: { type: 'string', format: 'date-time' }, count: { type: 'integer', minimum: 1, maximum: 9 } },
      required: ['city', 'when', 'count'],
      additionalProperties: false,
    },
  },
}));

const tenProps = {
  type: 'object',
  properties: Object.fromEntries(
    ['name', 'email', 'city', 'country', 'phone', 'company', 'title', 'age', 'active', 'tags'].map((key) => [
      key,
      key === 'age'
        ? { type: 'integer', minimum: 0, maximum: 120 }
        : key === 'active'
          ? { type: 'boolean' }
          : key === 'tags'
            ? { type: 'array', items: { type: 'string' }, maxItems: 3 }
            : { type: 'string' },
    ]),
  ),
  required: ['name', 'email', 'city', 'country', 'phone', 'company', 'title', 'age', 'active', 'tags'],
  additionalProperties: false,
};

const KINDS = {
  'plain text': (i) => ({ model: 'gpt-4o', messages: [{ role: 'user', content: `Tell me something, take ${i}` }] }),
  'json_schema (10 properties)': (i) => ({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: `Make a person, take ${i}` }],
    response_format: { type: 'json_schema', json_schema: { name: 'person', strict: true, schema: tenProps } },
  }),
  '3 tools (required)': (i) => ({ model: 'gpt-4o', messages: [{ role: 'user', content: `Do things, take ${i}` }], tools, tool_choice: 'required' }),
  'plain text, streamed': (i) => ({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: `Stream something, take ${i}` }] }),
  'plain text, the same body again': () => ({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Tell me something' }] }),
};

export async function benchGeneration({ iterations = 3000 } = {}) {
  const mock = createMock({ journalLimit: 10 });
  const results = {};
  for (const [name, make] of Object.entries(KINDS)) {
    const bodies = Array.from({ length: iterations + 200 }, (_, i) => JSON.stringify(make(i)));
    const run = (body) => mock.handle({ method: 'POST', path: '/v1/chat/completions', headers: {}, body });
    for (let i = 0; i < 200; i++) await run(bodies[i]);
    const start = performance.now();
    for (let i = 200; i < bodies.length; i++) {
      const { plan } = await run(bodies[i]);
      if (plan.kind === 'json' && plan.status !== 200) throw new Error(JSON.stringify(plan.body));
    }
    results[name] = ((performance.now() - start) * 1000) / iterations;
  }
  return results;
}
