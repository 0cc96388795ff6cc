import type { ErrorObject, ValidateFunction } from 'ajv';
import ucs2 from 'ajv/dist/runtime/ucs2length.js';
import { requestValidators, schemaTexts } from '../../generated/request-validators.js';
import { invalidRequest } from '../base/errors.js';
import { NeedsLoading } from '../base/lazy.js';
import type { JsonPlan } from '../base/plan.js';
import { formatPath, pointerParts } from '../base/json-path.js';
import { Lru } from '../base/lru.js';
import { compileCached, memoSchema, schemaKey } from './ajv.js';
import { strictSchemaProblem } from './strict-schema.js';
import { ownPatterns } from './ajv-options.js';
import type { Conversation } from './conversation.js';
import { budgetProblem, generationCost, REQUEST_BUDGET } from './generation-budget.js';
import { nestingDepth, schemaLimitProblem } from './schema-limits.js';

const MAX_BODY_DEPTH = 100;

/** `/messages/0/role` -> `messages[0].role`, the way the real API names params. */
function paramName(instancePath: string, extra?: string): string {
  return formatPath(extra ? [...pointerParts(instancePath), extra] : pointerParts(instancePath));
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'string' ? 'a string' : `a ${typeof value}`;
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a decimal',
  integer: 'an integer',
  boolean: 'a boolean',
  array: 'an array',
  object: 'an object',
};

function oxford(items: string[]): string {
  if (items.length <= 2) return items.join(' and ');
  return `${items.slice(0, -1).join(', ')}, and ${items.at(-1)}`;
}

/** Turns Ajv's first error into the real API's wording, param and code. */
function toApiError(error: ErrorObject, body: unknown): JsonPlan {
  const value = error.instancePath
    .split('/')
    .slice(1)
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], body);
  const param = paramName(error.instancePath);
  const numberKind = ([] as unknown[]).concat(error.parentSchema?.type).includes('integer') ? 'integer' : 'decimal';
  switch (error.keyword) {
    case 'required': {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      if (missing === 'model' && !error.instancePath) return invalidRequest('you must provide a model parameter');
      const name = paramName(error.instancePath, missing);
      return invalidRequest(`Missing required parameter: '${name}'.`, name, 'missing_required_parameter');
    }
    case 'type': {
      const types = ([] as string[]).concat(error.schema as string | string[]).filter((t) => t !== 'null');
      const expected = oxford(types.map((t) => EXPECTED[t] ?? t)).replace(/ and /, ' or ');
      return invalidRequest(`Invalid type for '${param}': expected ${expected}, but got ${describe(value)} instead.`, param, 'invalid_type');
    }
    case 'maximum':
      return invalidRequest(
        `Invalid '${param}': ${numberKind} above maximum value. Expected a value <= ${error.schema as number}, but got ${String(value)} instead.`,
        param,
        `${numberKind}_above_max_value`,
      );
    case 'minimum':
      return invalidRequest(
        `Invalid '${param}': ${numberKind} below minimum value. Expected a value >= ${error.schema as number}, but got ${String(value)} instead.`,
        param,
        `${numberKind}_below_min_value`,
      );
    case 'enum': {
      // A nullable enum lists null to admit it; the API names only the real values.
      const allowed = oxford((error.schema as unknown[]).filter((v) => v !== null).map((v) => `'${String(v)}'`));
      return invalidRequest(`Invalid value: '${String(value)}'. Supported values are: ${allowed}.`, param, 'invalid_value');
    }
    case 'minItems':
      return invalidRequest(
        `Invalid '${param}': empty array. Expected an array with minimum length ${error.schema as number}, but got an empty array instead.`,
        param,
        'empty_array',
      );
    case 'maxItems':
      return invalidRequest(
        `Invalid '${param}': array too long. Expected an array with maximum length ${error.schema as number}, but got an array with length ${(value as unknown[]).length} instead.`,
        param,
        'array_above_max_length',
      );
    case 'pattern':
      return invalidRequest(
        `Invalid '${param}': string does not match pattern. Expected a string that matches the pattern '${error.schema as string}'.`,
        param,
        'invalid_value',
      );
    default:
      return invalidRequest(`Invalid '${param}': ${error.message ?? 'invalid value'}.`, param, 'invalid_value');
  }
}

interface SchemaCheck {
  problem?: string;
  /** Upper bound of one generated value, in characters (generation-budget.ts). */
  chars: number;
}

// Suites send the same schemas again and again: each is checked once.
const checked = new Lru<string, SchemaCheck>(500);

/** A caller's schema that cannot be compiled, or asks for more than the mock generates; and what a value of it costs. */
function checkSchema(schema: object): SchemaCheck {
  const key = schemaKey(schema);
  return memoSchema(checked, schema, key, () => {
    const cost = generationCost(schema);
    const { chars } = cost;
    const tooMuch = schemaLimitProblem(schema) ?? budgetProblem(schema, cost);
    if (tooMuch) return { problem: tooMuch, chars };
    try {
      compileCached(schema, key);
      return { chars };
    } catch (error) {
      if (error instanceof NeedsLoading) throw error;
      return { problem: (error as Error).message, chars };
    }
  });
}

const schemaProblem = (schema: object): string | undefined => checkSchema(schema).problem;

// Strict mode's rules, checked once per schema too (a walk of every subschema).
const strictChecked = new Lru<string, { problem: string | undefined }>(500);
const strictProblem = (schema: object): string | undefined =>
  memoSchema(strictChecked, schema, schemaKey(schema), () => ({ problem: strictSchemaProblem(schema) })).problem;

/** A caller's schema (tool parameters, an output format): the strict-mode problem when `strict`, else any other. */
export const callerSchemaProblem = (schema: object, strict: boolean | null | undefined): string | undefined =>
  (strict ? strictProblem(schema) : undefined) ?? schemaProblem(schema);

/** A plain text or json_object answer is a few sentences; this bounds it, in characters. */
const TEXT_COST = 600;

/**
 * Every choice may answer with the json_schema value and call every tool, so
 * `n` multiplies their cost; a request over the budget gets a 400 naming it.
 */
export function requestBudgetProblem(conversation: Conversation, n: number): JsonPlan | undefined {
  const format = conversation.format;
  let perChoice = format?.type === 'json_schema' ? checkSchema(format.json_schema.schema ?? {}).chars : TEXT_COST;
  if (conversation.toolChoice !== 'none')
    for (const tool of conversation.tools ?? []) perChoice += checkSchema(tool.function.parameters ?? { type: 'object', properties: {} }).chars;
  if (n * perChoice <= REQUEST_BUDGET) return undefined;
  const limit = REQUEST_BUDGET.toLocaleString('en-US');
  return invalidRequest(
    `Invalid request: with n=${n}, ${conversation.tools?.length ?? 0} tools and this output format, one request may generate up to ${Math.round(n * perChoice).toLocaleString('en-US')} characters; the mock generates at most ${limit} per request. Lower 'n' or offer fewer tools.`,
    n > 1 ? 'n' : 'tools',
    'invalid_value',
  );
}

type Ucs2 = (text: string) => number;
let prebuilt: Record<string, ValidateFunction> | undefined;
const chosen = new Map<string, ValidateFunction | null>();

/**
 * The validator `npm run build` compiled for `key` (scripts/build-validators.mjs), as long as
 * `schema` is still the one it was compiled from: a process's first request skips Ajv's compilation.
 */
function prebuiltValidator(schema: object, key: string): ValidateFunction | undefined {
  let validate = chosen.get(key);
  if (validate === undefined) {
    validate = null;
    if (schemaTexts[key] === JSON.stringify(schema)) {
      // Node reads the CommonJS helper as its exports object; bundlers may hand over the function.
      const helper = ucs2 as unknown as Ucs2 | { default: Ucs2 };
      const ucs2length = typeof helper === 'function' ? helper : helper.default;
      prebuilt ??= requestValidators(ownPatterns, { ucs2length: { default: ucs2length } });
      validate = prebuilt[key] ?? null;
    }
    chosen.set(key, validate);
  }
  return validate ?? undefined;
}

/**
 * Checks a parsed body against an endpoint's request schema (compiled once),
 * answering with the real API's 400 wording for the first problem.
 */
export function validateBody(body: unknown, schema: object, key: string): JsonPlan | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return invalidRequest(`Invalid type for request body: expected an object, but got ${describe(body)} instead.`, null, 'invalid_type');
  }
  if (nestingDepth(body, MAX_BODY_DEPTH) > MAX_BODY_DEPTH) {
    return invalidRequest(`Invalid request: the body nests more than ${MAX_BODY_DEPTH} levels deep.`, null, 'invalid_value');
  }
  const validate = prebuiltValidator(schema, key) ?? compileCached(schema, key);
  if (!validate(body)) return toApiError(validate.errors![0]!, body);
  return undefined;
}
