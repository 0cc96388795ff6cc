// The page the browser test loads: the README's mocks.ts, then the openai SDK as a web app uses it.
import OpenAI from 'openai';
import { mock } from './mocks.js';

const openai = new OpenAI({ apiKey: 'sk-test', dangerouslyAllowBrowser: true, maxRetries: 1 });

async function checks() {
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello from the browser' }] });
  const stream = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'Hello from the browser' }],
    stream: true,
    stream_options: { include_usage: true },
  });
  let streamed = '';
  let usage: unknown;
  for await (const chunk of stream) {
    streamed += chunk.choices[0]?.delta.content ?? '';
    if (chunk.usage) usage = chunk.usage;
  }
  mock.use({ sequence: [{ error: { status: 429, headers: { 'retry-after-ms': '1' } } }, { reply: { content: 'ok now' } }] });
  const retried = await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'busy?' }] });
  return {
    content: completion.choices[0]?.message.content,
    usage: completion.usage,
    streamed,
    streamedUsage: usage,
    retried: retried.choices[0]?.message.content,
    statuses: mock.requests.map((r) => r.status),
  };
}

Object.assign(window, { checks });
document.title = 'ready';
