/**
 * Structured outputs with `strict: true` accept a subset of JSON Schema: every
 * object closes its properties and requires all of them. The real API rejects
 * other schemas with these messages; so does the mock.
 */

type Schema = Record<string, unknown>;

const SUBSCHEMA_LISTS = ['anyOf', 'allOf', 'oneOf', 'prefixItems'];
const SUBSCHEMA_MAPS = ['properties', '$defs', 'definitions'];

function context(path: string[]): string {
  return `(${path.map((p) => `'${p}'`).join(', ')}${path.length === 1 ? ',' : ''})`;
}

/** The first strict-mode violation, worded as the API does, or undefined. */
export function strictSchemaProblem(schema: unknown, path: string[] = []): string | undefined {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return undefined;
  const node = schema as Schema;
  const isObject = node.type === 'object' || (Array.isArray(node.type) && node.type.includes('object')) || 'properties' in node;
  if (isObject && !('$ref' in node)) {
    if (node.additionalProperties !== false) {
      return `In context=${context(path)}, 'additionalProperties' is required to be supplied and to be false.`;
    }
    const keys = Object.keys((node.properties as Schema | undefined) ?? {});
    const required = Array.isArray(node.required) ? (node.required as string[]) : [];
    const missing = keys.find((key) => !required.includes(key));
    if (missing !== undefined) {
      return `In context=${context(path)}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.`;
    }
  }
  for (const key of SUBSCHEMA_MAPS) {
    for (const [name, sub] of Object.entries((node[key] as Schema | undefined) ?? {})) {
      const problem = strictSchemaProblem(sub, [...path, key, name]);
      if (problem) return problem;
    }
  }
  for (const key of SUBSCHEMA_LISTS) {
    const list = node[key];
    if (!Array.isArray(list)) continue;
    for (const [i, sub] of list.entries()) {
      const problem = strictSchemaProblem(sub, [...path, key, String(i)]);
      if (problem) return problem;
    }
  }
  if (node.items && typeof node.items === 'object') return strictSchemaProblem(node.items, [...path, 'items']);
  return undefined;
}
