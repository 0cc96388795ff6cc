// In-process cost: the openai SDK through msw against the full mock, and against a
// hand-written static msw handler returning a fixed completion of the same size.
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import OpenAI from 'openai';
import { createMock } from 'completions-mock';
import { chatCompletionHandlers } from 'completions-mock/msw';
import { benchClientOptions, questionMessages, rate, timedCalls } from './stats.mjs';

async function sdkLoop(handlers, calls) {
  const server = setupServer(...handlers);
  server.listen({ onUnhandledRequest: 'error' });
  try {
    return await timedCalls(new OpenAI(benchClientOptions), calls);
  } finally {
    server.close();
  }
}

export async function benchMsw({ calls = 3000, rounds = 3 } = {}) {
  const mock = createMock();
  const sample = await (
    await mock.fetch(new Request('http://x/v1/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'gpt-4o', messages: questionMessages(0) }) }))
  ).json();
  const staticHandlers = [http.post('*/chat/completions', () => HttpResponse.json(sample))];
  const mockMs = [];
  const staticMs = [];
  // Interleaved rounds, so drift in machine load hits both sides alike.
  for (let r = 0; r < rounds; r++) {
    staticMs.push(await sdkLoop(staticHandlers, calls));
    mockMs.push(await sdkLoop(chatCompletionHandlers(mock), calls));
  }
  const best = (xs) => Math.min(...xs);
  return {
    calls,
    staticPerSec: rate(calls, best(staticMs)),
    mockPerSec: rate(calls, best(mockMs)),
    costRatio: best(mockMs) / best(staticMs),
  };
}
