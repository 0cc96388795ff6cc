// The cost of one request as its body grows to the 10 MB limit: CPU per request through
// mock.fetch, beside the same run's cost of reading that body at all (decoding it and
// JSON.parse, which any server pays), and the longest the event loop was held meanwhile.
import { createMock } from 'completions-mock';
import { cpuMicros, median } from './stats.mjs';

const WORDS = 'the quick brown fox jumps over a lazy dog while seven wizards quietly pack their boxes, and 42 others wait'.split(' ');

/** Ordinary prose; `k` shifts it so no two bodies are the same. */
function prose(chars, k) {
  const out = [];
  for (let i = k, length = 0; length < chars; i++) {
    const word = WORDS[(i * 7919) % WORDS.length];
    out.push(word);
    length += word.length + 1;
  }
  return out.join(' ');
}

/** Words no tokenizer table holds whole: random letters, distinct per body. */
function gibberish(chars, k) {
  let seed = 0x9e3779b9 ^ k;
  const next = () => (seed = Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) ^ (seed + 0x6d2b79f5)) >>> 0;
  const out = [];
  for (let length = 0; length < chars;) {
    const n = 3 + (next() % 7);
    let word = '';
    for (let j = 0; j < n; j++) word += String.fromCharCode(97 + (next() % 26));
    out.push(word);
    length += n + 1;
  }
  return out.join(' ');
}

const cpu = () => cpuMicros() / 1000;

export async function benchBodies({ rounds = 3 } = {}) {
  const mock = createMock({ journalLimit: 10 });
  const rows = [];
  // Beside 1 MB and the limit: prompts just under gpt-4.1's million-token window, which must be counted
  // whole (the answer's usage is exact), the most counting any request can need.
  const cases = [];
  for (const [text, make, atWindow] of [
    ['prose', prose, 4.5],
    ['random words', gibberish, 2],
  ]) {
    for (const mb of [1, 9.5]) for (const model of ['gpt-4o-mini', 'gpt-4.1', 'a-local-model']) cases.push([text, make, mb, model]);
    cases.push([text, make, atWindow, 'gpt-4.1']);
  }
  const send = (body) => mock.fetch('http://mock.test/v1/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  // The tokenizer's table loads with the first request: not a cost of the first row.
  await (await send(JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: prose(10_000, 0) }] }))).text();
  for (const [text, make, mb, model] of cases) {
    const costs = [];
    const baselines = [];
    const blocks = [];
    let outcome;
    for (let k = 0; k < rounds; k++) {
      const body = new TextEncoder().encode(JSON.stringify({ model, messages: [{ role: 'user', content: make(mb * 1e6, k) }] }));
      globalThis.gc?.();
      let start = cpu();
      JSON.parse(new TextDecoder().decode(body));
      baselines.push(cpu() - start);
      // The event loop's longest stall: a timer that notes how late each tick came.
      let last = performance.now();
      let longest = 0;
      const tick = setInterval(() => {
        const now = performance.now();
        longest = Math.max(longest, now - last);
        last = now;
      }, 1);
      start = cpu();
      const res = await send(body);
      const json = await res.json();
      costs.push(cpu() - start);
      clearInterval(tick);
      blocks.push(Math.max(longest, performance.now() - last));
      outcome = res.status === 200 ? `200, ${json.usage.prompt_tokens.toLocaleString('en-US')} prompt tokens` : `${res.status} ${json.error.code}`;
    }
    rows.push({ text, mb, model, outcome, cost: median(costs), baseline: median(baselines), block: median(blocks) });
  }
  return rows;
}
