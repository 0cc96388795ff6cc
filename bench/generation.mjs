// Per-request cost of the core (parse, validate, generate, plan), no transport.
import { createMock } from 'completions-mock';
import { median, threeTools as tools } from './stats.mjs';

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

// Every kind is warmed up before any is timed (timed first and cold, plain text read 77 µs
// where it costs ~30), then timed in interleaved rounds: the median round per kind.
export async function benchGeneration({ iterations = 1000, rounds = 5, warmup = 1000 } = {}) {
  const mock = createMock({ journalLimit: 10 });
  const run = (body) => mock.handle({ method: 'POST', path: '/v1/chat/completions', headers: {}, body });
  let take = 0;
  const bodiesOf = (make, n) => Array.from({ length: n }, () => JSON.stringify(make(take++)));
  for (const make of Object.values(KINDS)) for (const body of bodiesOf(make, warmup)) await run(body);
  const times = Object.fromEntries(Object.keys(KINDS).map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, make] of Object.entries(KINDS)) {
      const bodies = bodiesOf(make, iterations);
      const start = performance.now();
      for (const body of bodies) {
        const { plan } = await run(body);
        if (plan.kind === 'json' && plan.status !== 200) throw new Error(JSON.stringify(plan.body));
      }
      times[name].push(((performance.now() - start) * 1000) / iterations);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([name, t]) => [name, median(t)]));
}
