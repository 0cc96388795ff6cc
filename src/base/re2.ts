import type { RE2JS } from 're2js';
import { lazy } from './lazy.js';
import { nodeRequire } from './node-require.js';

const requireSync = nodeRequire(import.meta.url);

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
