import type { RE2JS } from 're2js';
import { lazy } from './lazy.js';

/** RE2 (linear-time regexes), for `pattern` keywords and scenario `matches`: loaded only by a process that meets one (~15 ms). */
export const re2js = lazy<typeof RE2JS>('RE2', async () => (await import('re2js')).RE2JS);
