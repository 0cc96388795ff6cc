/**
 * Seeded randomness. Every generator gets its own PRNG derived from a hash of
 * the conversation, so output never depends on call order or global state.
 */

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` hash alike. */
export function stableStringify(value: unknown): string {
  return appendStable('', value);
}

/** One string built by appending (no array per object or list): it runs on every request. */
function appendStable(out: string, value: unknown): string {
  if (value === null || typeof value !== 'object') return out + (value === undefined ? 'null' : JSON.stringify(value));
  if (Array.isArray(value)) {
    out += '[';
    for (let i = 0; i < value.length; i++) out = appendStable(i === 0 ? out : `${out},`, value[i]);
    return `${out}]`;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  out += '{';
  let first = true;
  for (const key of keys) {
    if (obj[key] === undefined) continue;
    out = appendStable(`${out}${first ? '' : ','}${JSON.stringify(key)}:`, obj[key]);
    first = false;
  }
  return `${out}}`;
}

/** cyrb53: a fast, well-distributed 53-bit string hash. */
export function hashString(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

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

/** One mulberry32 step: returns the next state and a uniform number in [0, 1). */
export function mulberry32(state: number): [number, number] {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [next, ((t ^ (t >>> 14)) >>> 0) / 4294967296];
}

/** mulberry32: tiny, fast and good enough for test data. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    const [nextState, value] = mulberry32(state);
    state = nextState;
    return value;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
  };
}
