import { hashString } from '../base/hash.js';

/** Identifiers shaped like the real API's. They may differ per call; content never does. */

const ALPHANUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const HEX = '0123456789abcdef';
// Refilled 4 KB at a time: each refill is a call into the system's generator, whose fixed cost outweighs the bytes.
const pool = new Uint8Array(4096);
let poolPos = pool.length;

function randomByte(): number {
  if (poolPos >= pool.length) {
    crypto.getRandomValues(pool);
    poolPos = 0;
  }
  return pool[poolPos++]!;
}

export function randomString(length: number, alphabet: string): string {
  // Character codes made into one flat string: appending a character at a time
  // leaves V8 a tree with a node per character, which a kept id keeps alive.
  const codes: number[] = [];
  // 248 = the largest multiple of 62 below 256, so every character is equally likely.
  const limit = 256 - (256 % alphabet.length);
  while (codes.length < length) {
    const byte = randomByte();
    if (byte < limit) codes.push(alphabet.charCodeAt(byte % alphabet.length));
  }
  return String.fromCharCode(...codes);
}

export const completionId = () => `chatcmpl-${randomString(29, ALPHANUM)}`;
export const toolCallId = () => `call_${randomString(24, ALPHANUM)}`;
export const requestId = () => `req_${randomString(32, HEX)}`;

/** Stable per model, as the real one is per backend configuration. */
export function systemFingerprint(model: string): string {
  return `fp_${hashString(model).toString(16).padStart(14, '0').slice(-10)}`;
}
