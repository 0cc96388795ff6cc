// npm run soak: 300,000 mixed requests through the mock (plain text, json_schema answers and
// tool calls, every schema and tool distinct), printing the heap after a full GC every 100,000.
// Memory must stay flat: every cache is bounded, and Ajv instances are recycled.
// Run with --expose-gc (npm run soak does). SOAK_REQUESTS changes the count.
import { createMock } from '../dist/index.js';

if (typeof globalThis.gc !== 'function') {
  console.error('run with node --expose-gc (npm run soak does)');
  process.exit(1);
}
const TOTAL = Number(process.env.SOAK_REQUESTS ?? 300_000);
const STEP = Math.max(1, Math.round(TOTAL / 3));
const mock = createMock({ latency: false, seed: 1 });

function body(i) {
  const messages = [{ role: 'user', content: `Question number ${i}: what about ${i % 97} cities?` }];
  switch (i % 3) {
    case 0:
      return { model: 'gpt-4o', messages };
    case 1:
      return {
        model: 'gpt-4o',
        messages,
        response_format: {
          type: 'json_schema',
          json_schema: {
            name: `answer_${i}`,
            strict: true,
            schema: {
              type: 'object',
              properties: {
                [`field_${i}`]: { type: 'string' },
                count: { type: 'integer', minimum: i % 50 },
                tags: { type: 'array', items: { type: 'string' } },
              },
              required: [`field_${i}`, 'count', 'tags'],
              additionalProperties: false,
            },
          },
        },
      };
    default:
      return {
        model: 'gpt-4o-mini',
        messages,
        tool_choice: 'required',
        tools: [
          {
            type: 'function',
            function: {
              name: `tool_${i}`,
              parameters: { type: 'object', properties: { city: { type: 'string' }, [`p${i}`]: { type: 'number', maximum: i } }, required: ['city'] },
            },
          },
        ],
      };
  }
}

const mb = (bytes) => (bytes / 1048576).toFixed(1);
function heap() {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
}

const started = performance.now();
let failures = 0;
const rows = [];
// A warm-up so that loading the tokenizer and Faker is not counted as growth.
for (let i = 0; i < 1000; i++) await send(i + TOTAL);
rows.push({ requests: 0, heapMb: mb(heap()) });
async function send(i) {
  const res = await mock.fetch('http://mock.test/v1/chat/completions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body(i)),
  });
  await res.text();
  if (res.status !== 200) failures++;
}
for (let i = 1; i <= TOTAL; i++) {
  await send(i);
  if (i % STEP === 0) {
    rows.push({ requests: i, heapMb: mb(heap()) });
    console.log(`${i.toLocaleString('en-US')} requests: heap after GC ${rows.at(-1).heapMb} MB (${Math.round((performance.now() - started) / 1000)} s)`);
  }
}
console.log(`\n| requests | heap after GC |\n|---|---|\n${rows.map((r) => `| ${r.requests.toLocaleString('en-US')} | ${r.heapMb} MB |`).join('\n')}`);
console.log(`non-200 answers: ${failures}; ${Math.round(TOTAL / ((performance.now() - started) / 1000))} requests/s`);
process.exit(failures === 0 ? 0 : 1);
