// A/B of two builds' CLI servers under the same load, as `npm run bench -- server` loads them (50
// connections, distinct prompts), in interleaved rounds so the machine's drift hits both alike:
//   git worktree add /tmp/base <ref> && (cd /tmp/base && npm ci && npm run build)
//   node bench/ab-server.mjs /tmp/base/dist/cli/bundle.js dist/cli/bundle.js [json|sse] [rounds]
import { load, launch } from './server.mjs';
import { median } from './stats.mjs';

const [a, b, kind = 'json', rounds = '11'] = process.argv.slice(2);
if (!a || !b) throw new Error('usage: node bench/ab-server.mjs <base dist/cli/bundle.js> <candidate dist/cli/bundle.js> [json|sse] [rounds]');
const serve = ['serve', '--port', '0', '--quiet'];
const servers = { base: await launch([a, ...serve]), candidate: await launch([b, ...serve]) };
const runs = { base: [], candidate: [] };
try {
  for (let round = 0; round <= Number(rounds); round++) {
    for (const name of round % 2 ? ['candidate', 'base'] : ['base', 'candidate']) {
      const run = await load(servers[name], kind, true, 2);
      if (round > 0) runs[name].push(run); // the first round warms both up
    }
  }
} finally {
  for (const { child } of Object.values(servers)) child.kill('SIGKILL');
}
console.log(`| ${kind}, distinct prompts | CPU µs/request | req/s | p99 ms |\n|---|---|---|---|`);
for (const [name, rs] of Object.entries(runs)) {
  console.log(`| ${name} | ${median(rs.map((r) => r.cpuUs)).toFixed(1)} | ${Math.round(median(rs.map((r) => r.rps)))} | ${median(rs.map((r) => r.p99))} |`);
}
