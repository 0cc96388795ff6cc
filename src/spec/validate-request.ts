import type { ErrorObject } from 'ajv';
import { invalidRequest } from '../core/errors.js';
import type { JsonPlan } from '../core/plan.js';
import { Lru } from '../core/lru.js';
import { compileCached, memoSchema } from './ajv.js';
import { budgetProblem, generationCost, REQUEST_BUDGET } from './generation-budget.js';
import { messageText } from './message-text.js';
import { chatCompletionRequestSchema } from './request-schema.js';
import { nestingDepth, schemaLimitProblem } from './schema-limits.js';
import { strictSchemaProblem } from './strict-schema.js';

const MAX_BODY_DEPTH = 100;
import type { ChatCompletionRequest } from './types.js';

/** `/messages/0/role` -> `messages[0].role`, the way the real API names params. */
export function paramName(instancePath: string, extra?: string): string {
  const parts = instancePath.split('/').slice(1);
  if (extra) parts.push(extra);
  return parts.reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
}

function describe(value: unknown): string {
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
      return invalidRequest(
        `Invalid type for '${param}': expected ${expected}, but got ${describe(value)} instead.`,
        param,
        'invalid_type',
      );
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
      const allowed = oxford((error.schema as string[]).map((v) => `'${v}'`));
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
  const key = JSON.stringify(schema);
  return memoSchema(checked, key, () => {
    const { chars } = generationCost(schema);
    const tooMuch = schemaLimitProblem(schema) ?? budgetProblem(schema);
    if (tooMuch) return { problem: tooMuch, chars };
    try {
      compileCached(schema, key);
      return { chars };
    } catch (error) {
      return { problem: (error as Error).message, chars };
    }
  });
}

const schemaProblem = (schema: object): string | undefined => checkSchema(schema).problem;

/** A plain text or json_object answer is a few sentences; this bounds it, in characters. */
const TEXT_COST = 600;

/**
 * Every choice may answer with the json_schema value and call every tool, so
 * `n` multiplies their cost; a request over the budget gets a 400 naming it.
 */
function requestBudgetProblem(req: ChatCompletionRequest): JsonPlan | undefined {
  const n = req.n ?? 1;
  const format = req.response_format;
  let perChoice = format?.type === 'json_schema' ? checkSchema(format.json_schema.schema ?? {}).chars : TEXT_COST;
  if (req.tool_choice !== 'none') for (const tool of req.tools ?? []) perChoice += checkSchema(tool.function.parameters ?? { type: 'object', properties: {} }).chars;
  if (n * perChoice <= REQUEST_BUDGET) return undefined;
  const limit = REQUEST_BUDGET.toLocaleString('en-US');
  return invalidRequest(
    `Invalid request: with n=${n}, ${req.tools?.length ?? 0} tools and this response_format, one request may generate up to ${Math.round(n * perChoice).toLocaleString('en-US')} characters; the mock generates at most ${limit} per request. Lower 'n' or offer fewer tools.`,
    'n',
    'invalid_value',
  );
}

/** Rules between fields that a JSON schema cannot say, worded as the real API says them. */
function checkSemantics(req: ChatCompletionRequest): JsonPlan | undefined {
  if (req.top_logprobs != null && req.top_logprobs > 0 && !req.logprobs) {
    return invalidRequest(
      "Invalid value for 'top_logprobs': 'logprobs' must be set to true when 'top_logprobs' is used.",
      'top_logprobs',
      'invalid_value',
    );
  }
  if (req.stream_options != null && !req.stream) {
    return invalidRequest(
      "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
      'stream_options',
      'invalid_value',
    );
  }
  const offered = new Set<string>();
  for (const [i, msg] of req.messages.entries()) {
    if (msg.role === 'tool') {
      if (msg.tool_call_id === undefined) {
        return invalidRequest(
          `Missing parameter 'tool_call_id': messages with role 'tool' must have a 'tool_call_id'.`,
          `messages[${i}].tool_call_id`,
          'missing_required_parameter',
        );
      }
      if (!offered.has(msg.tool_call_id)) {
        return invalidRequest(
          "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
          `messages.[${i}].role`,
        );
      }
    }
    for (const call of msg.tool_calls ?? []) offered.add(call.id);
    if (msg.role === 'assistant' && msg.content == null && !msg.tool_calls?.length && msg.refusal == null) {
      return invalidRequest(
        `Invalid value for 'content': expected a string, got null.`,
        `messages.[${i}].content`,
        'invalid_value',
      );
    }
  }
  const toolNames = new Set((req.tools ?? []).map((t) => t.function.name));
  const choice = req.tool_choice;
  if (choice !== undefined) {
    if (typeof choice === 'string') {
      if (!['none', 'auto', 'required'].includes(choice)) {
        return invalidRequest(
          `Invalid value: '${choice}'. Supported values are: 'none', 'auto', and 'required'.`,
          'tool_choice',
          'invalid_value',
        );
      }
      if (choice !== 'none' && toolNames.size === 0) {
        return invalidRequest(
          "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.",
          'tool_choice',
        );
      }
    } else {
      const name = choice?.function?.name;
      if (choice?.type !== 'function' || typeof name !== 'string') {
        return invalidRequest("Missing required parameter: 'tool_choice.function'.", 'tool_choice.function', 'missing_required_parameter');
      }
      if (!toolNames.has(name)) {
        return invalidRequest(
          `Invalid value for 'tool_choice': function '${name}' is not among the provided tools.`,
          'tool_choice',
        );
      }
    }
  }
  for (const [i, tool] of (req.tools ?? []).entries()) {
    const parameters = tool.function.parameters ?? { type: 'object', properties: {} };
    const problem = (tool.function.strict ? strictSchemaProblem(parameters) : undefined) ?? schemaProblem(parameters);
    if (problem) {
      return invalidRequest(`Invalid schema for function '${tool.function.name}': ${problem}`, `tools[${i}].function.parameters`, 'invalid_function_parameters');
    }
  }
  const format = req.response_format;
  if (format?.type === 'json_schema' && !('json_schema' in format && format.json_schema)) {
    return invalidRequest("Missing required parameter: 'response_format.json_schema'.", 'response_format.json_schema', 'missing_required_parameter');
  }
  if (format?.type === 'json_schema') {
    const schema = format.json_schema.schema ?? {};
    const problem = (format.json_schema.strict ? strictSchemaProblem(schema) : undefined) ?? schemaProblem(schema);
    if (problem) return invalidRequest(`Invalid schema for response_format '${format.json_schema.name}': ${problem}`, 'response_format', 'invalid_value');
  }
  const overBudget = requestBudgetProblem(req);
  if (overBudget) return overBudget;
  if (format?.type === 'json_object' && !req.messages.some((m) => /json/i.test(messageText(m)))) {
    return invalidRequest(
      "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.",
      'messages',
    );
  }
  return undefined;
}

/** Validates a parsed body; returns the 400 plan to answer with, or undefined when valid. */
export function validateRequest(body: unknown): JsonPlan | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return invalidRequest(
      `Invalid type for request body: expected an object, but got ${describe(body)} instead.`,
      null,
      'invalid_type',
    );
  }
  if (nestingDepth(body, MAX_BODY_DEPTH) > MAX_BODY_DEPTH) {
    return invalidRequest(`Invalid request: the body nests more than ${MAX_BODY_DEPTH} levels deep.`, null, 'invalid_value');
  }
  const validate = compileCached(chatCompletionRequestSchema, 'chat-completion-request');
  if (!validate(body)) return toApiError(validate.errors![0]!, body);
  return checkSemantics(body as ChatCompletionRequest);
}
