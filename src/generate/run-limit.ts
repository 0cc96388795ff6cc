import { invalidRequest } from '../base/errors.js';
import type { JsonPlan } from '../base/plan.js';

/**
 * The BPE merge is exact and O(n log n), but a run of characters with no space
 * or punctuation between them is one chunk for it, and costs ~0.7 µs a byte:
 * 'a' x 1,000,000 would hold the event loop for most of a second. Real text
 * breaks far sooner, so longer runs get a 400 that names the limit, and no
 * request spends more than ~20 ms of CPU in the tokenizer per run.
 */
const MAX_UNBROKEN_RUN = 20_000;

/** Whitespace and ASCII punctuation: where the pre-tokenizer always splits. */
function breaks(code: number): boolean {
  return code <= 0x2f || (code >= 0x3a && code <= 0x40) || (code >= 0x5b && code <= 0x60) || (code >= 0x7b && code <= 0x7e);
}

/**
 * The length of the longest run longer than MAX_UNBROKEN_RUN, or 0. Such a run covers
 * a multiple of MAX_UNBROKEN_RUN + 1, so only those offsets are probed: ordinary text
 * costs a few reads per 20,000 characters, and only long runs are read whole.
 */
function runPastLimit(text: string): number {
  const step = MAX_UNBROKEN_RUN + 1;
  let longest = 0;
  for (let probe = step - 1; probe < text.length; probe += step) {
    if (breaks(text.charCodeAt(probe))) continue;
    let start = probe;
    while (start > 0 && !breaks(text.charCodeAt(start - 1))) start--;
    let end = probe + 1;
    while (end < text.length && !breaks(text.charCodeAt(end))) end++;
    if (end - start > longest) longest = end - start;
    // The next probe past this run.
    while (probe + step < end) probe += step;
  }
  return longest > MAX_UNBROKEN_RUN ? longest : 0;
}

/** The longest run over the limit in any string of a JSON value (keys included), walked in place rather than serialised; 0 when none is. */
function longestRunIn(value: unknown): number {
  if (typeof value === 'string') return runPastLimit(value);
  if (value === null || typeof value !== 'object') return 0;
  let longest = 0;
  if (Array.isArray(value)) for (const item of value) longest = Math.max(longest, longestRunIn(item));
  else for (const key in value) longest = Math.max(longest, runPastLimit(key), longestRunIn((value as Record<string, unknown>)[key]));
  return longest;
}

/** The 400 for a text (or the strings of a JSON value) the mock will not tokenize, or undefined when every run is within the limit. */
export function unbrokenRunProblem(value: unknown, param: string | null): JsonPlan | undefined {
  const run = longestRunIn(value);
  if (run <= MAX_UNBROKEN_RUN) return undefined;
  return invalidRequest(
    `Invalid request: it holds a run of ${run.toLocaleString('en-US')} characters with no space or punctuation; completions-mock counts tokens in runs of at most ${MAX_UNBROKEN_RUN.toLocaleString('en-US')} (a longer one would take it most of a second).`,
    param,
    'invalid_value',
  );
}
