import { GENERATED } from '../spec/schema-limits.js';
import { jsfGenerate } from './faker.js';

/**
 * The caller's schema as json-schema-faker is given it: its own keywords
 * dropped, upper bounds clamped, realistic `faker` hints on strings, names for
 * properties that only patterns describe, exact answers for bounds past 2^53,
 * and the redraw loops that multiply work taken out. Validation always uses
 * the caller's schema as it came.
 */

type Schema = Record<string, unknown>;

const NAME_HINTS: Array<[RegExp, string]> = [
  [/^e?-?mail(address)?$|email/i, 'internet.email'],
  [/^(first_?name|given_?name)$/i, 'person.firstName'],
  [/^(last_?name|family_?name|surname)$/i, 'person.lastName'],
  [/^(full_?name|name|author|person|customer|user_?name_?full)$/i, 'person.fullName'],
  [/user_?name|login|handle/i, 'internet.username'],
  [/^(city|town)$/i, 'location.city'],
  [/^country$/i, 'location.country'],
  [/^(address|street|street_?address)$/i, 'location.streetAddress'],
  [/^(zip|zip_?code|postal_?code|postcode)$/i, 'location.zipCode'],
  [/^(state|region|province)$/i, 'location.state'],
  [/phone|mobile/i, 'phone.number'],
  [/^(url|uri|link|website|homepage|href)$/i, 'internet.url'],
  [/^(company|organization|organisation|employer)$/i, 'company.name'],
  [/^(title|headline|subject)$/i, 'hacker.phrase'],
  [/^(description|summary|text|content|message|comment|bio|reason|answer|explanation)$/i, 'hacker.phrase'],
  [/^(color|colour)$/i, 'color.human'],
  [/^(job|job_?title|role|occupation)$/i, 'person.jobTitle'],
  [/^(product|product_?name|item)$/i, 'commerce.productName'],
  [/^(currency)$/i, 'finance.currencyCode'],
];

const FREE_STRING_KEYS = ['format', 'pattern', 'enum', 'const', 'minLength', 'maxLength'];

/**
 * json-schema-faker reads these keywords as instructions (call Faker by name,
 * fill a template, follow a JSON path); in a caller's schema they are only
 * annotations, so they are dropped before generating. `x-*` keys too.
 */
const GENERATOR_KEYWORDS = new Set([
  'faker',
  'chance',
  'casual',
  'jsonPath',
  'template',
  'autoIncrement',
  'initialOffset',
  'generate',
  'default',
  'examples',
  'example',
]);

/** Keywords whose value is one subschema, a list of them, or a map of them. */
const ONE = new Set([
  'items',
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'additionalItems',
  'unevaluatedItems',
  'unevaluatedProperties',
]);
const LIST = new Set(['anyOf', 'oneOf', 'allOf', 'prefixItems']);
const MAP = new Set(['properties', '$defs', 'definitions', 'patternProperties', 'dependentSchemas']);

function isFreeString(schema: Schema): boolean {
  const type = schema.type;
  const isString = type === 'string' || (Array.isArray(type) && type.includes('string') && type.length <= 2);
  return isString && !FREE_STRING_KEYS.some((key) => key in schema);
}

/** A string with only length bounds: fast readable text of that length (json-schema-faker builds it a character at a time). */
function isLengthString(schema: Schema): boolean {
  return schema.type === 'string' && ('minLength' in schema || 'maxLength' in schema) && !['format', 'pattern', 'enum', 'const'].some((key) => key in schema);
}

function clampMaximum(schema: Schema, max: string, min: string, limit: number): void {
  const value = schema[max];
  if (typeof value === 'number' && value > limit) schema[max] = Math.max(limit, typeof schema[min] === 'number' ? (schema[min] as number) : 0);
}

/** The next double above `x` (for an exclusive bound). */
function nextUp(x: number, direction: 1 | -1): number {
  if (x === 0) return direction * Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  view.setBigUint64(0, x > 0 === direction > 0 ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}

const SAFE = 2 ** 53;

/**
 * Bounds past 2^53 (or near a double's range) cannot be drawn from exactly:
 * the bound itself (or its nearest double inside) is the answer.
 */
function hugeBoundValue(schema: Schema): number | undefined {
  if (schema.type !== 'integer' && schema.type !== 'number') return undefined;
  const bounds = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'].map((key) => schema[key]);
  if (!bounds.some((b) => typeof b === 'number' && Math.abs(b) >= SAFE)) return undefined;
  const { minimum, exclusiveMinimum, maximum, exclusiveMaximum } = schema as Record<string, number | undefined>;
  const candidates = [
    minimum,
    exclusiveMinimum === undefined ? undefined : nextUp(exclusiveMinimum, 1),
    maximum,
    exclusiveMaximum === undefined ? undefined : nextUp(exclusiveMaximum, -1),
  ];
  const inRange = (v: number) =>
    (minimum === undefined || v >= minimum) &&
    (maximum === undefined || v <= maximum) &&
    (exclusiveMinimum === undefined || v > exclusiveMinimum) &&
    (exclusiveMaximum === undefined || v < exclusiveMaximum) &&
    (schema.type === 'number' || Number.isInteger(v)) &&
    Number.isFinite(v);
  return candidates.find((v): v is number => v !== undefined && inRange(v));
}

/** Keywords whose generated size or work the estimate of generation-budget.ts can misjudge (merges, choices, recursion, redraws). */
const COMPOSITION = new Set(['$ref', 'allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'dependentSchemas', 'dependencies', 'contains', 'uniqueItems']);

export function hasComposition(schema: unknown): boolean {
  const stack = [schema];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    if (!Array.isArray(node) && Object.keys(node).some((key) => COMPOSITION.has(key))) return true;
    for (const value of Object.values(node)) if (value && typeof value === 'object') stack.push(value);
  }
  return false;
}

/** How many distinct values a leaf schema has, as far as it says (const, enum, boolean, null). */
function domainSize(schema: Schema): number {
  if ('const' in schema) return 1;
  if (Array.isArray(schema.enum)) return schema.enum.length;
  if (schema.type === 'boolean') return 2;
  if (schema.type === 'null') return 1;
  return Infinity;
}

/** How many items json-schema-faker makes for an array (clamped as withHints clamps). */
function itemCount(schema: Schema): number {
  const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
  return Math.max(min, typeof schema.maxItems === 'number' ? schema.maxItems : 3);
}

/** A schema of one plain value (no object, array, composition or reference), cheap to draw again. */
function isLeaf(schema: unknown): boolean {
  if (!schema || typeof schema !== 'object') return false;
  const node = schema as Schema;
  const types = ([] as unknown[]).concat(node.type ?? []);
  if (types.includes('object') || types.includes('array')) return false;
  return !['properties', 'items', 'prefixItems', 'anyOf', 'oneOf', 'allOf', '$ref', 'not', 'if', 'additionalProperties'].some((key) => key in node);
}

/** Strings matching a name schema (a pattern), drawn by the generator itself: a few distinct ones. */
function namesFor(nameSchema: unknown, count: number, taken: Set<string>): string[] {
  const names: string[] = [];
  for (let seed = 1; names.length < count && seed <= count * 4 + 4; seed++) {
    try {
      const name = jsfGenerate({ type: 'string', ...(nameSchema as Schema) } as never, { seed, maxDepth: 2 });
      if (typeof name === 'string' && !taken.has(name)) {
        taken.add(name);
        names.push(name);
      }
    } catch {
      break;
    }
  }
  return names;
}

/**
 * json-schema-faker names extra properties `prop123`, which `propertyNames`
 * or `patternProperties` with `additionalProperties: false` refuse: such
 * objects get declared properties with names drawn from the patterns instead.
 */
function nameExtraProperties(out: Schema): void {
  const patterns = out.patternProperties && typeof out.patternProperties === 'object' ? Object.entries(out.patternProperties as Schema) : [];
  const names = out.propertyNames && typeof out.propertyNames === 'object' ? (out.propertyNames as Schema) : undefined;
  if (patterns.length === 0 && !names) return;
  const properties: Schema = { ...((out.properties as Schema | undefined) ?? {}) };
  const taken = new Set(Object.keys(properties));
  const required = new Set(Array.isArray(out.required) ? (out.required as string[]) : []);
  const wanted = typeof out.minProperties === 'number' ? out.minProperties : 0;
  for (const [pattern, sub] of patterns) {
    if (taken.size >= Math.max(wanted, 1) && out.additionalProperties !== false) break;
    for (const name of namesFor({ pattern, ...(names ?? {}) }, 1, taken)) {
      properties[name] = sub;
      required.add(name);
    }
  }
  if (names && taken.size < wanted) {
    const value = out.additionalProperties && typeof out.additionalProperties === 'object' ? out.additionalProperties : {};
    for (const name of namesFor(names, wanted - taken.size, taken)) {
      properties[name] = value;
      required.add(name);
    }
  }
  out.properties = properties;
  out.required = [...required];
  delete out.propertyNames;
  delete out.patternProperties;
}

/** Copies the schema for the generator: annotations dropped, bounds clamped, `faker` hints on unconstrained strings. */
export function withHints(schema: unknown, name?: string): unknown {
  if (Array.isArray(schema)) return schema.map((s) => withHints(s));
  if (!schema || typeof schema !== 'object') return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema as Schema)) {
    if (GENERATOR_KEYWORDS.has(key) || key.startsWith('x-')) continue;
    if (MAP.has(key) && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value as Schema).map(([prop, sub]) => [prop, withHints(sub, key === 'properties' ? prop : undefined)]));
    } else if (ONE.has(key) || LIST.has(key)) {
      out[key] = withHints(value, key === 'items' ? name : undefined);
    } else {
      out[key] = value;
    }
  }
  // Upper bounds only shape what is generated; json-schema-faker would build a
  // string or array of the full maximum before cutting it.
  clampMaximum(out, 'maxLength', 'minLength', GENERATED.length);
  clampMaximum(out, 'maxItems', 'minItems', GENERATED.items);
  clampMaximum(out, 'maxProperties', 'minProperties', GENERATED.properties);
  // json-schema-faker redraws a repeated item up to 50 times: with arrays or objects as items, nested,
  // that multiplies into seconds. Uniqueness of such items is left to validation (and a reseeded try).
  if (out.uniqueItems === true && !(isLeaf(out.items) && domainSize(out.items as Schema) >= itemCount(out))) delete out.uniqueItems;
  // With a pattern, json-schema-faker draws up to 50 strings to meet a length: the pattern alone
  // draws once, and validation checks the length.
  if (typeof out.pattern === 'string') {
    delete out.minLength;
    delete out.maxLength;
  }
  nameExtraProperties(out);
  const huge = hugeBoundValue(out);
  if (huge !== undefined) return { const: huge };
  if (isLengthString(out)) {
    const min = typeof out.minLength === 'number' ? out.minLength : 0;
    const max = typeof out.maxLength === 'number' ? out.maxLength : Math.max(min, GENERATED.length);
    out.faker = { 'mock.text': [min, max] };
  } else if (isFreeString(out)) {
    const hint = name ? NAME_HINTS.find(([re]) => re.test(name))?.[1] : undefined;
    out.faker = hint ?? 'word.words';
  }
  return out;
}
