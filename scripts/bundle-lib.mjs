// Bundles the package's entry points (dist/index.js, msw.js, msw-node.js, node.js and the ~90
// modules they import) into dist/lib/, which package.json's exports name: importing the package
// then reads a handful of files instead of resolving, reading and linking each module (~45 ms of
// a fresh process's ~85 ms import, which every test worker pays). Run by `npm run build` after tsc.
// Shared code is one chunk, so every entry sees the same module state. Packages stay external;
// what the entries import on demand (the tokenizer, scenario parsing) becomes chunks loaded on
// demand. Paths computed at run time still point into dist/ (a fixtures folder's store) and
// generated/: the bundle stays two levels deep, as every source file that names one is.
// No banner and no node: imports added: the index and msw entries run in browsers too.
import { readdirSync, rmSync, mkdirSync } from 'node:fs';
import { build } from 'esbuild';

const dist = new URL('../dist/', import.meta.url);
const out = new URL('lib/', dist);
mkdirSync(out, { recursive: true });
for (const file of readdirSync(out)) rmSync(new URL(file, out));

const entry = (name) => new URL(`${name}.js`, dist).pathname;
await build({
  entryPoints: { index: entry('index'), msw: entry('msw'), 'msw-node': entry('msw-node'), node: entry('node') },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  external: ['../../generated/*'],
  plugins: [{ name: 'packages-external', setup: (b) => b.onResolve({ filter: /^[^./]/ }, ({ path }) => ({ path, external: true })) }],
  outdir: out.pathname,
  chunkNames: '[name]-[hash]',
  // Maps back to src/ through tsc's own maps.
  sourcemap: true,
  logLevel: 'error',
});
