// `npm run bench`: every figure is paired with a baseline measured in the same run.
import { benchGeneration } from './generation.mjs';
import { benchMsw } from './msw.mjs';
import { fmt } from './stats.mjs';

const only = process.argv.slice(2);
const wanted = (name) => only.length === 0 || only.includes(name);

if (wanted('generation')) {
  console.log('\n## Core per-request cost (mock.handle, no transport)\n');
  console.log('| request | µs / request |\n|---|---|');
  for (const [name, us] of Object.entries(await benchGeneration())) console.log(`| ${name} | ${fmt(us, 1)} |`);
}

if (wanted('msw')) {
  console.log('\n## In-process: openai SDK through msw\n');
  const r = await benchMsw();
  console.log('| handler | SDK calls / s |\n|---|---|');
  console.log(`| static msw handler (baseline) | ${fmt(r.staticPerSec)} |`);
  console.log(`| completions-mock | ${fmt(r.mockPerSec)} |`);
  console.log(`\ncost per SDK call: ${fmt(r.costRatio, 2)}x the static handler (target <= 2x), ${r.calls} sequential calls, best of 3 interleaved rounds`);
}

if (wanted('early')) {
  const { benchEarlyClient } = await import('./early-client.mjs');
  console.log('\n## In-process: a client created before listen() (setupMockServer)\n');
  const r = await benchEarlyClient();
  console.log('| client | SDK calls / s |\n|---|---|');
  console.log(`| created after listen() (baseline) | ${fmt(r.latePerSec)} |`);
  console.log(`| created before listen() | ${fmt(r.earlyPerSec)} |`);
  console.log(`\ncost per SDK call: ${fmt(r.costRatio, 2)}x the late client's, ${r.calls} sequential calls, best of 3 interleaved rounds`);
}

if (wanted('server')) {
  const { benchServer } = await import('./server.mjs');
  console.log('\n## CLI server under load (autocannon, 50 connections, separate processes)\n');
  const r = await benchServer();
  const row = (name, bare, mock) =>
    `| ${name} | ${fmt(bare.requests.average)} | ${fmt(mock.requests.average)} | ${fmt((mock.requests.average / bare.requests.average) * 100)}% | ${bare.latency.p50} / ${bare.latency.p99} ms | ${mock.latency.p50} / ${mock.latency.p99} ms |`;
  console.log('| answer | bare node:http req/s | completions-mock req/s | ratio | bare p50 / p99 | mock p50 / p99 |\n|---|---|---|---|---|---|');
  console.log(row(`chat.completion (${r.bytes.json} B)`, r.json.bare, r.json.mock));
  console.log(row(`SSE stream, whole (${r.bytes.sse} B)`, r.sse.bare, r.sse.mock));
  console.log(`\nready line after ${fmt(r.readyMs)} ms (median of 5 starts); peak RSS under load ${fmt(r.peakRssMb)} MB`);
  console.log(`1,000 slow streams held at once: RSS ${fmt(r.hold.before)} MB before, ${fmt(r.hold.held)} MB while held, ${fmt(r.hold.after)} MB after; heap used ${fmt(r.hold.heapBefore)} / ${fmt(r.hold.heapHeld)} / ${fmt(r.hold.heapAfter)} MB`);
}
