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

const HEX_CODES = Uint8Array.from(HEX, (c) => c.charCodeAt(0));
const ALPHANUM_CODES = Uint8Array.from(ALPHANUM, (c) => c.charCodeAt(0));
const idCodes = new Uint8Array(128);
/** `idCodes`' first n codes, by n: a view made per id would be garbage per id. */
const idViews: Uint8Array[] = [];
const ascii = new TextDecoder();

/** `prefix` and the id's characters (`idCodes` up to `at`), as one flat string (see hexId). */
function idString(at: number): string {
  return ascii.decode((idViews[at] ??= idCodes.subarray(0, at)));
}

function writePrefix(prefix: string): number {
  for (let at = 0; at < prefix.length; at++) idCodes[at] = prefix.charCodeAt(at);
  return prefix.length;
}

/** `prefix` and then `length` random letters and digits, as one flat string (see hexId). */
function alphanumId(prefix: string, length: number): string {
  let at = writePrefix(prefix);
  const end = at + length;
  // 248 = the largest multiple of 62 below 256, so every character is equally likely.
  const limit = 256 - (256 % ALPHANUM_CODES.length);
  while (at < end) {
    reserve(1);
    const byte = pool[poolPos++]!;
    if (byte < limit) idCodes[at++] = ALPHANUM_CODES[byte % ALPHANUM_CODES.length]!;
  }
  return idString(at);
}

/**
 * `prefix` and then `2 * bytes` random hex digits (`resp_67cc...`), made as one flat string:
 * a byte is two digits, and the decoder makes the string in one step where
 * appending would leave a tree of pieces that a kept id keeps alive. At most
 * 128 characters in all.
 */
export function hexId(prefix: string, bytes: number): string {
  reserve(bytes);
  let at = writePrefix(prefix);
  for (let i = 0; i < bytes; i++) {
    const byte = pool[poolPos++]!;
    idCodes[at++] = HEX_CODES[byte >> 4]!;
    idCodes[at++] = HEX_CODES[byte & 15]!;
  }
  return idString(at);
}

export const completionId = () => alphanumId('chatcmpl-', 29);
export const toolCallId = () => alphanumId('call_', 24);
export const requestId = () => hexId('req_', 16);

/** Stable per model, as the real one is per backend configuration. */
export function systemFingerprint(model: string): string {
  return `fp_${hashString(model).toString(16).padStart(14, '0').slice(-10)}`;
}
