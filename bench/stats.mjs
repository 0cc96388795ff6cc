export const rate = (count, ms) => Math.round((count / ms) * 1000);
export const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** This process's CPU time so far (user + system, GC threads included), in µs. */
export const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/** The messages of SDK call `i` in the in-process benches: a distinct question each time. */
export const questionMessages = (i) => [{ role: 'user', content: `Question number ${i}: what is the capital of France?` }];
/** Three chat completion tools with the arguments apps ask for (a string, a date-time, a bounded integer). */
export const threeTools = ['get_weather', 'create_event', 'send_email'].map((name, i) => ({
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
/** An openai client's options for the in-process benches (msw answers bench.local). */
export const benchClientOptions = { apiKey: 'bench', baseURL: 'http://bench.local/v1', maxRetries: 0 };

/** 200 calls to warm up, then `calls` timed ones: the ms they took. */
export async function timedCalls(client, calls) {
  for (let i = 0; i < 200; i++) await client.chat.completions.create({ model: 'gpt-4o', messages: questionMessages(i) });
  const start = performance.now();
  for (let i = 0; i < calls; i++) await client.chat.completions.create({ model: 'gpt-4o', messages: questionMessages(i) });
  return performance.now() - start;
}
