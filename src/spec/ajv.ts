import type { Ajv, ValidateFunction } from 'ajv';
import { lazy } from '../base/lazy.js';
import { Lru } from '../base/lru.js';
import { re2js } from '../base/re2.js';
import { ajvOptions, forCompiling, re2 } from './ajv-options.js';

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
const SCHEMA_CHARS_PER_INSTANCE = 8 * 1024 * 1024;
const CACHED = 500;
/**
 * Schemas whose text is longer than this are compiled each time they come, never cached:
 * a cache keyed by 9 MB texts would hold gigabytes. Every per-schema cache follows this.
 */
export const MAX_CACHED_SCHEMA = 64 * 1024;

const texts = new WeakMap<object, string>();

/**
 * A schema's JSON text, the key of every per-schema cache. One request's schema
 * object goes through validation, the budget, the satisfiability check and
 * generation: it is serialised once, not at each.
 */
export function schemaKey(schema: object): string {
  let text = texts.get(schema);
  if (text === undefined) texts.set(schema, (text = JSON.stringify(schema)));
  return text;
}

/** Per cache, what it made for schemas too long to key by text: kept only while their object lives (one request). */
const byObject = new WeakMap<object, WeakMap<object, unknown>>();

/** `lru.memo` by the schema's text; a schema too long for that is remembered by its object instead, for its own request. */
export function memoSchema<V>(lru: Lru<string, V>, schema: object, key: string, make: () => V): V {
  if (key.length <= MAX_CACHED_SCHEMA) return lru.memo(key, make);
  let made = byObject.get(lru);
  if (!made) byObject.set(lru, (made = new WeakMap()));
  if (!made.has(schema)) made.set(schema, make());
  return made.get(schema) as V;
}

/**
 * Ajv takes ~40 ms to import: only a process that meets a caller's schema loads it
 * (the request schemas are compiled at build time). Compiling before it is loaded
 * throws NeedsLoading, which the pipeline awaits; generation awaits `loadAjv()`.
 */
const ajvClass = lazy<typeof Ajv>('Ajv', async () => (await Promise.all([import('ajv'), re2js.load()]))[0].Ajv);
export const loadAjv = ajvClass.load;

const newAjv = () => new (ajvClass.get())({ ...ajvOptions, code: { regExp: re2 } });

// Made on the first schema to compile, not at import: most processes need only the request schemas, compiled at build time.
let ajv: Ajv | undefined;
let compiledHere = 0;
let charsHere = 0;
/** How many Ajv instances were made (for tests: memory stays bounded only if this keeps turning over). */
export const ajvStats = { instances: 0 };

const cache = new Lru<string, ValidateFunction>(CACHED);

export function compileCached(schema: object, key = schemaKey(schema)): ValidateFunction {
  return memoSchema(cache, schema, key, () => {
    if (!ajv || compiledHere >= SCHEMAS_PER_INSTANCE || charsHere >= SCHEMA_CHARS_PER_INSTANCE) {
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
