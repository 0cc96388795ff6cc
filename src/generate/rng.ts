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

// cyrb53's state while hashStable walks a value (synchronous, so module state is safe).
let h1 = 0;
let h2 = 0;
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

function mixText(text: string): void {
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
}

function mixChar(ch: number): void {
  h1 = Math.imul(h1 ^ ch, 2654435761);
  h2 = Math.imul(h2 ^ ch, 1597334677);
}

function mixString(text: string): void {
  if (ESCAPED.test(text)) return mixText(JSON.stringify(text));
  mixChar(34);
  mixText(text);
  mixChar(34);
}

function mixStable(value: unknown): void {
  if (typeof value === 'string') return mixString(value);
  if (value === null || typeof value !== 'object') return mixText(value === undefined ? 'null' : String(JSON.stringify(value)));
  if (Array.isArray(value)) {
    mixChar(91);
    for (let i = 0; i < value.length; i++) {
      if (i > 0) mixChar(44);
      mixStable(value[i]);
    }
    return mixChar(93);
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  mixChar(123);
  let first = true;
  for (const key of keys) {
    if (obj[key] === undefined) continue;
    if (!first) mixChar(44);
    mixString(key);
    mixChar(58);
    mixStable(obj[key]);
    first = false;
  }
  mixChar(125);
}

/**
 * `hashString(stableStringify(value), seed)` without building the string: the
 * conversation is hashed on every request.
 */
export function hashStable(value: unknown, seed = 0): number {
  h1 = 0xdeadbeef ^ seed;
  h2 = 0x41c6ce57 ^ seed;
  mixStable(value);
  let a = h1;
  let b = h2;
  a = Math.imul(a ^ (a >>> 16), 2246822507) ^ Math.imul(b ^ (b >>> 13), 3266489909);
  b = Math.imul(b ^ (b >>> 16), 2246822507) ^ Math.imul(a ^ (a >>> 13), 3266489909);
  return 4294967296 * (2097151 & b) + (a >>> 0);
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
  // mulberry32's step inlined: no tuple allocated per number.
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
  };
}
