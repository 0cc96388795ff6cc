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
 * The same engine, compiling each pattern at its first test: the build-time request
 * validators make their patterns when they load, and most requests test none.
 */
export const re2AtFirstTest: RegExpEngine = Object.assign(
  (pattern: string, flags: string) => {
    let re: ReturnType<RegExpEngine> | undefined;
    return { test: (text: string) => (re ??= re2(pattern, flags)).test(text) };
  },
  { code: re2.code },
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
