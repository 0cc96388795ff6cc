// The CLI server under load (autocannon, 50 connections) against a bare node:http
// server answering a fixed completion of the same size, each in its own process.
// Distinct prompts by default: every request carries a fresh id in its last message.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import autocannon from 'autocannon';
import { createMock } from 'completions-mock';
import { median } from './stats.mjs';

const root = new URL('..', import.meta.url).pathname;
const chat = (content) => ({
  model: 'gpt-4o',
  messages: [
    { role: 'system', content: 'You are a helpful assistant.' },
    { role: 'user', content },
  ],
});
export const BODIES = {
  json: (content) => chat(content),
  sse: (content) => ({ ...chat(content), stream: true, stream_options: { include_usage: true } }),
};

/** Starts a server process, on the CPUs `pin` lists (`taskset -c`) if given; resolves once it printed its ready line. */
export function launch(args, env = {}, pin = undefined) {
  const started = performance.now();
  const [command, argv] = pin === undefined ? [process.execPath, args] : ['taskset', ['-c', pin, process.execPath, ...args]];
  const child = spawn(command, argv, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m) resolve({ child, url: m[1], started, readyMs: performance.now() - started });
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before it was ready`)));
  });
}

export const MOCK = ['bin/completions-mock.js', 'serve', '--port', '0', '--quiet'];
export const BARE = ['bench/bare-server.mjs'];

const heapMb = async (url) => (await (await fetch(`${url}/__mock/health`)).json()).memoryMb.heapUsed;
const status = (pid) => readFileSync(`/proc/${pid}/status`, 'utf8');
const peakRssMb = (pid) => Number(/VmHWM:\s+(\d+)/.exec(status(pid))[1]) / 1024;
const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(status(pid))[1]) / 1024;
/** User + system CPU of a process, in microseconds (Linux clock ticks of 10 ms). */
export const cpuUs = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
};

/** One load run; `distinct` puts a fresh id into every request's last message. */
export async function load(server, kind, distinct, seconds) {
  const content = distinct ? 'Tell me something about load tests, request [<id>]' : 'Tell me something about load tests';
  const cpuBefore = cpuUs(server.child.pid);
  const result = await autocannon({
    url: `${server.url}/v1/chat/completions`,
    method: 'POST',
    connections: 50,
    duration: seconds,
    idReplacement: distinct,
    headers: { 'content-type': 'application/json', authorization: 'Bearer bench' },
    body: JSON.stringify(BODIES[kind](content)),
  });
  const cpu = cpuUs(server.child.pid) - cpuBefore;
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${kind}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, cpuUs: cpu / result.requests.total };
}

async function stop(child) {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

/** Spawn, wait for the ready line, send one chat request: ms until its answer is read. */
async function spawnToFirstAnswer(args, env) {
  const server = await launch(args, env);
  const res = await fetch(`${server.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(chat('Hi')),
  });
  await res.text();
  const ms = performance.now() - server.started;
  await stop(server.child);
  return { ms, readyMs: server.readyMs };
}

/** Opens `count` slow streams at once; returns the server's RSS while they are all held. */
async function holdStreams(url, pid, count) {
  const before = rssMb(pid);
  const heapBefore = await heapMb(url);
  const body = JSON.stringify({ ...chat('hold this slow stream'), stream: true });
  let open = 0;
  let finished = 0;
  let resolveAll;
  const allOpen = new Promise((r) => (resolveAll = r));
  const done = new Promise((resolve) => {
    for (let i = 0; i < count; i++) {
      const req = request(`${url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, agent: false }, (res) => {
        res.once('data', () => {
          if (++open === count) resolveAll();
        });
        res.resume();
        res.on('end', () => {
          if (++finished === count) resolve();
        });
      });
      req.end(body);
    }
  });
  await allOpen;
  const held = rssMb(pid);
  const heapHeld = await heapMb(url);
  await done;
  return { before, held, after: rssMb(pid), heapBefore, heapHeld, heapAfter: await heapMb(url) };
}

const summarise = (runs) => ({
  rps: median(runs.map((r) => r.rps)),
  p50: median(runs.map((r) => r.p50)),
  p99: median(runs.map((r) => r.p99)),
  cpuUs: median(runs.map((r) => r.cpuUs)),
});

/**
 * The bare server's environments: it answers with a completion and a stream of the mock's own
 * size (`plain`), and also sends the headers the mock sends (`withHeaders`).
 */
export async function bareServerEnvs() {
  const mock = createMock();
  const plan = async (body) => (await mock.handle({ method: 'POST', path: '/v1/chat/completions', headers: {}, body: JSON.stringify(body) })).plan;
  const jsonPlan = await plan(BODIES.json('Tell me something about load tests'));
  const json = jsonPlan.raw ? jsonPlan.body : JSON.stringify(jsonPlan.body);
  const ssePlan = await plan(BODIES.sse('Tell me something about load tests'));
  const sse = ssePlan.events.map((e) => `data: ${e.data}\n\n`).join('');
  const plain = { BENCH_JSON: json, BENCH_SSE: sse };
  return { plain, withHeaders: { ...plain, BENCH_HEADERS: JSON.stringify({ json: jsonPlan.headers, sse: ssePlan.headers }) } };
}

export async function benchServer({ seconds = 3, rounds = 3, starts = 5 } = {}) {
  // A second baseline: the bare server sending the headers the mock sends (the API's request id,
  // version, processing time and rate limits), which node:http spends its own time writing.
  const { plain: bareEnv, withHeaders: bareHeadersEnv } = await bareServerEnvs();
  const { BENCH_JSON: json, BENCH_SSE: sse } = bareEnv;

  const spawn = { bare: [], mock: [] };
  for (let i = 0; i < starts; i++) {
    spawn.bare.push(await spawnToFirstAnswer(BARE, bareEnv));
    spawn.mock.push(await spawnToFirstAnswer(MOCK));
  }

  const bare = await launch(BARE, bareEnv);
  const bareHeaders = await launch(BARE, bareHeadersEnv);
  const server = await launch(MOCK);
  // Warm them all (JIT, tokenizer load), then measure in interleaved rounds, so drift in
  // machine load hits every side alike.
  for (const kind of ['json', 'sse']) {
    await load(bare, kind, true, 1);
    await load(bareHeaders, kind, true, 1);
    await load(server, kind, true, 1);
  }
  const runs = {};
  for (const kind of ['json', 'sse']) {
    for (const distinct of [true, false]) {
      const key = `${kind}-${distinct ? 'distinct' : 'repeated'}`;
      runs[key] = { bare: [], bareHeaders: [], mock: [] };
      for (let r = 0; r < rounds; r++) {
        runs[key].bare.push(await load(bare, kind, distinct, seconds));
        runs[key].bareHeaders.push(await load(bareHeaders, kind, distinct, seconds));
        runs[key].mock.push(await load(server, kind, distinct, seconds));
      }
    }
  }
  const peak = { bare: peakRssMb(bare.child.pid), mock: peakRssMb(server.child.pid) };
  await stop(bare.child);
  await stop(bareHeaders.child);
  await stop(server.child);

  const dir = mkdtempSync(`${tmpdir()}/bench-`);
  writeFileSync(
    `${dir}/slow.yaml`,
    `rules:\n  - match: { lastMessage: { contains: slow } }\n    reply: { latency: { firstTokenMs: 50, tokensPerSecond: 20 } }\n`,
  );
  const holder = await launch([...MOCK, '--scenario', `${dir}/slow.yaml`]);
  const hold = await holdStreams(holder.url, holder.child.pid, 1000);
  await stop(holder.child);

  const load_ = Object.fromEntries(
    Object.entries(runs).map(([key, { bare: b, bareHeaders: h, mock: m }]) => [key, { bare: summarise(b), bareHeaders: summarise(h), mock: summarise(m) }]),
  );
  return {
    spawn: {
      bare: median(spawn.bare.map((s) => s.ms)),
      mock: median(spawn.mock.map((s) => s.ms)),
      mockReady: median(spawn.mock.map((s) => s.readyMs)),
    },
    load: load_,
    bytes: { json: Buffer.byteLength(json), sse: Buffer.byteLength(sse) },
    peakRssMb: peak,
    hold,
    seconds,
    rounds,
  };
}
