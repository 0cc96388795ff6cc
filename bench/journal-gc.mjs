// Garbage-collector pauses per request that the journal costs: 60,000 distinct chat completions
// through mock.handle with a server's request headers, with a 1,000-entry journal (the default) and
// with a 10-entry one, each in a fresh process. Another build: DIST=<its entry>, /tmp/base/dist/lib/index.js
// (builds before the bundled entry points: /tmp/base/dist/index.js).
//   node bench/journal-gc.mjs
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PerformanceObserver, constants } from 'node:perf_hooks';

async function child(limit) {
  const { createMock } = await import(process.env.DIST ?? 'completions-mock');
  const mock = createMock({ journalLimit: limit });
  const gc = { minorMs: 0, majorMs: 0 };
  let on = false;
  new PerformanceObserver((list) => {
    if (!on) return;
    for (const e of list.getEntries()) {
      if (e.detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) gc.minorMs += e.duration;
      else gc.majorMs += e.duration;
    }
  }).observe({ entryTypes: ['gc'] });
  const headers = {
    'content-type': 'application/json',
    authorization: 'Bearer bench',
    host: '127.0.0.1:4747',
    connection: 'keep-alive',
    'user-agent': 'bench',
  };
  let i = 0;
  const body = () =>
    JSON.stringify({
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'You are a helpful assistant.' },
        { role: 'user', content: `Tell me something about load tests, request [${(i++).toString(36)}]` },
      ],
    });
  const ask = () => mock.handle({ method: 'POST', path: '/v1/chat/completions', headers, body: body() });
  for (let k = 0; k < 10_000; k++) await ask();
  on = true;
  const calls = 60_000;
  for (let k = 0; k < calls; k++) await ask();
  await new Promise((resolve) => setTimeout(resolve, 50));
  console.log(JSON.stringify({ minorUs: (gc.minorMs * 1000) / calls, majorUs: (gc.majorMs * 1000) / calls }));
}

if (process.argv[2]) await child(Number(process.argv[2]));
else {
  console.log('| journal entries kept | young-generation GC µs / request | full GC µs / request |\n|---|---|---|');
  for (const limit of [1000, 10]) {
    const r = JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), String(limit)], { encoding: 'utf8' }));
    console.log(`| ${limit} | ${r.minorUs.toFixed(2)} | ${r.majorUs.toFixed(2)} |`);
  }
}
