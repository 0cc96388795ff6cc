/** Ids shaped like the real API's: a prefix and 50 hex digits (`resp_67cc...`), fresh per response. */
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const bytes = new Uint8Array(25);

export function itemId(prefix: 'resp' | 'msg' | 'fc' | 'rs'): string {
  crypto.getRandomValues(bytes);
  let out = `${prefix}_`;
  for (const byte of bytes) out += HEX[byte];
  return out;
}
