import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getEncoding } from 'js-tiktoken';
import { describe, expect, it, vi } from 'vitest';
import { createMock, type ChatMock, type MockOptions } from '../src/index.js';
import { startServer } from '../src/node.js';
import { loadEncoder } from '../src/generate/tokens.js';
import { BASE, expectSettlesAfter, post, tempDir, fakeKey } from './helpers.js';

const cl100k = getEncoding('cl100k_base');

const embed = (mock: ChatMock, body: unknown, headers: Record<string, string> = {}): Promise<Response> => post(mock, body, headers, '/embeddings');

/** The float vectors of a successful request. */
async function vectors(mock: ChatMock, body: Record<string, unknown>): Promise<number[][]> {
  const res = await embed(mock, { encoding_format: 'float', ...body });
  const json = await res.json();
  expect(res.status, JSON.stringify(json)).toBe(200);
  return json.data.map((d: { embedding: number[] }) => d.embedding);
}

const one = async (mock: ChatMock, input: unknown, rest: Record<string, unknown> = {}) =>
  (await vectors(mock, { model: 'text-embedding-3-small', input, ...rest }))[0]!;

const dot = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);
const norm = (a: number[]) => Math.sqrt(dot(a, a));

const small = (options?: MockOptions) => createMock({ seed: 3, ...options });

describe('POST /embeddings answers as the real API does', () => {
  it('returns one unit vector per input, in order, with exact cl100k_base usage', async () => {
    const input = ['The quick brown fox', 'jumps over the lazy dog', 'naïve café ☕ 東京'];
    const res = await embed(small(), { model: 'text-embedding-3-small', input, encoding_format: 'float' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const json = await res.json();
    expect(Object.keys(json)).toEqual(['object', 'data', 'model', 'usage']);
    expect(json.object).toBe('list');
    expect(json.model).toBe('text-embedding-3-small');
    expect(json.data.map((d: any) => [d.object, d.index])).toEqual([
      ['embedding', 0],
      ['embedding', 1],
      ['embedding', 2],
    ]);
    for (const { embedding } of json.data) {
      expect(embedding).toHaveLength(1536);
      expect(norm(embedding)).toBeCloseTo(1, 5);
    }
    const tokens = input.reduce((sum, text) => sum + cl100k.encode(text).length, 0);
    expect(json.usage).toEqual({ prompt_tokens: tokens, total_tokens: tokens });
  });

  it('sizes vectors by model: 3-small 1,536, 3-large 3,072, ada-002 1,536 (answering as -v2), unknown models 1,536', async () => {
    const mock = small();
    const sizes: Record<string, number> = {};
    for (const model of ['text-embedding-3-small', 'text-embedding-3-large', 'text-embedding-ada-002', 'nomic-embed-text']) {
      const json = await (await embed(mock, { model, input: 'size me', encoding_format: 'float' })).json();
      sizes[json.model] = json.data[0].embedding.length;
    }
    expect(sizes).toEqual({
      'text-embedding-3-small': 1536,
      'text-embedding-3-large': 3072,
      'text-embedding-ada-002-v2': 1536,
      'nomic-embed-text': 1536,
    });
  });

  it('reads token ids as the text they encode: the same vector, usage counting the ids', async () => {
    const mock = small();
    const texts = ['hello world', 'embeddings from token ids'];
    const ids = texts.map((text) => cl100k.encode(text));
    const fromText = await vectors(mock, { model: 'text-embedding-3-small', input: texts });
    const fromIds = await vectors(mock, { model: 'text-embedding-3-small', input: ids });
    expect(fromIds).toEqual(fromText);
    expect(await one(mock, ids[0])).toEqual(fromText[0]);
    const json = await (await embed(mock, { model: 'text-embedding-3-small', input: [[1, 2, 3], [4]] })).json();
    expect(json.usage).toEqual({ prompt_tokens: 4, total_tokens: 4 });
  });

  it('gives blanks, punctuation and special-token text a unit vector too', async () => {
    const mock = small();
    for (const text of [' ', '?!', '<|endoftext|>']) {
      const res = await embed(mock, { model: 'text-embedding-3-small', input: text, encoding_format: 'float' });
      const json = await res.json();
      expect(res.status).toBe(200);
      expect(norm(json.data[0].embedding)).toBeCloseTo(1, 5);
      expect(json.usage.prompt_tokens).toBe(cl100k.encode(text, [], []).length);
    }
  });

  it('shortens v3 vectors with dimensions: the full vector truncated and renormalised', async () => {
    const mock = small();
    for (const [model, full] of [
      ['text-embedding-3-small', 1536],
      ['text-embedding-3-large', 3072],
    ] as const) {
      const long = await one(mock, 'Matryoshka dolls nest inside each other', { model });
      expect(long).toHaveLength(full);
      for (const dimensions of [1, 8, 256, full - 1]) {
        const short = await one(mock, 'Matryoshka dolls nest inside each other', { model, dimensions });
        expect(short).toHaveLength(dimensions);
        const head = long.slice(0, dimensions);
        const scale = 1 / norm(head);
        short.forEach((value, i) => expect(value).toBeCloseTo(head[i]! * scale, 6));
      }
    }
  });

  it('is deterministic: same seed, model and text give the same vector in any mock; seed and model change it', async () => {
    const text = 'Deterministic vectors for offline tests';
    const first = await one(small(), text);
    expect(await one(small(), text)).toEqual(first);
    expect(await one(createMock({ seed: 4 }), text)).not.toEqual(first);
    expect((await one(small(), text, { model: 'text-embedding-ada-002' })).slice(0, 8)).not.toEqual(first.slice(0, 8));
    // Batching does not change a text's vector.
    expect((await vectors(small(), { model: 'text-embedding-3-small', input: ['other', text] }))[1]).toEqual(first);
  });

  it('answers a repeated request, small or large, with the same body and fresh request ids', async () => {
    const mock = small();
    for (const input of ['again', Array.from({ length: 20 }, (_, i) => `text ${i}`)]) {
      const body = { model: 'text-embedding-3-small', input, encoding_format: 'float' };
      const [a, b] = [await embed(mock, body), await embed(mock, body)];
      expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'));
      expect(await a.text()).toBe(await b.text());
    }
  });

  it('does not count a request it has answered twice again (the answer is remembered)', async () => {
    const mock = small();
    const encoder = await loadEncoder('cl100k_base');
    const count = vi.spyOn(encoder, 'count');
    try {
      const body = { model: 'text-embedding-3-small', input: ['remembered once seen twice'], encoding_format: 'float' };
      await embed(mock, body);
      await embed(mock, body);
      count.mockClear();
      await embed(mock, body);
      expect(count).not.toHaveBeenCalled();
      await embed(mock, { ...body, input: ['a text not seen before'] });
      expect(count).toHaveBeenCalled();
    } finally {
      count.mockRestore();
    }
  });

  it('lists its three models in GET /models', async () => {
    const json = await (await small().fetch(`${BASE}/models`)).json();
    const ids = json.data.map((m: { id: string }) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['text-embedding-3-small', 'text-embedding-3-large', 'text-embedding-ada-002']));
    expect(await (await small().fetch(`${BASE}/models/text-embedding-3-large`)).json()).toMatchObject({ id: 'text-embedding-3-large', object: 'model' });
  });

  it('journals the inputs under the endpoint embeddings', async () => {
    const mock = small();
    await embed(mock, { model: 'text-embedding-3-small', input: ['journal me', 'and me'] });
    expect(mock.requests).toHaveLength(1);
    expect(mock.requests[0]).toMatchObject({ endpoint: 'embeddings', status: 200, body: { input: ['journal me', 'and me'] } });
  });
});

describe('retrieval: the document that shares the query words is the nearest', () => {
  const documents = [
    'The weather in Paris is sunny with a light breeze this afternoon.',
    'Quarterly earnings beat analyst expectations, lifting the share price.',
    'To bake sourdough bread, feed the starter the night before.',
    'The football club signed a new striker before the transfer deadline.',
    'Vector databases index embeddings for fast similarity search.',
    'Tokyo trains run on time, even during the rush hour.',
  ];
  const queries: Array<[string, number]> = [
    ['What is the weather like in Paris?', 0],
    ['Did earnings beat expectations?', 1],
    ['how do I bake sourdough', 2],
    ['which striker did the club sign', 3],
    ['similarity search over embeddings', 4],
    ['are trains in Tokyo on time', 5],
    ['transfer deadline signings', 3],
    ['sunny afternoon', 0],
  ];

  const nearest = (query: number[], docs: number[][]) => docs.map((doc) => dot(query, doc)).reduce((best, score, i, all) => (score > all[best]! ? i : best), 0);

  for (const model of ['text-embedding-3-small', 'text-embedding-3-large', 'text-embedding-ada-002']) {
    it(`ranks the right document first for every query (${model})`, async () => {
      const mock = small();
      const docs = await vectors(mock, { model, input: documents });
      const asked = await vectors(mock, { model, input: queries.map(([q]) => q) });
      expect(asked.map((q) => nearest(q, docs))).toEqual(queries.map(([, expected]) => expected));
    });
  }

  it('still ranks them with dimensions: 256, and across seeds', async () => {
    for (const seed of [0, 1, 2]) {
      const mock = createMock({ seed });
      const docs = await vectors(mock, { model: 'text-embedding-3-small', input: documents, dimensions: 256 });
      const asked = await vectors(mock, { model: 'text-embedding-3-small', input: queries.map(([q]) => q), dimensions: 256 });
      expect(asked.map((q) => nearest(q, docs))).toEqual(queries.map(([, expected]) => expected));
    }
  });

  it('scores shared word pieces above none: retrieve ~ retrieval, and unrelated texts near zero', async () => {
    const mock = small();
    const [base, piece, unrelated] = await vectors(mock, { model: 'text-embedding-3-small', input: ['retrieval', 'retrieve', 'zebra'] });
    expect(dot(base!, piece!)).toBeGreaterThan(0.3);
    expect(Math.abs(dot(base!, unrelated!))).toBeLessThan(0.15);
  });
});

describe("the real API's 400s", () => {
  const longText = 'hello '.repeat(8200);
  const cases: Array<[string, Record<string, unknown>, { message: string; param?: string | null; code?: string | null; type?: string }]> = [
    ['no model', { model: undefined, input: 'x' }, { message: 'you must provide a model parameter' }],
    ['no input', { model: 'text-embedding-3-small' }, { message: "Missing required parameter: 'input'.", param: 'input', code: 'missing_required_parameter' }],
    ['an empty string', { input: '' }, { message: "Invalid 'input': input cannot be an empty string.", param: null }],
    ['an empty string among texts', { input: ['a', ''] }, { message: "Invalid 'input[1]': input cannot be an empty string." }],
    ['an empty array', { input: [] }, { message: "Invalid 'input': input cannot be an empty array." }],
    ['an empty token array among token arrays', { input: [[1], []] }, { message: "Invalid 'input[1]': input cannot be an empty array." }],
    ['2,049 inputs', { input: Array(2049).fill('a') }, { message: "Invalid 'input': array length must be 2048 or less." }],
    [
      'mixed texts and ids',
      { input: ['a', 1] },
      { message: "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference." },
    ],
    [
      'a token id out of range',
      { input: [1, 200000] },
      { message: "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference." },
    ],
    [
      'an object',
      { input: { text: 'a' } },
      { message: "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference." },
    ],
    ['an input over 8,192 tokens', { input: longText }, { message: "Invalid 'input': maximum input length is 8192 tokens.", param: null }],
    ['the second of two inputs over 8,192 tokens', { input: ['short', longText] }, { message: "Invalid 'input[1]': maximum input length is 8192 tokens." }],
    ['a token array over 8,192 tokens', { input: [Array(8193).fill(1)] }, { message: "Invalid 'input[0]': maximum input length is 8192 tokens." }],
    ['a lone text in an array over 8,192 tokens', { input: [longText] }, { message: "Invalid 'input[0]': maximum input length is 8192 tokens." }],
    [
      'an unknown encoding_format',
      { input: 'x', encoding_format: 'hex' },
      { message: "Invalid value: 'hex'. Supported values are: 'float' and 'base64'.", param: 'encoding_format', code: 'invalid_value' },
    ],
    [
      'dimensions for ada-002',
      { model: 'text-embedding-ada-002', input: 'x', dimensions: 512 },
      { message: 'This model does not support specifying dimensions.', param: null, code: null },
    ],
    [
      'dimensions: null for ada-002',
      { model: 'text-embedding-ada-002', input: 'x', dimensions: null },
      { message: 'This model does not support specifying dimensions.' },
    ],
    [
      'dimensions 0',
      { input: 'x', dimensions: 0 },
      {
        message: "Invalid 'dimensions': integer below minimum value. Expected a value >= 1, but got 0 instead.",
        param: 'dimensions',
        code: 'integer_below_min_value',
      },
    ],
    [
      'dimensions above 3-small size',
      { input: 'x', dimensions: 1537 },
      { message: "Invalid 'dimensions': Must be less than or equal to 1536.", param: 'dimensions' },
    ],
    [
      'dimensions above 3-large size',
      { model: 'text-embedding-3-large', input: 'x', dimensions: 3073 },
      { message: "Invalid 'dimensions': Must be less than or equal to 3072." },
    ],
    [
      'a decimal dimensions',
      { input: 'x', dimensions: 1.5 },
      { message: "Invalid type for 'dimensions': expected an integer, but got a decimal instead.", param: 'dimensions', code: 'invalid_type' },
    ],
  ];

  for (const [name, body, expected] of cases) {
    it(`rejects ${name}`, async () => {
      const res = await embed(small(), { model: 'text-embedding-3-small', ...body });
      expect(res.status).toBe(400);
      const { error } = await res.json();
      expect(error).toMatchObject({ type: 'invalid_request_error', ...expected });
      expect(Object.keys(error).sort()).toEqual(['code', 'message', 'param', 'type']);
    });
  }

  it('rejects more than 300,000 tokens summed over the inputs', async () => {
    const text = 'hello '.repeat(8000).trim();
    const each = cl100k.encode(text).length;
    const count = Math.floor(300_000 / each) + 1;
    const res = await embed(small(), { model: 'text-embedding-3-small', input: Array(count).fill(text) });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toEqual({
      message: `Requested ${count * each} tokens, max 300000 tokens per request`,
      type: 'max_tokens_per_request',
      param: null,
      code: 'max_tokens_per_request',
    });
  });
});

describe('scenarios and record/replay for embeddings', () => {
  it('matches rules by endpoint, model and header; other endpoints do not match them', async () => {
    const mock = small({
      scenarios: [
        {
          rules: [
            { name: 'large down', match: { endpoint: 'embeddings', model: 'text-embedding-3-large' }, error: { status: 503 } },
            { name: 'by header', match: { endpoint: 'embeddings', header: { 'x-case': 'deny' } }, error: { status: 403 } },
            { name: 'chat only', match: { endpoint: 'chat.completions' }, error: { status: 500 } },
          ],
        },
      ],
    });
    expect((await embed(mock, { model: 'text-embedding-3-large', input: 'x' })).status).toBe(503);
    expect((await embed(mock, { model: 'text-embedding-3-small', input: 'x' }, { 'x-case': 'deny' })).status).toBe(403);
    const ok = await embed(mock, { model: 'text-embedding-3-small', input: 'x' });
    expect(ok.status).toBe(200);
    expect(mock.requests.map((r) => r.matchedRule)).toEqual(['large down', 'by header', undefined]);
    expect(mock.requests[2]!.unmatched).toMatch(/chat only: endpoint embeddings is not chat.completions/);
  });

  it('plays a sequence: a 429 with retry-after, then the vectors', async () => {
    const mock = small();
    mock.use({ match: { endpoint: 'embeddings' }, sequence: [{ error: { status: 429, retryAfter: 1 } }, { reply: {} }] });
    const limited = await embed(mock, { model: 'text-embedding-3-small', input: 'x' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect((await embed(mock, { model: 'text-embedding-3-small', input: 'x' })).status).toBe(200);
  });

  it('delays the answer by the reply latency (fake timers)', async () => {
    const mock = small();
    await embed(mock, { model: 'text-embedding-3-small', input: 'warm the tokenizer' });
    vi.useFakeTimers();
    try {
      mock.use({ match: { endpoint: 'embeddings' }, reply: { latency: { firstTokenMs: 300 } } });
      const res = await expectSettlesAfter(embed(mock, { model: 'text-embedding-3-small', input: 'slow' }), 300);
      expect(res.status).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });

  it('records embeddings from an upstream and replays them with the upstream gone', async () => {
    const dir = tempDir('embeddings-fixtures-');
    const upstream = await startServer({ port: 0, seed: 21 });
    const body = { model: 'text-embedding-3-small', input: ['Recorded once', 'replayed forever'], encoding_format: 'base64' };
    const recorder = createMock({ mode: 'record', fixtures: dir, upstream: `${upstream.url}/v1` });
    const recorded = await (await embed(recorder, body, { authorization: `Bearer ${fakeKey('secret-embedding-key')}` })).json();
    await upstream.close();
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^recorded-once-[0-9a-f]{14}\.json$/);
    expect(readFileSync(join(dir, files[0]!), 'utf8')).not.toContain(fakeKey('secret-embedding-key'));
    const replayer = createMock({ mode: 'replay', fixtures: dir });
    const replayed = await embed(replayer, body);
    expect(replayed.status).toBe(200);
    expect(await replayed.json()).toEqual(recorded);
    expect(replayer.requests[0]!.fixture?.outcome).toBe('replayed');
  });
});
