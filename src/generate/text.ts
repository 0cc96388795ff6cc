import type { Tokenized } from './bpe.js';
import { createRng, deriveSeed, type Rng } from './rng.js';
import { TEMPLATES, VOCABULARY } from './vocabulary.js';
import { HEX } from '../base/ids.js';

type Slot = keyof typeof VOCABULARY;
/** A template as its pieces: fixed words (with the space before them), punctuation, and slots. */
type Part = string | readonly string[];

// Each word with its space, made once: a generated answer allocates no new strings.
const SPACED = Object.fromEntries(Object.entries(VOCABULARY).map(([slot, list]) => [slot, list.map((word) => ` ${word}`)])) as Record<Slot, string[]>;
const PIECE = /\{(\w+)\}|[^\s{}.,!?]+|[.,!?]/g;
const parts = (template: string, later: boolean): readonly Part[] =>
  [...template.matchAll(PIECE)].map(([piece, slot], i): Part => {
    if (slot) return SPACED[slot as Slot];
    return (i === 0 && !later) || /^[.,!?]$/.test(piece) ? piece : ` ${piece}`;
  });
/** Each template's parts as the first sentence, and as a later one (after a space). */
const FIRST = TEMPLATES.map((template) => parts(template, false));
const LATER = TEMPLATES.map((template) => parts(template, true));

/**
 * Every piece generated text is made of that JSON writes as it is (no quote,
 * backslash or control character to escape): an answer made only of these is
 * encoded by putting it in quotes, without a join and an escaping pass.
 */
export const PLAIN_PIECES: ReadonlySet<string> = new Set(
  [...Object.values(SPACED).flat(), ...[...FIRST, ...LATER].flat().filter((part): part is string => typeof part === 'string')].filter(
    (piece) => JSON.stringify(piece) === `"${piece}"`,
  ),
);

/**
 * Token pieces as one JSON string: generated text (plain pieces only) is quoted, not joined
 * and escaped. A tree of its pieces, cheap to make; the answer's text (base/flat.ts)
 * copies it out once.
 */
export function piecesJson(pieces: readonly string[]): string {
  let json = '"';
  for (const piece of pieces) {
    if (!PLAIN_PIECES.has(piece)) return JSON.stringify(pieces.join(''));
    json += piece;
  }
  return `${json}"`;
}

/** One piece as a JSON string. */
export const pieceJson = (piece: string): string => (PLAIN_PIECES.has(piece) ? `"${piece}"` : JSON.stringify(piece));

/**
 * A short, readable answer of two to four sentences, fixed by the seed, as its
 * token pieces: each piece is one token in every encoding the mock counts with.
 */
export function generateTextTokens(seed: number): Tokenized {
  const rng = createRng(seed);
  const pieces: string[] = [];
  const sentences = rng.int(2, 4);
  for (let s = 0; s < sentences; s++) sentence(rng, pieces, s > 0);
  return { pieces, counts: new Array<number>(pieces.length).fill(1), tokens: pieces.length };
}

/** One sentence's pieces, pushed onto `pieces`; a later sentence starts after a space. */
function sentence(rng: Rng, pieces: string[], later: boolean): void {
  const template = (later ? LATER : FIRST)[rng.int(0, TEMPLATES.length - 1)]!;
  for (const part of template) pieces.push(typeof part === 'string' ? part : rng.pick(part));
}

/** The same answer as text. */
export function generateText(seed: number): string {
  return generateTextTokens(seed).pieces.join('');
}

/** A JSON object for `response_format: json_object`, fixed by the seed. */
export function generateJsonObject(seed: number): Record<string, unknown> {
  const rng = createRng(deriveSeed(seed, 'json-object'));
  const hex = (length: number) => Array.from({ length }, () => HEX[rng.int(0, 15)]).join('');
  const text = () => {
    const pieces: string[] = [];
    sentence(rng, pieces, false);
    return pieces.join('');
  };
  return {
    id: `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[rng.int(0, 3)]}${hex(3)}-${hex(12)}`,
    title: text(),
    summary: text(),
    score: rng.int(1, 100),
    tags: [0, 1, 2].map(() => rng.pick(VOCABULARY.noun)),
  };
}
