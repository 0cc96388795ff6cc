import type { LogprobEntry, TopLogprob } from '../spec/types.js';
import { createRng } from './rng.js';

const ALTERNATIVES = [
  ' the',
  ' a',
  ' and',
  ' to',
  ' of',
  ' in',
  ' is',
  ' it',
  ' that',
  ' for',
  ',',
  '.',
  ' we',
  ' you',
  ' this',
  ' can',
  ' with',
  ' on',
  ' be',
  ' data',
];
const utf8 = new TextEncoder();

const round = (n: number) => Math.round(n * 1e6) / 1e6;

function top(token: string, logprob: number): TopLogprob {
  return { token, logprob, bytes: Array.from(utf8.encode(token)) };
}

/**
 * One entry per token piece. The sampled token is the likeliest, and the
 * alternatives share what probability is left, so each distribution sums to <= 1.
 */
export function generateLogprobs(pieces: string[], topCount: number, seed: number): LogprobEntry[] {
  const rng = createRng(seed);
  return pieces.map((token) => {
    const p = 0.35 + 0.65 * rng.next();
    const logprob = round(Math.log(p));
    const alternatives: TopLogprob[] = [];
    if (topCount > 0) {
      alternatives.push(top(token, logprob));
      let rest = 1 - p;
      let offset = rng.int(0, ALTERNATIVES.length - 1);
      while (alternatives.length < topCount) {
        const candidate = ALTERNATIVES[offset++ % ALTERNATIVES.length]!;
        if (candidate === token) continue;
        rest *= 0.3 + 0.2 * rng.next();
        alternatives.push(top(candidate, round(Math.log(Math.max(rest, 1e-9)))));
        if (offset > 1000) break;
      }
    }
    return { ...top(token, logprob), top_logprobs: alternatives };
  });
}
