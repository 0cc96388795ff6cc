// A/B of the core's CPU per request between two builds. Both are loaded in one process and take
// turns request by request, so the machine's drift hits both alike; the CPU time of each request is
// summed per build. Each run is a fresh process, and every other run loads the candidate first
// (which build a process loads first changes its figures by up to ~30%). Prints the median ratio.
//   git worktree add /tmp/base <ref> && (cd /tmp/base && npm ci && npm run build)
//   node bench/ab.mjs /tmp/base/dist/lib/index.js dist/lib/index.js [runs]
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import OpenAI from 'openai';
import { benchClientOptions, median, threeTools } from './stats.mjs';

// Distinct prompts as a suite sends them (a system prompt and a new question), the same body again, a stream.
const chat = (content, extra = {}) => ({
  model: 'gpt-4o',
  messages: [
    { role: 'system', content: 'You are a helpful assistant.' },
    { role: 'user', content },
  ],
  ...extra,
});
const KINDS = {
  'distinct prompts': (i) => chat(`Tell me something, request [${i}]`),
  'the same body again': () => chat('Tell me something'),
  'distinct prompts, streamed': (i) => chat(`Stream something, request [${i}]`, { stream: true, stream_options: { include_usage: true } }),
  // The in-process door as a suite uses it: the openai SDK with mock.fetch as its fetch, the Response included.
  'distinct prompts, openai SDK on mock.fetch': (i) => chat(`Ask something, request [${i}]`),
  'distinct prompts, 3 tools': (i) => chat(`Do something, request [${i}]`, { tools: threeTools, tool_choice: 'required' }),
};
// AB_KINDS='<name>|<name>': only those kinds.
for (const kind of Object.keys(KINDS)) if (process.env.AB_KINDS && !process.env.AB_KINDS.split('|').includes(kind)) delete KINDS[kind];
const THROUGH_SDK = 'distinct prompts, openai SDK on mock.fetch';
const WARM = 5_000;
const TIMED = 20_000;

/** One run: the two builds alternating; prints each kind's candidate / base CPU ratio as JSON. */
async function child(first, second, candidateFirst) {
  const loaded = [await import(first), await import(second)];
  const [base, candidate] = candidateFirst ? [loaded[1], loaded[0]] : loaded;
  const mocks = [base.createMock(), candidate.createMock()];
  const clients = mocks.map((mock) => new OpenAI({ ...benchClientOptions, fetch: mock.fetch }));
  const ratios = {};
  let offset = 0;
  for (const [kind, make] of Object.entries(KINDS)) {
    const cpu = [0, 0];
    for (let n = 0; n < WARM + TIMED; n++) {
      const request = make(offset++);
      const body = JSON.stringify(request);
      for (const j of n % 2 ? [1, 0] : [0, 1]) {
        const before = process.cpuUsage();
        if (kind === THROUGH_SDK) await clients[j].chat.completions.create(request);
        else await mocks[j].handle({ method: 'POST', path: '/v1/chat/completions', headers: {}, body });
        const used = process.cpuUsage(before);
        if (n >= WARM) cpu[j] += used.user + used.system;
      }
    }
    ratios[kind] = { base: cpu[0] / TIMED, candidate: cpu[1] / TIMED };
  }
  console.log(JSON.stringify(ratios));
}

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4], process.argv[5] === 'candidate-first');
} else {
  const [a, b, runs = '8'] = process.argv.slice(2);
  if (!a || !b) throw new Error('usage: node bench/ab.mjs <base dist/lib/index.js> <candidate dist/lib/index.js> [runs]');
  const [base, candidate] = [a, b].map((p) => pathToFileURL(resolve(p)).href);
  const results = [];
  for (let run = 0; run < Number(runs); run++) {
    const candidateFirst = run % 2 === 1;
    const args = ['--child', ...(candidateFirst ? [candidate, base] : [base, candidate]), candidateFirst ? 'candidate-first' : 'base-first'];
    results.push(JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), ...args], { encoding: 'utf8' })));
  }
  console.log(`${runs} runs of ${TIMED.toLocaleString('en-US')} requests per kind each, after ${WARM.toLocaleString('en-US')}; CPU µs per request, medians\n`);
  console.log('| chat completion | base | candidate | candidate / base (median of the runs) | range |\n|---|---|---|---|---|');
  for (const kind of Object.keys(KINDS)) {
    const ratios = results.map((r) => r[kind].candidate / r[kind].base).sort((x, y) => x - y);
    const row = [median(results.map((r) => r[kind].base)), median(results.map((r) => r[kind].candidate))].map((us) => us.toFixed(1));
    console.log(`| ${kind} | ${row[0]} | ${row[1]} | ${median(ratios).toFixed(2)} | ${ratios[0].toFixed(2)}-${ratios.at(-1).toFixed(2)} |`);
  }
}
