/** The layers of src/, lowest first; each may import only from those before it. `npm test` checks it. */
const LAYERS = ['base', 'spec', 'scenarios', 'generate', 'endpoints', 'record', 'mock', '(server|msw[^/]*\\.ts|msw)', 'cli'];

const above = (i) => LAYERS.slice(i + 1).map((l) => `^src/${l}`);

module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', comment: 'Layers point one way; so do files within a layer.', from: {}, to: { circular: true } },
    ...LAYERS.slice(0, -1).map((layer, i) => ({
      name: `${layer.replace(/\W/g, '')}-points-down`,
      severity: 'error',
      comment: `src/${layer} may import only from the layers below it: ${LAYERS.slice(0, i).join(', ') || 'none'}.`,
      from: { path: `^src/${layer}` },
      to: { path: above(i) },
    })),
    {
      name: 'runtime-agnostic-core',
      severity: 'error',
      comment:
        'Everything below the Node.js transports runs in browsers too; only the fixtures folder store (loaded on demand) and the scenario file loader (node entry) touch Node.',
      from: { path: '^src/(base|spec|scenarios|generate|endpoints|record|mock)/', pathNot: '^src/(record/folder-store|scenarios/load)\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
  ],
  options: {
    parser: 'swc',
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)' },
  },
};
