/**
 * Seeded randomness. Every generator gets its own PRNG derived from a hash of
 * the conversation, so output never depends on call order or global state.
 */
import { hashString } from '../base/hash.js';

/** Derive a 32-bit seed for a named purpose ("choice:2", "tool-args") from a base seed. */
export function deriveSeed(base: number, purpose: string | number): number {
  return hashString(String(purpose), base % 0x7fffffff) % 0x7fffffff;
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

/** mulberry32's output for a state already advanced by `MULBERRY_STEP`: a uniform number in [0, 1). */
function mulberry32Output(state: number): number {
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** How mulberry32 advances its state. */
const MULBERRY_STEP = 0x6d2b79f5;

/** One mulberry32 step: returns the next state and a uniform number in [0, 1). */
export function mulberry32(state: number): [number, number] {
  const next = (state + MULBERRY_STEP) >>> 0;
  return [next, mulberry32Output(next)];
}

/** mulberry32: tiny, fast and good enough for test data. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  // No tuple allocated per number.
  const next = (): number => mulberry32Output((state = (state + MULBERRY_STEP) >>> 0));
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
  };
}
