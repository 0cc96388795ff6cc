import type { RE2JS } from 're2js';
import { lazy } from './lazy.js';

type Require = (id: string) => unknown;
interface NodeModule {
  createRequire(from: string): Require;
}
/** Node's `require` (Node >= 20.16, Bun and Deno offer it through `process.getBuiltinModule`); elsewhere undefined. */
function nodeRequire(): Require | undefined {
  const node = (globalThis as { process?: { getBuiltinModule?(id: string): unknown } }).process;
  const mod = node?.getBuiltinModule?.('module') as NodeModule | undefined;
  return mod?.createRequire(import.meta.url);
}

const requireSync = nodeRequire();

/**
 * RE2 (linear-time regexes), for `pattern` keywords and scenario `matches` (~15 ms to
 * load). Where `require` exists it loads at its first use, synchronously, so checking a
 * scenario in `use()` never waits; elsewhere (browsers) it starts loading with this module.
 */
export const re2js = lazy<typeof RE2JS>(
  'RE2',
  async () => (await import('re2js')).RE2JS,
  requireSync && (() => (requireSync('re2js') as { RE2JS: typeof RE2JS }).RE2JS),
);
if (!requireSync) re2js.load().catch(() => {});
