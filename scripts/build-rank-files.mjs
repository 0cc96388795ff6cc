// Writes generated/<encoding>.bin: each rank table's ASCII part with its index, which Node
// reads in a few milliseconds where parsing the part's module and indexing it take ~30
// (see src/generate/rank-file.ts). Run by `npm run build` after tsc, with tsc's own
// code, so the index is the one the tokenizer would build.
import { writeFileSync, renameSync } from 'node:fs';
import { encodeRankFile } from '../dist/generate/rank-file.js';

for (const name of ['o200k_base', 'cl100k_base']) {
  const ascii = await import(`../generated/${name}.js`);
  const file = new URL(`../generated/${name}.bin`, import.meta.url);
  const temporary = new URL(`../generated/${name}.bin.tmp`, import.meta.url);
  writeFileSync(temporary, encodeRankFile(ascii));
  renameSync(temporary, file);
}
