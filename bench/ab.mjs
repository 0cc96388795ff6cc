// A/B of the core's per-request cost between two builds, in one process, interleaved rounds, best round each:
//   git worktree add /tmp/base <ref> && (cd /tmp/base && npm ci && npm run build)
//   node bench/ab.mjs /tmp/base/dist/index.js dist/index.js
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const [a, b] = process.argv.slice(2).map((p) => pathToFileURL(resolve(p)).href);
if (!a || !b) throw new Error('usage: node bench/ab.mjs <base dist/index.js> <candidate dist/index.js>');
const builds = [
  ['base', await import(a)],
  ['candidate', await import(b)],
];
const kinds = {
  'distinct prompts': (i) => JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: `Tell me something, take ${i}` }] }),
  'the same body again': () => JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Tell me something' }] }),
  'distinct prompts, streamed': (i) => JSON.stringify({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: `Stream ${i}` }] }),
};
const N = 1500;
console.log('| chat completion | base µs | candidate µs | candidate / base |\n|---|---|---|---|');
for (const [kind, make] of Object.entries(kinds)) {
  const best = { base: Infinity, candidate: Infinity };
  let offset = 0;
  for (let round = 0; round < 6; round++) {
    for (const [name, mod] of builds) {
      const mock = mod.createMock({ journalLimit: 10 });
      const handle = (body) => mock.handle({ method: 'POST', path: '/v1/chat/completions', headers: {}, body });
      for (let i = 0; i < 100; i++) await handle(make(-i - 1));
      const bodies = Array.from({ length: N }, (_, i) => make(i + offset));
      const t = performance.now();
      for (const body of bodies) await handle(body);
      best[name] = Math.min(best[name], ((performance.now() - t) * 1000) / N);
    }
    offset += N;
  }
  console.log(`| ${kind} | ${best.base.toFixed(1)} | ${best.candidate.toFixed(1)} | ${(best.candidate / best.base).toFixed(2)} |`);
}
