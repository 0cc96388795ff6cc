// The cost of serving a client created before listen(): its requests cross undici's
// dispatcher into msw. Baseline: a client created after listen(), same server, same mock.
import OpenAI from 'openai';
import { createMock } from '../dist/index.js';
import { setupMockServer } from '../dist/msw-node.js';
import { rate } from './stats.mjs';

const messages = (i) => [{ role: 'user', content: `Question number ${i}: what is the capital of France?` }];
const clientOptions = { apiKey: 'bench', baseURL: 'http://bench.local/v1', maxRetries: 0 };

async function sdkLoop(server, client, calls) {
  server.listen({ onUnhandledRequest: 'error' });
  try {
    const sdk = client ?? new OpenAI(clientOptions);
    for (let i = 0; i < 200; i++) await sdk.chat.completions.create({ model: 'gpt-4o', messages: messages(i) });
    const start = performance.now();
    for (let i = 0; i < calls; i++) await sdk.chat.completions.create({ model: 'gpt-4o', messages: messages(i) });
    return performance.now() - start;
  } finally {
    server.close();
  }
}

export async function benchEarlyClient({ calls = 2000, rounds = 3 } = {}) {
  const early = new OpenAI(clientOptions);
  const server = setupMockServer(createMock());
  const lateMs = [];
  const earlyMs = [];
  // Interleaved rounds, so drift in machine load hits both sides alike.
  for (let r = 0; r < rounds; r++) {
    lateMs.push(await sdkLoop(server, undefined, calls));
    earlyMs.push(await sdkLoop(server, early, calls));
  }
  const best = (xs) => Math.min(...xs);
  return { calls, latePerSec: rate(calls, best(lateMs)), earlyPerSec: rate(calls, best(earlyMs)), costRatio: best(earlyMs) / best(lateMs) };
}
