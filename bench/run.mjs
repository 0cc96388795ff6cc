// `npm run bench`: every figure is paired with a baseline measured in the same run.
// `npm run bench -- server` (or in-process, generation, embeddings, msw, early, responses, bodies) runs one part;
// several parts, or all, each run in a process of their own.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fmt } from './stats.mjs';

const PARTS = ['server', 'in-process', 'generation', 'embeddings', 'msw', 'early', 'responses', 'bodies'];
const only = process.argv.slice(2);
const unknown = only.filter((name) => !PARTS.includes(name));
if (unknown.length) throw new Error(`unknown bench part ${unknown.join(', ')}: the parts are ${PARTS.join(', ')}`);
// Each part in a fresh process: a part's figures must not depend on what the parts before it
// left in the heap (the Responses ratio read 1.80x after the others, 1.2-1.4x alone).
if (only.length !== 1) {
  for (const part of only.length ? only : PARTS) {
    // With this process's node flags (node --max-semi-space-size=2 bench/run.mjs ...).
    const run = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), part], { stdio: 'inherit' });
    if (run.status !== 0) process.exit(run.status ?? 1);
  }
  process.exit(0);
}
const wanted = (name) => only.includes(name);
const ratio = (x) => `${fmt(x, 2)}x`;

if (wanted('server')) {
  const { benchServer } = await import('./server.mjs');
  const r = await benchServer();
  console.log(`\n## CLI server under load (autocannon, 50 connections, separate processes; median of ${r.rounds} interleaved ${r.seconds} s rounds)\n`);
  console.log(
    "| answer | prompts | bare node:http req/s | mock req/s | req/s ratio | bare CPU µs/req | mock CPU µs/req | CPU ratio (bare/mock) | bare p50 / p99 | mock p50 / p99 | bare with the API's headers: CPU µs/req, ratio to the mock |",
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const [key, { bare, bareHeaders, mock }] of Object.entries(r.load)) {
    const [kind, prompts] = key.split('-');
    const name = kind === 'json' ? `chat.completion (${fmt(r.bytes.json)} B)` : `SSE stream, whole (${fmt(r.bytes.sse)} B)`;
    console.log(
      `| ${name} | ${prompts} | ${fmt(bare.rps)} | ${fmt(mock.rps)} | ${ratio(mock.rps / bare.rps)} | ${fmt(bare.cpuUs, 1)} | ${fmt(mock.cpuUs, 1)} | ${ratio(bare.cpuUs / mock.cpuUs)} | ${bare.p50} / ${bare.p99} ms | ${mock.p50} / ${mock.p99} ms | ${fmt(bareHeaders.cpuUs, 1)}, ${ratio(bareHeaders.cpuUs / mock.cpuUs)} |`,
    );
  }
  console.log(
    `\nspawn to first answer (median of 5): bare node:http ${fmt(r.spawn.bare)} ms, completions-mock ${fmt(r.spawn.mock)} ms (ready line after ${fmt(r.spawn.mockReady)} ms)`,
  );
  console.log(`peak RSS under load: bare node:http ${fmt(r.peakRssMb.bare)} MB, completions-mock ${fmt(r.peakRssMb.mock)} MB`);
  console.log(
    `1,000 slow streams held at once: RSS ${fmt(r.hold.before)} MB before, ${fmt(r.hold.held)} MB while held, ${fmt(r.hold.after)} MB after; heap used ${fmt(r.hold.heapBefore)} / ${fmt(r.hold.heapHeld)} / ${fmt(r.hold.heapAfter)} MB`,
  );
}

if (wanted('in-process')) {
  console.log('\n## In-process, fresh processes (median of 5 starts; calls: median of 3 processes x 5,000 distinct calls after 500 others)\n');
  const { benchInProcess } = await import('./in-process.mjs');
  const r = benchInProcess();
  console.log(
    "| | static fetch handler (baseline) | static handler, the mock's headers and body size (floor) | completions-mock (vs baseline / vs floor) |\n|---|---|---|---|",
  );
  console.log(`| import | ${fmt(r.importMs.static, 1)} ms | | ${fmt(r.importMs.mock, 1)} ms |`);
  console.log(`| first answer after import | ${fmt(r.firstMs.static, 1)} ms | | ${fmt(r.firstMs.mock, 1)} ms |`);
  const calls = (name, c) =>
    `| ${name} | ${fmt(c.static, 1)} µs | ${fmt(c.headers, 1)} µs | ${fmt(c.mock, 1)} µs (${ratio(c.mock / c.static)} / ${ratio(c.mock / c.headers)}) |`;
  console.log(calls('distinct `fetch` calls', r.perCallUs));
  console.log(calls('distinct `fetch(url, init)` calls, as SDKs make them', r.sdkPerCallUs));
  console.log(calls('the same, after 20,000 calls (the JIT done)', r.steadyPerCallUs));
}

if (wanted('generation')) {
  console.log('\n## Core per-request cost (mock.handle, no transport)\n');
  console.log('| request | µs / request |\n|---|---|');
  const { benchGeneration } = await import('./generation.mjs');
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
  console.log(
    `\nper input: ${fmt(r.float / r.inputs, 1)} µs (float), ${fmt(r.base64 / r.inputs, 1)} µs (base64); ${r.requests} distinct requests each, best of 3 interleaved rounds`,
  );
}

if (wanted('msw')) {
  console.log('\n## In-process: openai SDK through msw\n');
  const { benchMsw } = await import('./msw.mjs');
  const r = await benchMsw();
  console.log('| handler | SDK calls / s |\n|---|---|');
  console.log(`| static msw handler (baseline) | ${fmt(r.staticPerSec)} |`);
  console.log(`| completions-mock | ${fmt(r.mockPerSec)} |`);
  console.log(`\ncost per SDK call: ${fmt(r.costRatio, 2)}x the static handler, ${r.calls} sequential calls, best of 3 interleaved rounds`);
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

if (wanted('responses')) {
  const { benchResponses } = await import('./responses.mjs');
  console.log('\n## Responses API vs chat completions (same conversations, same run, distinct prompts)\n');
  console.log('| request | chat, CPU µs | responses, CPU µs | responses / chat | wire bytes, responses / chat |\n|---|---|---|---|---|');
  for (const [name, r] of Object.entries(await benchResponses()))
    console.log(`| ${name} | ${fmt(r.chat, 1)} | ${fmt(r.responses, 1)} | ${fmt(r.ratio, 2)}x | ${r.bytes ? `${fmt(r.bytes, 2)}x` : ''} |`);
}

if (wanted('bodies')) {
  const { benchBodies } = await import('./bodies.mjs');
  console.log('\n## Big bodies: one request, up to the 10 MB limit (mock.fetch, CPU per request)\n');
  console.log(
    '| text | MB | model | answer | CPU ms | decode + JSON.parse ms (baseline) | ratio | longest event-loop stall ms |\n|---|---|---|---|---|---|---|---|',
  );
  for (const r of await benchBodies()) {
    console.log(
      `| ${r.text} | ${r.mb} | ${r.model} | ${r.outcome} | ${fmt(r.cost, 0)} | ${fmt(r.baseline, 0)} | ${ratio(r.cost / r.baseline)} | ${fmt(r.block, 0)} |`,
    );
  }
}
