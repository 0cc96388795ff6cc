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

if (wanted('embeddings')) {
  const { benchEmbeddings } = await import('./embeddings.mjs');
  const r = await benchEmbeddings();
  console.log(`\n## Embeddings: one request of ${r.inputs} inputs at ${r.dimensions} dimensions (mock.handle, no transport)\n`);
  console.log('| request | ms / request | vs chat completion | vs bare JSON encode |\n|---|---|---|---|');
  const row = (name, us) => `| ${name} | ${fmt(us / 1000, 2)} | ${fmt(us / r.chat, 1)}x | ${fmt(us / r.encode, 1)}x |`;
  console.log(row('chat completion, plain text (baseline)', r.chat));
  console.log(row('JSON.stringify of the same-size float answer (baseline)', r.encode));
  console.log(row('embeddings, encoding_format float', r.float));
  console.log(row('embeddings, encoding_format base64', r.base64));
  console.log(`\nper input: ${fmt(r.float / r.inputs, 1)} µs (float), ${fmt(r.base64 / r.inputs, 1)} µs (base64); ${r.requests} distinct requests each, best of 3 interleaved rounds`);
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

if (wanted('responses')) {
  const { benchResponses } = await import('./responses.mjs');
  console.log('\n## Responses API vs chat completions (same conversations, same run, distinct prompts)\n');
  console.log('| request | chat µs | responses µs | responses / chat |\n|---|---|---|---|');
  for (const [name, r] of Object.entries(await benchResponses())) console.log(`| ${name} | ${fmt(r.chat, 1)} | ${fmt(r.responses, 1)} | ${fmt(r.ratio, 2)}x |`);
}
