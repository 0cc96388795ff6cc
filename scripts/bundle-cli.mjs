// Bundles the CLI (dist/cli/main.js and the ~100 modules it imports) into
// dist/cli/bundle.js and a few chunks beside it, which bin/completions-mock.js runs:
// `completions-mock serve` then starts without resolving and linking each module
// (~50 ms of its start-up). Run by `npm run build` after tsc. Packages stay external but
// commander, which every start loads (~20 ms as its own CommonJS files); what the CLI
// imports on demand (the tokenizer, scenario loading) becomes chunks loaded on demand. Paths computed at run time still point into dist/: the bundle stays two
// levels deep (dist/cli/), as every source file that names one (generated/, package.json) is.
import { readdirSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const out = new URL('../dist/cli/', import.meta.url);
const PREFIX = 'bundle';
for (const file of readdirSync(out)) if (file.startsWith(PREFIX)) rmSync(new URL(file, out));

const externalButCommander = ({ path }) => (path === 'commander' || path.startsWith('commander/') ? undefined : { path, external: true });

await build({
  entryPoints: { bundle: new URL('main.js', out).pathname },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['../../generated/*'],
  plugins: [{ name: 'packages-but-commander', setup: (b) => b.onResolve({ filter: /^[^./]/ }, externalButCommander) }],
  // commander's CommonJS calls require() for Node's own modules.
  banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
  outdir: out.pathname,
  chunkNames: `${PREFIX}-[name]-[hash]`,
  // Maps back to src/ through tsc's own maps.
  sourcemap: true,
  logLevel: 'error',
});
