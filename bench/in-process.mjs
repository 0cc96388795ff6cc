// In-process costs, each in a fresh process (what every vitest worker is): the first
// answer after importing the package, and distinct `mock.fetch` calls. The baseline
// is a static fetch handler (read the body, answer a fixed completion in a standard
// Response) in the same run; beside it the floor of the mock's own delivery: a static
// answer with the mock's eleven headers and body size, in the kind of Response the mock
// answers JSON with (its text read back without a stream, src/base/text-response.ts),
// which is why it can cost less than the static handler with its two headers.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median } from './stats.mjs';

const chat = (content) => ({
  model: 'gpt-4o',
  messages: [
    { role: 'system', content: 'You are a helpful assistant.' },
    { role: 'user', content },
  ],
});
const post = (content) =>
  new Request('http://bench.local/v1/chat/completions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(chat(content)),
  });

// How SDKs call a custom fetch (openai-node's fetchWithTimeout): a URL string and an init with a string body
// and a Headers object made per request.
const sdkInit = (content) => ({
  method: 'POST',
  headers: new Headers({ 'content-type': 'application/json', accept: 'application/json', authorization: 'Bearer bench', 'x-stainless-retry-count': '0' }),
  body: JSON.stringify(chat(content)),
  signal: new AbortController().signal,
});

async function handler(kind) {
  if (kind === 'static') {
    const json = JSON.stringify({
      id: 'chatcmpl-x',
      object: 'chat.completion',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello there.' } }],
    });
    // A Request's body is read as a stream; fetch(url, init) hands over its string as it is.
    return async (input) => {
      if (input instanceof Request) await input.text();
      return new Response(json, { headers: { 'content-type': 'application/json' } });
    };
  }
  if (kind === 'static-headers') {
    // The floor of any fetch handler that answers like the API: it parses the body, and answers with the same
    // headers and body size as the mock (building the Response and reading it back are undici's cost), deciding nothing.
    // BENCH_BODY_BYTES: the length of the mock's own answer, measured by the parent from a first answer.
    const base = JSON.stringify({ id: 'chatcmpl-x', object: 'chat.completion', content: '' });
    const json = JSON.stringify({
      id: 'chatcmpl-x',
      object: 'chat.completion',
      content: 'x'.repeat(Math.max(0, Number(process.env.BENCH_BODY_BYTES) - base.length)),
    });
    // The real API's headers as the mock writes them (a fresh request id each time), in the Response the mock
    // answers JSON with (its text read back without a stream).
    const { apiHeaders } = await import('../dist/base/headers.js');
    const { textResponse } = await import('../dist/base/text-response.js');
    return async (input, init) => {
      if (input instanceof Request) JSON.parse(await input.text());
      else if (init?.body !== undefined) JSON.parse(init.body);
      return textResponse(json, { status: 200, headers: apiHeaders('application/json', 1) });
    };
  }
  const { createMock } = await import('completions-mock');
  return createMock().fetch;
}

const URL_ = 'http://bench.local/v1/chat/completions';
// Timed calls after `warm` others: the first thousands of a fresh process (what a test file makes) are
// still being compiled by the JIT; past ~20,000 a call costs what it will.
const CALLS = {
  calls: { warm: 500, args: (content) => [post(content)] },
  'sdk-calls': { warm: 500, args: (content) => [URL_, sdkInit(content)] },
  'sdk-steady': { warm: 20_000, args: (content) => [URL_, sdkInit(content)] },
};

/** Child: one measurement in this fresh process, printed as JSON. */
async function child(what, kind) {
  const start = performance.now();
  const fetch = await handler(kind);
  const imported = performance.now();
  const res = await fetch(post('Hi'));
  const body = await res.text();
  const first = performance.now();
  const out = { importMs: imported - start, firstMs: first - imported, bytes: body.length };
  const timed = CALLS[what];
  if (timed) {
    const calls = 5000;
    for (let i = 0; i < timed.warm; i++) await (await fetch(...timed.args(`warm up ${i}`))).text();
    const t = performance.now();
    for (let i = 0; i < calls; i++) await (await fetch(...timed.args(`Question number ${i}: what is the capital of France?`))).text();
    out.perCallUs = ((performance.now() - t) * 1000) / calls;
  }
  console.log(JSON.stringify(out));
}

function run(what, kind, env = {}) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), what, kind], { encoding: 'utf8', env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

const KINDS = ['static', 'static-headers', 'mock'];

export function benchInProcess({ starts = 5 } = {}) {
  const first = { static: [], mock: [] };
  for (let i = 0; i < starts; i++) for (const kind of ['static', 'mock']) first[kind].push(run('first', kind));
  /** The median µs per call of each handler over 3 fresh processes, the handlers taking turns. */
  const perCall = (what) => {
    const us = Object.fromEntries(KINDS.map((kind) => [kind, []]));
    const env = { BENCH_BODY_BYTES: String(first.mock[0].bytes) };
    for (let i = 0; i < 3; i++) for (const kind of KINDS) us[kind].push(run(what, kind, env).perCallUs);
    return { static: median(us.static), headers: median(us['static-headers']), mock: median(us.mock) };
  };
  const pick = (xs, key) => median(xs.map((x) => x[key]));
  return {
    importMs: { static: pick(first.static, 'importMs'), mock: pick(first.mock, 'importMs') },
    firstMs: { static: pick(first.static, 'firstMs'), mock: pick(first.mock, 'firstMs') },
    perCallUs: perCall('calls'),
    sdkPerCallUs: perCall('sdk-calls'),
    steadyPerCallUs: perCall('sdk-steady'),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2]) await child(process.argv[2], process.argv[3]);
