import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMock, type ChatMock } from '../src/index.js';
import { startServer, type MockServer } from '../src/node.js';
import { answerProblem, sample, type FuzzRequest } from './bodies.js';

/**
 * `npm run fuzz`: FUZZ_RUNS bodies (default 10,000) through `mock.fetch` and
 * the same over HTTP. Counts crashes (5xx, thrown), errors that are not the
 * OpenAI JSON shape, 200s that break the caller's schema, and answers slower
 * than a second; any is a failure. FUZZ_SEED picks the bodies.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const SLOW_MS = 1000;

interface Tally {
  requests: number;
  byStatus: Map<number, number>;
  crashes: string[];
  badErrors: string[];
  invalid: string[];
  slow: string[];
  slowest: number;
}

const tally = (): Tally => ({ requests: 0, byStatus: new Map(), crashes: [], badErrors: [], invalid: [], slow: [], slowest: 0 });

async function drive(send: (req: FuzzRequest) => Promise<Response>, requests: FuzzRequest[], t: Tally): Promise<void> {
  for (const req of requests) {
    const started = performance.now();
    let status = 0;
    let type = '';
    let text = '';
    try {
      const res = await send(req);
      status = res.status;
      type = res.headers.get('content-type') ?? '';
      text = await res.text();
    } catch (error) {
      t.crashes.push(`${(error as Error).message} for ${req.body.slice(0, 200)}`);
      continue;
    }
    const ms = performance.now() - started;
    t.requests++;
    t.slowest = Math.max(t.slowest, ms);
    t.byStatus.set(status, (t.byStatus.get(status) ?? 0) + 1);
    if (ms > SLOW_MS) t.slow.push(`${Math.round(ms)} ms for ${req.body.slice(0, 200)}`);
    const problem = answerProblem(req, status, type, text);
    if (!problem) continue;
    if (status >= 500) t.crashes.push(`${problem} for ${req.body.slice(0, 300)}`);
    else if (status !== 200) t.badErrors.push(`${problem} for ${req.body.slice(0, 300)}`);
    else t.invalid.push(`${problem} for ${req.body.slice(0, 300)}`);
  }
}

function report(name: string, t: Tally): void {
  const statuses = [...t.byStatus]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${s}: ${n}`)
    .join(', ');
  console.log(
    `${name}: ${t.requests} answers (${statuses}); crashes ${t.crashes.length}, non-JSON errors ${t.badErrors.length}, schema-invalid 200s ${t.invalid.length}, answers over ${SLOW_MS} ms ${t.slow.length} (slowest ${Math.round(t.slowest)} ms)`,
  );
  for (const line of [...t.crashes, ...t.badErrors, ...t.invalid, ...t.slow].slice(0, 10)) console.log(`  ${line}`);
}

const expectClean = (t: Tally) =>
  expect({ crashes: t.crashes.length, badErrors: t.badErrors.length, invalid: t.invalid.length, slow: t.slow.length }).toEqual({
    crashes: 0,
    badErrors: 0,
    invalid: 0,
    slow: 0,
  });

describe(`fuzz: ${RUNS} bodies, seed ${SEED}`, () => {
  const requests = sample(RUNS, SEED);
  let mock: ChatMock;
  let server: MockServer;
  beforeAll(async () => {
    mock = createMock({
      latency: false,
      scenarios: [{ rules: [{ match: { lastMessage: { matches: '(a+)+$' }, model: '*a*a*a*a*a*a*b' }, reply: { content: 'matched' } }] }],
    });
    server = await startServer({ port: 0, latency: false });
  });
  afterAll(() => server?.close());

  it('through mock.fetch', async () => {
    const t = tally();
    await drive(
      (req) =>
        mock.fetch(`http://mock.test${req.path}`, {
          method: req.method,
          headers: req.headers,
          ...(req.body && req.method !== 'GET' ? { body: req.body } : {}),
        }),
      requests,
      t,
    );
    report('mock.fetch', t);
    expectClean(t);
  });

  it('over HTTP', async () => {
    const t = tally();
    await drive(
      (req) => fetch(`${server.url}${req.path}`, { method: req.method, headers: req.headers, ...(req.body && req.method !== 'GET' ? { body: req.body } : {}) }),
      requests,
      t,
    );
    report('HTTP', t);
    expectClean(t);
  });
});
