import { Ajv, type ValidateFunction } from 'ajv';

/**
 * One shared Ajv instance. Schemas are compiled once and cached by their
 * serialised form, so a caller's JSON schema sent with every request is
 * compiled on its first use only.
 */
const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false, verbose: true });
const cache = new Map<string, ValidateFunction>();
const CACHE_LIMIT = 500;

export function compileCached(schema: object, key = JSON.stringify(schema)): ValidateFunction {
  let validate = cache.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(key, validate);
  }
  return validate;
}
