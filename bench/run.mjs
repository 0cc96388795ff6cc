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
