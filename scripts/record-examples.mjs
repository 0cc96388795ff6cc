// Re-records fixtures/ (the example set) with the mock itself as the upstream:
// `npm run build && node scripts/record-examples.mjs`.
import { rm } from 'node:fs/promises';
import OpenAI from 'openai';
import { startServer } from '../dist/node.js';

const dir = new URL('../fixtures', import.meta.url).pathname;
await rm(dir, { recursive: true, force: true });
const upstream = await startServer({ port: 0, seed: 2024 });
const recorder = await startServer({ port: 0, mode: 'record', fixtures: dir, upstream: `${upstream.url}/v1` });
const client = new OpenAI({ apiKey: ['sk', 'example-not-a-real-key'].join('-'), baseURL: `${recorder.url}/v1` });
const weather = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Get the current weather in a city.',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
  },
};

await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hello to the fixtures folder' }] });
const stream = await client.chat.completions.create({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Stream a short greeting' }],
  stream: true,
  stream_options: { include_usage: true },
});
for await (const _ of stream);
await client.chat.completions.create({
  model: 'gpt-4o',
  messages: [{ role: 'user', content: 'What is the weather in Lyon?' }],
  tools: [weather],
  tool_choice: 'required',
});
await client.models.list();
await recorder.close();
await upstream.close();
console.log(`recorded into ${dir}`);
