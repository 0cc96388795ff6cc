// In-process costs, each in a fresh process (what every vitest worker is): the first
// answer after importing the package, and distinct `mock.fetch` calls. The baseline
// is a static fetch handler (read the body, answer a fixed completion) in the same run.
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
  const { createMock } = await import('../dist/index.js');
  return createMock().fetch;
}

/** Child: one measurement in this fresh process, printed as JSON. */
async function child(what, kind) {
  const start = performance.now();
  const fetch = await handler(kind);
  const imported = performance.now();
  const res = await fetch(post('Hi'));
  await res.text();
  const first = performance.now();
  const out = { importMs: imported - start, firstMs: first - imported };
  if (what === 'calls') {
    const calls = 5000;
    for (let i = 0; i < 500; i++) await (await fetch(post(`warm up ${i}`))).text();
    const t = performance.now();
    for (let i = 0; i < calls; i++) await (await fetch(post(`Question number ${i}: what is the capital of France?`))).text();
    out.perCallUs = ((performance.now() - t) * 1000) / calls;
  }
  if (what === 'sdk-calls') {
    const calls = 5000;
    const url = 'http://bench.local/v1/chat/completions';
    for (let i = 0; i < 500; i++) await (await fetch(url, sdkInit(`warm up ${i}`))).text();
    const t = performance.now();
    for (let i = 0; i < calls; i++) await (await fetch(url, sdkInit(`Question number ${i}: what is the capital of France?`))).text();
    out.perCallUs = ((performance.now() - t) * 1000) / calls;
  }
  console.log(JSON.stringify(out));
}

function run(what, kind) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), what, kind], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

export function benchInProcess({ starts = 5 } = {}) {
  const first = { static: [], mock: [] };
  for (let i = 0; i < starts; i++) for (const kind of ['static', 'mock']) first[kind].push(run('first', kind));
  const calls = { static: [], mock: [] };
  for (let i = 0; i < 3; i++) for (const kind of ['static', 'mock']) calls[kind].push(run('calls', kind).perCallUs);
  const sdkCalls = { static: [], mock: [] };
  for (let i = 0; i < 3; i++) for (const kind of ['static', 'mock']) sdkCalls[kind].push(run('sdk-calls', kind).perCallUs);
  const pick = (xs, key) => median(xs.map((x) => x[key]));
  return {
    importMs: { static: pick(first.static, 'importMs'), mock: pick(first.mock, 'importMs') },
    firstMs: { static: pick(first.static, 'firstMs'), mock: pick(first.mock, 'firstMs') },
    perCallUs: { static: median(calls.static), mock: median(calls.mock) },
    sdkPerCallUs: { static: median(sdkCalls.static), mock: median(sdkCalls.mock) },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2]) await child(process.argv[2], process.argv[3]);
