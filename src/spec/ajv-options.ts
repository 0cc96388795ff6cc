import type { Options } from 'ajv';
import type { RegExpEngine } from 'ajv/dist/types/index.js';
import { re2js } from '../base/re2.js';

/** `pattern` keywords run on RE2 (linear time): a caller's regex cannot freeze validation. Load `re2js` first. */
export const re2: RegExpEngine = Object.assign(
  (pattern: string) => {
    const re = re2js.get().compile(pattern);
    // Ajv shares compiled patterns by this text.
    return { test: (text: string) => re.matcher(text).find(), toString: () => `re2:${pattern}` };
  },
  { code: 're2js' },
);

/**
 * The engine of the request schemas compiled at build time. Their patterns are the mock's own
 * (OWN_PATTERNS: a function name's), linear on any input, so they run on the platform's RegExp:
 * a test on RE2 from JS cost ~5 µs of every request with tools. Each is compiled at its first
 * test (most requests test none); any other pattern goes to RE2, as callers' patterns do.
 */
export const ownPatterns: RegExpEngine = Object.assign(
  (pattern: string, flags: string) => {
    let re: { test(text: string): boolean } | undefined;
    const make = () => (OWN_PATTERNS.includes(pattern) ? new RegExp(pattern, flags) : re2(pattern, flags));
    return { test: (text: string) => (re ??= make()).test(text) };
  },
  { code: re2.code },
);

/** The patterns of the request schemas, each checked to match in linear time on a backtracking engine (test/request-validators.test.ts). */
export const OWN_PATTERNS: readonly string[] = ['^[a-zA-Z0-9_-]{1,64}$'];

/**
 * Ajv's options, shared by the instances that compile callers' schemas and by
 * scripts/build-validators.mjs, which compiles the request schemas at build time.
 */
export const ajvOptions = { strict: false, allErrors: false, validateFormats: false, verbose: true } as const satisfies Options;

/**
 * `$schema` names a draft, which the API does not care about (Ajv refuses ones it
 * lacks); a root `$id` would claim a name in the shared instance.
 */
export function forCompiling(schema: object): object {
  if (!('$schema' in schema) && !('$id' in schema)) return schema;
  const { $schema: _draft, $id: _id, ...rest } = schema as Record<string, unknown>;
  return rest;
}
