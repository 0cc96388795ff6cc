import { Ajv, type ValidateFunction } from 'ajv';
import type { RegExpEngine } from 'ajv/dist/types/index.js';
import { RE2JS } from 're2js';
import { Lru } from '../base/lru.js';

/**
 * Callers' schemas are compiled on first use and cached by their text. An Ajv
 * instance keeps something of every schema it ever compiled (its code scope
 * grows even after `removeSchema`), so each instance compiles a bounded number
 * of schemas and is then replaced: once the cache has evicted every validator
 * of an old instance, nothing holds it and it is collected. Memory stays flat
 * however many distinct schemas arrive.
 */
export const SCHEMAS_PER_INSTANCE = 100;
/** ...and at most this many characters of schema text: a few huge schemas fill an instance too. */
export const SCHEMA_CHARS_PER_INSTANCE = 8 * 1024 * 1024;
const CACHED = 500;
/**
 * Schemas whose text is longer than this are compiled each time they come, never cached:
 * a cache keyed by 9 MB texts would hold gigabytes. Every per-schema cache follows this.
 */
export const MAX_CACHED_SCHEMA = 64 * 1024;

/** `lru.memo`, except for keys too long to keep. */
export function memoSchema<V>(lru: Lru<string, V>, key: string, make: () => V): V {
  return key.length > MAX_CACHED_SCHEMA ? make() : lru.memo(key, make);
}

/** `pattern` keywords run on RE2 (linear time): a caller's regex cannot freeze validation. */
const re2: RegExpEngine = Object.assign(
  (pattern: string) => {
    const re = RE2JS.compile(pattern);
    // Ajv shares compiled patterns by this text.
    return { test: (text: string) => re.matcher(text).find(), toString: () => `re2:${pattern}` };
  },
  { code: 're2js' },
);

const newAjv = () => new Ajv({ strict: false, allErrors: false, validateFormats: false, verbose: true, code: { regExp: re2 } });

let ajv = newAjv();
let compiledHere = 0;
let charsHere = 0;
/** How many Ajv instances were made (for tests: memory stays bounded only if this keeps turning over). */
export const ajvStats = { instances: 1 };

const cache = new Lru<string, ValidateFunction>(CACHED);

/**
 * `$schema` names a draft, which the API does not care about (Ajv refuses ones it
 * lacks); a root `$id` would claim a name in the shared instance.
 */
function forCompiling(schema: object): object {
  if (!('$schema' in schema) && !('$id' in schema)) return schema;
  const { $schema: _draft, $id: _id, ...rest } = schema as Record<string, unknown>;
  return rest;
}

export function compileCached(schema: object, key = JSON.stringify(schema)): ValidateFunction {
  return memoSchema(cache, key, () => {
    if (compiledHere >= SCHEMAS_PER_INSTANCE || charsHere >= SCHEMA_CHARS_PER_INSTANCE) {
      ajv = newAjv();
      compiledHere = 0;
      charsHere = 0;
      ajvStats.instances++;
    }
    compiledHere++;
    charsHere += key.length;
    const compiled = forCompiling(schema);
    const validate = ajv.compile(compiled);
    // The instance's own map of compiled schemas is not needed again: the cache above holds the function.
    ajv.removeSchema(compiled);
    return validate;
  });
}
