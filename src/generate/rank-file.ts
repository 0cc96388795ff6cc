import { type AsciiRanks, type PrebuiltPart, prebuiltPart } from './rank-table.js';

/**
 * A rank table's ASCII part as the tokenizer holds it (its token offsets, ranks and index), in one
 * binary file (generated/<encoding>.bin, written by `npm run build`), which Node reads where it
 * would parse the part's JS module (~10 ms), hash its 130,000 tokens into an index (~15-20 ms)
 * and walk them for their offsets and ranks (~7-9 ms). Browsers load the JS module, as before.
 *
 * Layout: a 4-byte little-endian length, a JSON header of that length, padding to 4 bytes, then
 * Int32 little-endian: the index (`slots`), `offsets` (tokens + 1), `ranks` (tokens); then `text` (ASCII).
 */
interface Header {
  version: number;
  size: number;
  split: string;
  tokens: number;
  slots: number;
  textLength: number;
  maxLength: number;
}

// Changes whenever the layout or the index's hashing does: a file of another version is not read.
const VERSION = 2;
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const align4 = (n: number) => (n + 3) & ~3;
/** Where the arrays start (after the length and the header), and the whole file's size. */
const layout = (headerLength: number, h: Header) => {
  const start = align4(4 + headerLength);
  return { start, size: start + 4 * (h.slots + 2 * h.tokens + 1) + h.textLength };
};

export function encodeRankFile(ascii: AsciiRanks & { split: string }): Uint8Array {
  const part = prebuiltPart(ascii);
  const header: Header = {
    version: VERSION,
    size: ascii.size,
    split: ascii.split,
    tokens: part.ranks.length,
    slots: part.slots.length,
    textLength: part.text.length,
    maxLength: part.maxLength,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const { start, size } = layout(json.length, header);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, json.length, true);
  out.set(json, 4);
  let at = start;
  for (const array of [part.slots, part.offsets, part.ranks]) for (let i = 0; i < array.length; i++, at += 4) view.setInt32(at, array[i]!, true);
  for (let i = 0; i < part.text.length; i++) out[at++] = part.text.charCodeAt(i);
  return out;
}

/**
 * The part, or undefined for a file of another version or size (or a big-endian machine): the
 * caller loads the JS module. RankTable checks that the part fits its text and that its index
 * finds its tokens.
 */
export function decodeRankFile(bytes: Uint8Array): (PrebuiltPart & { size: number; split: string }) | undefined {
  if (!littleEndian) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + length))) as Header;
  if (header.version !== VERSION) return undefined;
  const { start, size } = layout(length, header);
  if (bytes.byteLength !== size) return undefined;
  let at = start;
  // Copies (new Uint8Array, not slice: a Buffer's is a view): a view would keep the whole file alive.
  const int32s = (count: number) => new Int32Array(new Uint8Array(bytes.subarray(at, (at += 4 * count))).buffer);
  const slots = int32s(header.slots);
  const offsets = int32s(header.tokens + 1);
  const ranks = int32s(header.tokens);
  // ASCII only: any single-byte decoding reads it alike.
  const text = new TextDecoder('latin1').decode(bytes.subarray(at, at + header.textLength));
  return { text, offsets, ranks, slots, maxLength: header.maxLength, size: header.size, split: header.split };
}
