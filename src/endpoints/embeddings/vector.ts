import { hashString } from '../../base/hash.js';
import { deriveSeed, mulberry32 } from '../../generate/rng.js';

/**
 * Lexically meaningful vectors without a model: feature hashing. A text's
 * features are its lower-cased words and the character trigrams of its longer
 * words (`<paris>` -> `<pa`, `par`, ... `is>`); each feature adds a sparse
 * pseudo-random ±1 pattern (eight coordinates, fixed by the seed, the model and
 * the feature) into the vector, which is then scaled to unit length. Texts that
 * share words or word pieces share patterns, so their cosine is positive; texts
 * that share none are near-orthogonal. Nothing is precomputed: a feature's
 * pattern comes from hashing its text.
 */

const WORD = /[\p{L}\p{N}]+/gu;
/** Where each of a feature's eight coordinates may fall: the first within the first 256, so short prefixes (`dimensions`) keep some meaning; the rest anywhere. */
const SPREAD = [256, ...Array<number>(7).fill(Infinity)];
/** A faint per-text component on every coordinate, so no prefix of a vector is all zeros. */
const NOISE = 0.05;

/** What fixes every pattern: the mock's seed and the model. */
export function vectorSeed(seed: number, model: string): number {
  return deriveSeed(seed, `embeddings:${model}`);
}

/** Calls `add` for each feature of the text with its weight: short words (mostly stop words) weigh less. */
function eachFeature(text: string, add: (feature: string, weight: number) => void): void {
  let words = 0;
  for (const [word] of text.toLowerCase().matchAll(WORD)) {
    words++;
    const chars = Array.from(word);
    const weight = Math.min(1, chars.length / 5);
    add(`w ${word}`, weight);
    if (chars.length < 4) continue;
    // A word's trigrams together weigh as much as the word itself.
    const gram = weight / Math.sqrt(chars.length);
    const padded = ['<', ...chars, '>'];
    for (let i = 0; i + 3 <= padded.length; i++) add(`g ${padded[i]}${padded[i + 1]}${padded[i + 2]}`, gram);
  }
  if (words === 0) add(`t ${text}`, 1); // punctuation or blanks only: the text is its own feature
}

/**
 * The unit vector of `text`: its first `size` coordinates of the model's
 * `full`, renormalised, so a shortened vector is the full one truncated and
 * scaled back to unit length.
 */
export function embedText(text: string, base: number, full: number, size: number): Float32Array {
  const sum = new Float64Array(size);
  let mass = 0;
  eachFeature(text, (feature, weight) => {
    mass += weight * weight;
    let state = hashString(feature, base) % 4294967296;
    for (const spread of SPREAD) {
      const [next, r] = mulberry32(state);
      state = next;
      const scaled = r * Math.min(full, spread);
      const at = Math.floor(scaled);
      if (at < size) sum[at]! += scaled - at < 0.5 ? weight : -weight;
    }
  });
  // Scaled by the full vector's expected norm, so it does not depend on `size`.
  const amplitude = NOISE * Math.sqrt((SPREAD.length * mass * 3) / full);
  let state = hashString(text, base) % 4294967296;
  let bits = 0;
  let norm = 0;
  for (let i = 0; i < size; i++) {
    // One draw gives four coordinates' noise, a byte each, uniform in (-1, 1).
    if ((i & 3) === 0) {
      const [next, r] = mulberry32(state);
      state = next;
      bits = r * 4294967296;
    }
    const byte = (bits >>> ((i & 3) * 8)) & 255;
    const value = sum[i]! + amplitude * ((byte + 0.5) / 128 - 1);
    sum[i] = value;
    norm += value * value;
  }
  const scale = 1 / Math.sqrt(norm);
  const vector = new Float32Array(size);
  for (let i = 0; i < size; i++) vector[i] = sum[i]! * scale;
  return vector;
}
