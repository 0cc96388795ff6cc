/** Ids shaped like the real API's: a prefix and 50 hex digits (`resp_67cc...`), fresh per response. */
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
// Random bytes drawn in bulk: one getRandomValues call serves many ids.
const pool = new Uint8Array(4096);
let used = pool.length;

export function itemId(prefix: string, bytes = 25): string {
  if (used + bytes > pool.length) {
    crypto.getRandomValues(pool);
    used = 0;
  }
  let out = `${prefix}_`;
  for (const end = used + bytes; used < end; used++) out += HEX[pool[used]!];
  return out;
}
