// The cost of one embeddings request of 100 inputs at 1,536 dimensions, through the core
// (mock.handle: parse, validate, count tokens, embed, encode), against baselines measured in the same run.
import { createMock } from 'completions-mock';

const INPUTS = 100;
const DIMENSIONS = 1536;
const SENTENCE = ['the', 'quarterly', 'report', 'shows', 'revenue', 'growth', 'in', 'european', 'markets', 'despite', 'higher', 'costs'];

/** A distinct sentence per request and input (about 12 words, 15 tokens), so nothing is served from a cache. */
const text = (request, input) => `${SENTENCE.map((word, i) => (i % 4 === input % 4 ? `${word}${request}` : word)).join(' ')} #${input}`;

async function perRequest(run, bodies) {
  for (let i = 0; i < 3; i++) await run(bodies[i]); // warm-up: tokenizer loaded, code compiled
  const start = performance.now();
  for (let i = 3; i < bodies.length; i++) await run(bodies[i]);
  return ((performance.now() - start) * 1000) / (bodies.length - 3);
}

export async function benchEmbeddings({ requests = 40 } = {}) {
  const mock = createMock({ journalLimit: 10 });
  const handle = (path) => async (body) => {
    const { plan } = await mock.handle({ method: 'POST', path, headers: {}, body });
    if (plan.status !== 200) throw new Error(String(plan.body));
  };
  // Bodies differ in every round too: the mock reuses the answer to a body it has seen.
  const embeddings = (format, round) =>
    Array.from({ length: requests + 3 }, (_, r) =>
      JSON.stringify({
        model: 'text-embedding-3-small',
        encoding_format: format,
        input: Array.from({ length: INPUTS }, (_, i) => text(`${round}${format}${r}`, i)),
      }),
    );
  const chats = (round) =>
    Array.from({ length: requests + 3 }, (_, r) => JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: text(`${round}x${r}`, 0) }] }));
  // The answer's unavoidable part: encoding 100 vectors of 1,536 float32s as JSON.
  const vectors = Array.from({ length: INPUTS }, () => Float32Array.from({ length: DIMENSIONS }, () => Math.random() * 0.1 - 0.05));
  const encode = async () => JSON.stringify({ object: 'list', data: vectors.map((v, index) => ({ object: 'embedding', index, embedding: Array.from(v) })) });

  const result = {};
  // Interleaved rounds, best of 3: the machine is shared.
  for (let round = 0; round < 3; round++) {
    const now = {
      chat: await perRequest(handle('/v1/chat/completions'), chats(round)),
      encode: await perRequest(encode, Array(requests + 3).fill(null)),
      float: await perRequest(handle('/v1/embeddings'), embeddings('float', round)),
      base64: await perRequest(handle('/v1/embeddings'), embeddings('base64', round)),
    };
    for (const [key, us] of Object.entries(now)) result[key] = Math.min(result[key] ?? Infinity, us);
  }
  return { ...result, inputs: INPUTS, dimensions: DIMENSIONS, requests };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchEmbeddings());
