// The cost of a Responses request as a ratio to a chat completion of the same conversation,
// measured in the same run with distinct prompts (no body seen before). The machine may be
// busy: chat and responses run in short adjacent blocks, order alternating, each timed in CPU
// time (this process's, GC threads included: what a request costs, not how long it waited for
// a core), and the figure is the median of the per-pair ratios.
import OpenAI from 'openai';
import { createMock } from '../dist/index.js';

const tools = ['get_weather', 'create_event', 'send_email'].map((name, i) => ({
  name,
  description: `Tool number ${i}`,
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' }, count: { type: 'integer', minimum: 1, maximum: 9 } },
    required: ['city', 'count'],
    additionalProperties: false,
  },
}));

// Each case: the chat body and the Responses body of take i.
const CASES = {
  'plain text': (i) => [
    { model: 'gpt-4o', messages: [{ role: 'user', content: `Tell me something, take ${i}` }] },
    { model: 'gpt-4o', input: `Tell me something, take ${i}` },
  ],
  'plain text, store: false (not kept for retrieval)': (i) => [
    { model: 'gpt-4o', messages: [{ role: 'user', content: `Tell me something, take ${i}` }] },
    { model: 'gpt-4o', input: `Tell me something, take ${i}`, store: false },
  ],
  'plain text, streamed': (i) => [
    { model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: `Stream something, take ${i}` }] },
    { model: 'gpt-4o', stream: true, input: `Stream something, take ${i}` },
  ],
  '3 tools (required)': (i) => [
    {
      model: 'gpt-4o',
      messages: [{ role: 'user', content: `Do things, take ${i}` }],
      tools: tools.map((f) => ({ type: 'function', function: f })),
      tool_choice: 'required',
    },
    { model: 'gpt-4o', input: `Do things, take ${i}`, tools: tools.map((f) => ({ type: 'function', ...f })), tool_choice: 'required' },
  ],
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timed(run, items) {
  const start = process.cpuUsage();
  for (const item of items) await run(item);
  const { user, system } = process.cpuUsage(start);
  return (user + system) / items.length;
}

/** Paired blocks: returns median µs of each side and the median of the per-pair ratios. */
async function paired(chat, responses, make, { pairs, block }) {
  const c = [];
  const r = [];
  for (let p = 0; p < pairs + 1; p++) {
    const items = Array.from({ length: block }, () => make());
    const first = p % 2 ? [responses, 1] : [chat, 0];
    const second = p % 2 ? [chat, 0] : [responses, 1];
    const t1 = await timed(
      first[0],
      items.map((x) => x[first[1]]),
    );
    const t2 = await timed(
      second[0],
      items.map((x) => x[second[1]]),
    );
    if (p === 0) continue; // warm-up
    c.push(p % 2 ? t2 : t1);
    r.push(p % 2 ? t1 : t2);
  }
  return { chat: median(c), responses: median(r), ratio: median(r.map((x, i) => x / c[i])) };
}

export async function benchResponses({ pairs = 15, block = 200 } = {}) {
  const mock = createMock({ journalLimit: 10 });
  const handle = (path) => async (body) => {
    const { plan } = await mock.handle({ method: 'POST', path, headers: {}, body });
    if (plan.status !== 200) throw new Error(JSON.stringify(plan.body));
  };
  const chat = handle('/v1/chat/completions');
  const responses = handle('/v1/responses');
  const results = {};
  let take = 0;
  for (const [name, make] of Object.entries(CASES)) {
    results[`core (mock.handle): ${name}`] = await paired(chat, responses, () => make(take++).map((b) => JSON.stringify(b)), { pairs, block });
  }
  // End to end through the openai SDK, with mock.fetch as its fetch (no socket).
  const client = new OpenAI({ apiKey: 'test', baseURL: 'http://mock.test/v1', fetch: mock.fetch, maxRetries: 0 });
  results['openai SDK create(), via mock.fetch'] = await paired(
    (i) => client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: `Through the SDK, take ${i}` }] }),
    (i) => client.responses.create({ model: 'gpt-4o', input: `Through the SDK, take ${i}` }),
    () => [take, take++],
    { pairs, block: block / 2 },
  );
  return results;
}
