// The CLI server under load (autocannon, 50 connections) against a bare node:http
// server answering a fixed completion of the same size, each in its own process.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import autocannon from 'autocannon';
import { createMock } from '../dist/index.js';

const root = new URL('..', import.meta.url).pathname;
const chat = { model: 'gpt-4o', messages: [{ role: 'user', content: 'Tell me something about load tests' }] };
const streamed = { ...chat, stream: true, stream_options: { include_usage: true } };

/** Starts a server process; resolves once it printed its ready line. */
function launch(args, env = {}) {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m) resolve({ child, url: m[1], readyMs: performance.now() - started });
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before it was ready`)));
  });
}

const heapMb = async (url) => (await (await fetch(`${url}/__mock/health`)).json()).memoryMb.heapUsed;
const peakRssMb = (pid) => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

function load(url, body, seconds) {
  return autocannon({
    url: `${url}/v1/chat/completions`,
    method: 'POST',
    connections: 50,
    duration: seconds,
    headers: { 'content-type': 'application/json', authorization: 'Bearer bench' },
    body: JSON.stringify(body),
  });
}

async function stop(child) {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

/** Opens `count` slow streams at once; returns the server's RSS while they are all held. */
async function holdStreams(url, pid, count) {
  const before = rssMb(pid);
  const heapBefore = await heapMb(url);
  const body = JSON.stringify({ ...chat, stream: true, messages: [{ role: 'user', content: 'hold this slow stream' }] });
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

export async function benchServer({ seconds = 5 } = {}) {
  const mock = createMock();
  const plan = async (body) => (await mock.handle({ method: 'POST', path: '/v1/chat/completions', headers: {}, body: JSON.stringify(body) })).plan;
  const jsonPlan = await plan(chat);
  const json = jsonPlan.raw ? jsonPlan.body : JSON.stringify(jsonPlan.body);
  const sse = (await plan(streamed)).events.map((e) => `data: ${e.data}\n\n`).join('');

  const ready = [];
  for (let i = 0; i < 5; i++) {
    const s = await launch(['bin/completions-mock.js', 'serve', '--port', '0', '--quiet']);
    ready.push(s.readyMs);
    await stop(s.child);
  }

  const bare = await launch(['bench/bare-server.mjs'], { BENCH_JSON: json, BENCH_SSE: sse });
  const server = await launch(['bin/completions-mock.js', 'serve', '--port', '0', '--quiet']);
  // Warm both (JIT, tokenizer load), then measure.
  await load(bare.url, chat, 1);
  await load(server.url, chat, 1);
  const bareJson = await load(bare.url, chat, seconds);
  const mockJson = await load(server.url, chat, seconds);
  const bareSse = await load(bare.url, streamed, seconds);
  const mockSse = await load(server.url, streamed, seconds);
  const peak = peakRssMb(server.child.pid);
  await stop(bare.child);
  await stop(server.child);

  const slow = `rules:\n  - match: { lastMessage: { contains: slow } }\n    reply: { latency: { firstTokenMs: 50, tokensPerSecond: 20 } }\n`;
  const { writeFileSync, mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(`${tmpdir()}/bench-`);
  writeFileSync(`${dir}/slow.yaml`, slow);
  const holder = await launch(['bin/completions-mock.js', 'serve', '--port', '0', '--quiet', '--scenario', `${dir}/slow.yaml`]);
  const hold = await holdStreams(holder.url, holder.child.pid, 1000);
  await stop(holder.child);

  return {
    readyMs: ready.sort((a, b) => a - b)[2],
    json: { bare: bareJson, mock: mockJson },
    sse: { bare: bareSse, mock: mockSse },
    bytes: { json: json.length, sse: sse.length },
    peakRssMb: peak,
    hold,
  };
}
