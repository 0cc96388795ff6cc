import type { Options } from 'ajv';
import type { RegExpEngine } from 'ajv/dist/types/index.js';
import { RE2JS } from 're2js';

/** `pattern` keywords run on RE2 (linear time): a caller's regex cannot freeze validation. */
export const re2: RegExpEngine = Object.assign(
  (pattern: string) => {
    const re = RE2JS.compile(pattern);
    // Ajv shares compiled patterns by this text.
    return { test: (text: string) => re.matcher(text).find(), toString: () => `re2:${pattern}` };
  },
  { code: 're2js' },
);

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
