// The cost of serving a client created before listen(): its requests cross undici's
// dispatcher into msw. Baseline: a client created after listen(), same server, same mock.
import OpenAI from 'openai';
import { createMock } from 'completions-mock';
import { setupMockServer } from 'completions-mock/msw/node';
import { benchClientOptions, rate, timedCalls } from './stats.mjs';

async function sdkLoop(server, client, calls) {
  server.listen({ onUnhandledRequest: 'error' });
  try {
    return await timedCalls(client ?? new OpenAI(benchClientOptions), calls);
  } finally {
    server.close();
  }
}

export async function benchEarlyClient({ calls = 2000, rounds = 3 } = {}) {
  const early = new OpenAI(benchClientOptions);
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
