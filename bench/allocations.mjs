// Bytes allocated per distinct chat request (a system and a user message) through mock.handle, by
// the functions that allocate them: V8's sampling heap profiler, objects already collected included,
// over 20,000 requests after 20,000 others. Another build: DIST=<its dist/lib/index.js>.
//   node bench/allocations.mjs
import { Session } from 'node:inspector/promises';

const { createMock } = await import(process.env.DIST ?? 'completions-mock');
const mock = createMock();
const N = 20_000;
const bodies = Array.from({ length: 2 * N }, (_, i) =>
  JSON.stringify({
    model: 'gpt-4o',
    messages: [
      { role: 'system', content: 'You are a helpful assistant.' },
      { role: 'user', content: `Tell me something, request [${i}]` },
    ],
  }),
);
const ask = (body) => mock.handle({ method: 'POST', path: '/v1/chat/completions', headers: { 'content-type': 'application/json' }, body });
for (let i = 0; i < N; i++) await ask(bodies[i]);
const session = new Session();
session.connect();
await session.post('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
for (let i = N; i < 2 * N; i++) await ask(bodies[i]);
const { profile } = await session.post('HeapProfiler.stopSampling');
const byFunction = new Map();
let total = 0;
(function walk(node) {
  const name = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber + 1}`;
  total += node.selfSize;
  byFunction.set(name, (byFunction.get(name) ?? 0) + node.selfSize);
  for (const child of node.children) walk(child);
})(profile.head);
console.log(`${Math.round(total / N)} bytes allocated per distinct request (the bench's own body strings made beforehand)\n`);
console.log('| function | bytes / request |\n|---|---|');
for (const [name, bytes] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`| ${name} | ${Math.round(bytes / N)} |`);
