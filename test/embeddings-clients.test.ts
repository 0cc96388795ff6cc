import { createOpenAI } from '@ai-sdk/openai';
import { OpenAIEmbeddings } from '@langchain/openai';
import { embed, embedMany } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMock } from '../src/index.js';
import { serverTransport, transports, type Running } from './transports.js';

const SEED = 17;
const MODEL = 'text-embedding-3-small';
const TEXTS = ['Paris weather in spring', 'How to bake sourdough bread', 'Vector search with embeddings'];

/** The vectors as the in-process mock computes them, with no client or transport in between: what every door must give. */
async function reference(input: string[], extra: Record<string, unknown> = {}): Promise<number[][]> {
  const res = await createMock({ seed: SEED }).fetch('http://mock.test/v1/embeddings', {
    method: 'POST',
    body: JSON.stringify({ model: MODEL, input, encoding_format: 'float', ...extra }),
  });
  return (await res.json()).data.map((d: { embedding: number[] }) => d.embedding);
}

let expected: number[][];
beforeAll(async () => {
  expected = await reference(TEXTS);
});

for (const transport of transports) {
  describe(`embeddings through real clients over ${transport.name}`, () => {
    let run: Running;
    beforeAll(async () => {
      run = await transport.start({ seed: SEED });
    });
    afterAll(() => run.close());

    it('openai-node: the default (base64, decoded by the SDK) and float give the same numbers', async () => {
      const client = run.client();
      const byDefault = await client.embeddings.create({ model: MODEL, input: TEXTS });
      const asFloat = await client.embeddings.create({ model: MODEL, input: TEXTS, encoding_format: 'float' });
      expect(run.mock.requests.slice(-2).map((r) => r.body?.['encoding_format'])).toEqual(['base64', 'float']);
      expect(byDefault.data.map((d) => d.embedding)).toEqual(asFloat.data.map((d) => d.embedding));
      expect(asFloat.data.map((d) => d.embedding)).toEqual(expected);
      expect(asFloat.usage.prompt_tokens).toBeGreaterThan(TEXTS.length);
      const short = await client.embeddings.create({ model: MODEL, input: TEXTS[0]!, dimensions: 64 });
      expect(short.data[0]!.embedding).toEqual((await reference([TEXTS[0]!], { dimensions: 64 }))[0]);
    });

    it('openai-node: bad requests are BadRequestErrors carrying the real message', async () => {
      const error = await run
        .client()
        .embeddings.create({ model: 'text-embedding-ada-002', input: 'x', dimensions: 8 })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ status: 400, message: '400 This model does not support specifying dimensions.', type: 'invalid_request_error' });
    });

    it('the Vercel AI SDK: embed and embedMany', async () => {
      const openai = createOpenAI({ baseURL: run.baseURL, apiKey: 'test', ...(run.fetch ? { fetch: run.fetch } : {}) });
      const single = await embed({ model: openai.embedding(MODEL), value: TEXTS[0]!, maxRetries: 0 });
      expect(single.embedding).toEqual(expected[0]);
      expect(single.usage.tokens).toBeGreaterThan(0);
      const many = await embedMany({ model: openai.textEmbeddingModel(MODEL), values: TEXTS, maxRetries: 0 });
      expect(many.embeddings).toEqual(expected);
    });

    it('LangChain OpenAIEmbeddings: embedQuery and embedDocuments', async () => {
      const embeddings = new OpenAIEmbeddings({
        model: MODEL,
        apiKey: 'test',
        maxRetries: 0,
        configuration: { baseURL: run.baseURL, ...(run.fetch ? { fetch: run.fetch } : {}) },
      });
      expect(await embeddings.embedQuery(TEXTS[1]!)).toEqual(expected[1]);
      expect(await embeddings.embedDocuments(TEXTS)).toEqual(expected);
    });
  });
}

// openai-python itself runs in test/openai-python where a package index is reachable; this plays its
// part with raw fetch everywhere: it asks for base64 by default and decodes little-endian float32.
describe('raw HTTP, as openai-python would call it', () => {
  let run: Running;
  beforeAll(async () => {
    run = await serverTransport.start({ seed: SEED });
  });
  afterAll(() => run.close());

  const call = (body: Record<string, unknown>) =>
    fetch(`${run.baseURL}/embeddings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
      body: JSON.stringify({ model: MODEL, input: TEXTS, ...body }),
    });

  it('serves base64 little-endian float32 equal to the float answer', async () => {
    const res = await call({ encoding_format: 'base64' });
    expect(res.status).toBe(200);
    const json = await res.json();
    const decoded = json.data.map((d: { embedding: string }) => {
      const bytes = Buffer.from(d.embedding, 'base64');
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      return Array.from({ length: bytes.byteLength / 4 }, (_, i) => view.getFloat32(i * 4, true));
    });
    expect(decoded).toEqual(expected);
    const floats = await (await call({ encoding_format: 'float' })).json();
    expect(floats.data.map((d: { embedding: number[] }) => d.embedding)).toEqual(decoded);
    expect(floats.usage).toEqual(json.usage);
  });

  it('answers a malformed input with the OpenAI error shape', async () => {
    const res = await call({ input: [] });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({
      error: { message: "Invalid 'input': input cannot be an empty array.", type: 'invalid_request_error', param: null, code: null },
    });
  });
});
