/** Stable hashing of JSON values: the identity of conversations, fixtures and ids. */

/**
 * An object's keys in `sort()` order (UTF-16 code units), by insertion sort: objects
 * here have a handful of keys, and Array.prototype.sort allocates work arrays
 * per call that cost more than the sorting (it runs for every object of every request).
 */
function sortedKeys(obj: object): string[] {
  const keys = Object.keys(obj);
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    for (; j >= 0 && keys[j]! > key; j--) keys[j + 1] = keys[j]!;
    keys[j + 1] = key;
  }
  return keys;
}

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
  const keys = sortedKeys(obj);
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

/** A string as its JSON text: in place, in one pass, unless a character needs escaping (then the escaped text is mixed instead). */
function mixString(text: string): void {
  const a = h1;
  const b = h2;
  mixChar(34);
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch < 0x20 || ch === 34 || ch === 92 || (ch >= 0xd800 && ch <= 0xdfff)) {
      h1 = a;
      h2 = b;
      return mixText(JSON.stringify(text));
    }
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
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
  const keys = sortedKeys(obj);
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
