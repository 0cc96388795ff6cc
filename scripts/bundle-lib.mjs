// Bundles the package's entry points (dist/index.js, msw.js, msw-node.js, node.js and the ~90
// modules they import) into dist/lib/, which package.json's exports name: importing the package
// then reads a handful of files instead of resolving, reading and linking each module (see the
// README's Performance). Run by `npm run build` after tsc. Shared code is one chunk, so every
// entry sees the same state. Packages stay external and so do the tokenizer tables (generated/);
// scenario parsing becomes a chunk loaded on demand. The fixtures folder store stays tsc's
// module, dist/record/folder-store.js: a fixtures option loads it by a path computed at run time,
// and completions-mock/node imports that same module, so a process holds one copy of it. The
// bundles stay two levels deep, as every source file that names a path (generated/, dist/record/) is.
// No banner and no node: imports added: the index and msw entries run in browsers too.
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const dist = new URL('../dist/', import.meta.url);
const out = new URL('lib/', dist);
if (existsSync(new URL('../src/lib', import.meta.url))) throw new Error('src/lib/ would be written to dist/lib/, where the bundles go: name it otherwise');
mkdirSync(out, { recursive: true });
for (const file of readdirSync(out)) rmSync(new URL(file, out));

const folderStore = fileURLToPath(new URL('record/folder-store.js', dist));
const entry = (name) => fileURLToPath(new URL(`${name}.js`, dist));
await build({
  entryPoints: { index: entry('index'), msw: entry('msw'), 'msw-node': entry('msw-node'), node: entry('node') },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  external: ['../../generated/*'],
  plugins: [
    {
      name: 'external',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, ({ path }) => ({ path, external: true }));
        b.onResolve({ filter: /folder-store\.js$/ }, ({ path, resolveDir }) =>
          resolve(resolveDir, path) === folderStore ? { path: '../record/folder-store.js', external: true } : undefined,
        );
      },
    },
  ],
  outdir: fileURLToPath(out),
  chunkNames: '[name]-[hash]',
  // Maps back to src/ through tsc's own maps; src/ ships, so the maps need not carry it.
  sourcemap: true,
  sourcesContent: false,
  logLevel: 'error',
});
