import { Ajv, type ValidateFunction } from 'ajv';
import { Lru } from '../base/lru.js';

/**
 * One Ajv instance for the request schema and callers' schemas. A caller's
 * schema is compiled on first use, cached by its text, and removed from Ajv
 * when evicted, so memory stays bounded however many schemas arrive.
 * `addUsedSchema: false` keeps a caller's `$id` from claiming a global name.
 */
const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false, verbose: true, addUsedSchema: false });
const cache = new Lru<string, { schema: object; validate: ValidateFunction }>(500, ({ schema }) => ajv.removeSchema(schema));

/** `$schema` names a draft, which the API does not care about; Ajv would refuse ones it lacks. */
function withoutDraft(schema: object): object {
  if (!('$schema' in schema)) return schema;
  const { $schema: _draft, ...rest } = schema as Record<string, unknown>;
  return rest;
}

export function compileCached(schema: object, key = JSON.stringify(schema)): ValidateFunction {
  return cache.memo(key, () => {
    const compiled = withoutDraft(schema);
    return { schema: compiled, validate: ajv.compile(compiled) };
  }).validate;
}
