// Writes generated/<encoding>.bin: each rank table's ASCII part with its index, which Node
// reads in a few milliseconds where parsing the part's module and indexing it take ~30
// (see src/generate/rank-file.ts). Run by `npm run build` after tsc, with tsc's own
// code, so the index is the one the tokenizer would build.
import { writeFileSync } from 'node:fs';
import { encodeRankFile } from '../dist/generate/rank-file.js';

for (const name of ['o200k_base', 'cl100k_base']) {
  const ascii = await import(`../generated/${name}.js`);
  // A file cut short by an interrupted build is not read (its size is checked), nor one whose index does not find the tokens.
  writeFileSync(new URL(`../generated/${name}.bin`, import.meta.url), encodeRankFile(ascii));
}
