import { hashString } from '../base/hash.js';

/** Identifiers shaped like the real API's. They may differ per call; content never does. */

const ALPHANUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const HEX = '0123456789abcdef';
// Refilled 4 KB at a time: each refill is a call into the system's generator, whose fixed cost outweighs the bytes.
const pool = new Uint8Array(4096);
let poolPos = pool.length;

/** Makes sure the pool holds `n` unused bytes. */
function reserve(n: number): void {
  if (poolPos + n > pool.length) {
    crypto.getRandomValues(pool);
    poolPos = 0;
  }
}

function randomByte(): number {
  reserve(1);
  return pool[poolPos++]!;
}

function randomString(length: number, alphabet: string): string {
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

const HEX_CODES = Uint8Array.from(HEX, (c) => c.charCodeAt(0));
const idCodes = new Uint8Array(128);
/** `idCodes`' first n codes, by n: a view made per id would be garbage per id. */
const idViews: Uint8Array[] = [];
const ascii = new TextDecoder();

/**
 * `prefix` and then `2 * bytes` random hex digits (`resp_67cc...`), made as one flat string:
 * a byte is two digits, and the decoder makes the string in one step where
 * appending would leave a tree of pieces that a kept id keeps alive. At most
 * 128 characters in all.
 */
export function hexId(prefix: string, bytes: number): string {
  reserve(bytes);
  let at = 0;
  for (; at < prefix.length; at++) idCodes[at] = prefix.charCodeAt(at);
  for (let i = 0; i < bytes; i++) {
    const byte = pool[poolPos++]!;
    idCodes[at++] = HEX_CODES[byte >> 4]!;
    idCodes[at++] = HEX_CODES[byte & 15]!;
  }
  return ascii.decode((idViews[at] ??= idCodes.subarray(0, at)));
}

export const completionId = () => `chatcmpl-${randomString(29, ALPHANUM)}`;
export const toolCallId = () => `call_${randomString(24, ALPHANUM)}`;
export const requestId = () => hexId('req_', 16);

/** Stable per model, as the real one is per backend configuration. */
export function systemFingerprint(model: string): string {
  return `fp_${hashString(model).toString(16).padStart(14, '0').slice(-10)}`;
}
