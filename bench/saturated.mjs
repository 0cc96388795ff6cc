// The CLI server and the bare node:http server each saturated by wrk (C, one thread), as issue 12
// measured them: each server alone on CPU 0, wrk on CPU 1, distinct prompts, rounds taking turns.
// autocannon, `npm run bench`'s load generator, runs out of CPU before the bare server does, and a
// server below saturation spends more CPU per request (it wakes for fewer requests at a time).
// Needs wrk and taskset (Debian: apt install wrk); not part of `npm run bench`.
//   node bench/saturated.mjs [rounds] [seconds]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { BARE, BODIES, MOCK, bareServerEnvs, cpuUs, launch } from './server.mjs';
import { fmt, median } from './stats.mjs';

const [rounds = 6, seconds = 3] = process.argv.slice(2).map(Number);
for (const tool of ['wrk', 'taskset']) {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
  } catch {
    console.error(`bench/saturated.mjs needs ${tool} on the PATH (Debian: apt install wrk util-linux)`);
    process.exit(1);
  }
}
if (availableParallelism() < 2) throw new Error('bench/saturated.mjs needs two CPUs: one for the server, one for wrk');

/** A wrk script sending the bench's `kind` of body (json, sse), with a distinct id in every request's last message. */
function script(dir, kind) {
  const [before, after] = JSON.stringify(BODIES[kind]('Tell me something about load tests, request [<id>]')).split('<id>');
  const path = `${dir}/${kind}.lua`;
  writeFileSync(
    path,
    [
      'local n = 0',
      'wrk.method = "POST"',
      'wrk.headers["content-type"] = "application/json"',
      'wrk.headers["authorization"] = "Bearer bench"',
      'request = function()',
      '  n = n + 1',
      `  return wrk.format(nil, "/v1/chat/completions", nil, [==[${before}]==] .. n .. "-" .. math.random(1e9) .. [==[${after}]==])`,
      'end',
      '',
    ].join('\n'),
  );
  return path;
}

const MS = { us: 0.001, ms: 1, s: 1000 };
function load(server, lua) {
  const before = cpuUs(server.child.pid);
  const out = execFileSync('taskset', ['-c', '1', 'wrk', '-t1', '-c50', `-d${seconds}s`, '--latency', '-s', lua, server.url], { encoding: 'utf8' });
  const cpu = cpuUs(server.child.pid) - before;
  const requests = Number(/(\d+) requests in/.exec(out)[1]);
  const [, p99, unit] = /99%\s+([\d.]+)(us|ms|s)/.exec(out);
  if (/Non-2xx|Socket errors/.test(out)) throw new Error(`wrk saw errors:\n${out}`);
  return { cpuUs: cpu / requests, p99: Number(p99) * MS[unit] };
}

const dir = mkdtempSync(`${tmpdir()}/saturated-`);
const servers = { bare: await launch(BARE, (await bareServerEnvs()).plain, '0'), mock: await launch(MOCK, {}, '0') };
try {
  console.log(
    `## Saturated by wrk: 50 connections, distinct prompts, CPU 0 for the server, CPU 1 for wrk; ${rounds} rounds of ${seconds} s after one to warm up\n`,
  );
  console.log('| answer | bare CPU µs/req | mock CPU µs/req | ratio (bare/mock), median and range | bare p99 ms | mock p99 ms |\n|---|---|---|---|---|---|');
  for (const kind of ['json', 'sse']) {
    const lua = script(dir, kind);
    const runs = { bare: [], mock: [] };
    for (let round = 0; round <= rounds; round++) {
      for (const name of round % 2 ? ['mock', 'bare'] : ['bare', 'mock']) {
        const run = load(servers[name], lua);
        if (round > 0) runs[name].push(run);
      }
    }
    const ratios = runs.bare.map((b, i) => b.cpuUs / runs.mock[i].cpuUs).sort((x, y) => x - y);
    const range = (xs) => `${fmt(Math.min(...xs), 1)}-${fmt(Math.max(...xs), 1)}`;
    const [bare, mock] = [runs.bare, runs.mock].map((rs) => `${fmt(median(rs.map((r) => r.cpuUs)), 1)} (${range(rs.map((r) => r.cpuUs))})`);
    const [bareP99, mockP99] = [runs.bare, runs.mock].map((rs) => `${fmt(median(rs.map((r) => r.p99)), 1)} (${range(rs.map((r) => r.p99))})`);
    const name = kind === 'json' ? 'chat.completion' : 'SSE stream, whole';
    console.log(`| ${name} | ${bare} | ${mock} | ${fmt(median(ratios), 2)}x (${fmt(ratios[0], 2)}-${fmt(ratios.at(-1), 2)}) | ${bareP99} | ${mockP99} |`);
  }
} finally {
  for (const { child } of Object.values(servers)) child.kill('SIGKILL');
}
