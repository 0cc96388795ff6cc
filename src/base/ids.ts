import { hashString } from '../base/hash.js';

/** Identifiers shaped like the real API's. They may differ per call; content never does. */

const ALPHANUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const HEX = '0123456789abcdef';
// Refilled rarely: getRandomValues costs about as much for 4 KB as for 256 bytes, and a response takes ~70.
const pool = new Uint8Array(4096);
let poolPos = pool.length;

function randomByte(): number {
  if (poolPos >= pool.length) {
    crypto.getRandomValues(pool);
    poolPos = 0;
  }
  return pool[poolPos++]!;
}

// Character codes gathered here, then made one string: appending a character at a time makes a string per character.
const codes: number[] = [];

export function randomString(length: number, alphabet: string): string {
  codes.length = 0;
  // 248 = the largest multiple of 62 below 256, so every character is equally likely.
  const limit = 256 - (256 % alphabet.length);
  while (codes.length < length) {
    const byte = randomByte();
    if (byte < limit) codes.push(alphabet.charCodeAt(byte % alphabet.length));
  }
  return String.fromCharCode.apply(null, codes);
}

export const completionId = () => `chatcmpl-${randomString(29, ALPHANUM)}`;
export const toolCallId = () => `call_${randomString(24, ALPHANUM)}`;
export const requestId = () => `req_${randomString(32, HEX)}`;

/** Stable per model, as the real one is per backend configuration. */
export function systemFingerprint(model: string): string {
  return `fp_${hashString(model).toString(16).padStart(14, '0').slice(-10)}`;
}
