import { type AsciiRanks, indexSlots } from './rank-table.js';

/**
 * A rank table's ASCII part with its index, as one binary file (generated/<encoding>.bin, written
 * by `npm run build`), which Node reads where it would parse the part's JS module (~10 ms) and
 * hash its 130,000 tokens into an index (~15-20 ms): a fresh process (every test worker) then
 * gives its first answer ~25 ms sooner. Browsers load the JS module, as before.
 *
 * Layout: a 4-byte little-endian length, a JSON header of that length, padding to 4 bytes,
 * the index (Int32, little-endian), `lengths` and `gaps` (their UTF-16LE code units), `text` (ASCII).
 */
interface Header {
  version: number;
  size: number;
  lengthOffset: number;
  split: string;
  tokens: number;
  slots: number;
  textLength: number;
}

// Changes whenever the layout or the index's hashing does: a file of another version is not read.
const VERSION = 1;
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const align4 = (n: number) => (n + 3) & ~3;
/** Where the index starts (after the length and the header), and the whole file's size. */
const layout = (headerLength: number, h: Header) => {
  const start = align4(4 + headerLength);
  // The index (Int32), lengths and gaps (a UTF-16 code unit each per token), the text (a byte per character).
  return { start, size: start + 4 * h.slots + 4 * h.tokens + h.textLength };
};

export function encodeRankFile(ascii: AsciiRanks & { split: string }): Uint8Array {
  const slots = indexSlots(ascii);
  const header: Header = {
    version: VERSION,
    size: ascii.size,
    lengthOffset: ascii.lengthOffset,
    split: ascii.split,
    tokens: ascii.lengths.length,
    slots: slots.length,
    textLength: ascii.text.length,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const { start, size } = layout(json.length, header);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, json.length, true);
  out.set(json, 4);
  let at = start;
  for (let i = 0; i < slots.length; i++, at += 4) view.setInt32(at, slots[i]!, true);
  for (const codes of [ascii.lengths, ascii.gaps]) for (let i = 0; i < codes.length; i++, at += 2) view.setUint16(at, codes.charCodeAt(i), true);
  for (let i = 0; i < ascii.text.length; i++) out[at++] = ascii.text.charCodeAt(i);
  return out;
}

/**
 * The part and its index, or undefined for a file of another version or size (or a big-endian machine):
 * the caller loads the JS module. RankTable checks that the index finds the part's tokens.
 */
export function decodeRankFile(bytes: Uint8Array): { ascii: AsciiRanks & { split: string }; slots: Int32Array } | undefined {
  if (!littleEndian) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + length))) as Header;
  if (header.version !== VERSION) return undefined;
  const { start, size } = layout(length, header);
  if (bytes.byteLength !== size) return undefined;
  let at = start;
  // A copy (new Uint8Array, not slice: a Buffer's is a view): a view would keep the whole file alive, where the rest is copied into strings.
  const slots = new Int32Array(new Uint8Array(bytes.subarray(at, (at += 4 * header.slots))).buffer);
  const utf16 = new TextDecoder('utf-16le', { ignoreBOM: true, fatal: true });
  const lengths = utf16.decode(bytes.subarray(at, (at += 2 * header.tokens)));
  const gaps = utf16.decode(bytes.subarray(at, (at += 2 * header.tokens)));
  // ASCII only: any single-byte decoding reads it alike.
  const text = new TextDecoder('latin1').decode(bytes.subarray(at, at + header.textLength));
  return { ascii: { text, lengths, gaps, lengthOffset: header.lengthOffset, size: header.size, split: header.split }, slots };
}
