import { invalidRequest } from '../../base/errors.js';
import type { JsonPlan } from '../../base/plan.js';
import { messageText } from '../../spec/message-text.js';
import type { ChatMessage } from '../../spec/types.js';
import { describe, callerSchemaProblem, validateBody } from '../../spec/validate-body.js';
import { isMessage } from './conversation.js';
import { responsesRequestSchema } from './schema.js';
import type { InputItem, ResponsesRequest } from './types.js';

const missing = (param: string) => invalidRequest(`Missing required parameter: '${param}'.`, param, 'missing_required_parameter');
const wrongType = (param: string, expected: string, value: unknown) =>
  invalidRequest(`Invalid type for '${param}': expected ${expected}, but got ${describe(value)} instead.`, param, 'invalid_type');
const ROLES = ['user', 'system', 'developer', 'assistant'];

function checkParts(parts: unknown[], at: string): JsonPlan | undefined {
  for (const [j, part] of parts.entries()) {
    if (!part || typeof part !== 'object' || Array.isArray(part)) return wrongType(`${at}[${j}]`, 'an object', part);
    const { type, text } = part as Record<string, unknown>;
    if (typeof type !== 'string') return missing(`${at}[${j}].type`);
    if ((type === 'input_text' || type === 'output_text') && typeof text !== 'string') return missing(`${at}[${j}].text`);
  }
  return undefined;
}

/** The fields each kind of input item must carry. */
const REQUIRED: Record<string, string[]> = {
  function_call: ['call_id', 'name', 'arguments'],
  function_call_output: ['call_id', 'output'],
  item_reference: ['id'],
};

function checkItem(item: InputItem, i: number): JsonPlan | undefined {
  const at = `input[${i}]`;
  const fields = item as unknown as Record<string, unknown>;
  if (isMessage(item)) {
    if (!ROLES.includes(item.role)) {
      return invalidRequest(
        `Invalid value: '${item.role}'. Supported values are: 'user', 'system', 'developer', and 'assistant'.`,
        `${at}.role`,
        'invalid_value',
      );
    }
    if (item.content === undefined) return missing(`${at}.content`);
    if (typeof item.content === 'string') return undefined;
    if (!Array.isArray(item.content)) return wrongType(`${at}.content`, 'a string or an array', item.content);
    return checkParts(item.content, `${at}.content`);
  }
  if (typeof item.type !== 'string') return missing(`${at}.type`);
  for (const name of REQUIRED[item.type] ?? []) {
    if (fields[name] === undefined) return missing(`${at}.${name}`);
    if (name === 'output' && Array.isArray(fields[name])) return checkParts(fields[name] as unknown[], `${at}.output`);
    if (typeof fields[name] !== 'string') return wrongType(`${at}.${name}`, 'a string', fields[name]);
  }
  return undefined;
}

function checkTools(req: ResponsesRequest): JsonPlan | undefined {
  if (req.tools === undefined && req.tool_choice === undefined) return undefined;
  const names = new Set<string>();
  for (const [i, tool] of (req.tools ?? []).entries()) {
    if (tool.type !== 'function') continue;
    if (typeof tool.name !== 'string') return missing(`tools[${i}].name`);
    names.add(tool.name);
    const parameters = tool.parameters ?? { type: 'object', properties: {} };
    const problem = callerSchemaProblem(parameters, tool.strict);
    if (problem) return invalidRequest(`Invalid schema for function '${tool.name}': ${problem}`, `tools[${i}].parameters`, 'invalid_function_parameters');
  }
  const choice = req.tool_choice;
  if (typeof choice === 'string' && !['none', 'auto', 'required'].includes(choice)) {
    return invalidRequest(`Invalid value: '${choice}'. Supported values are: 'none', 'auto', and 'required'.`, 'tool_choice', 'invalid_value');
  }
  if (choice && typeof choice === 'object' && choice.type === 'function') {
    const name = choice['name'];
    if (typeof name !== 'string') return missing('tool_choice.name');
    if (!names.has(name)) return invalidRequest(`Tool choice 'function' not found in 'tools' parameter.`, 'tool_choice', 'invalid_value');
  }
  return undefined;
}

function checkFormat(req: ResponsesRequest): JsonPlan | undefined {
  const format = req.text?.format;
  if (format?.type !== 'json_schema') return undefined;
  if (format.name === undefined) return missing('text.format.name');
  if (format.schema === undefined) return missing('text.format.schema');
  const problem = callerSchemaProblem(format.schema, format.strict);
  return problem ? invalidRequest(`Invalid schema for response_format '${format.name}': ${problem}`, 'text.format.schema', 'invalid_json_schema') : undefined;
}

/** Checks a body's shape: the real API's 400 for the first problem, or undefined. */
export function validateShape(body: unknown): JsonPlan | undefined {
  if (body && typeof body === 'object' && !Array.isArray(body) && (body as Record<string, unknown>)['model'] === undefined) return missing('model');
  const invalid = validateBody(body, responsesRequestSchema, 'responses-request');
  if (invalid) return invalid;
  const req = body as ResponsesRequest;
  if (req.input === undefined) return missing('input');
  if (Array.isArray(req.input)) {
    for (const [i, item] of req.input.entries()) {
      const problem = checkItem(item, i);
      if (problem) return problem;
    }
  }
  return checkTools(req) ?? checkFormat(req);
}

/** Rules over the whole conversation (the stored part included), worded as the real API words them. */
export function checkConversation(req: ResponsesRequest, messages: readonly ChatMessage[]): JsonPlan | undefined {
  let offered: Set<string> | undefined;
  for (const message of messages) {
    if (message.tool_calls) for (const call of message.tool_calls) (offered ??= new Set()).add(call.id);
    if (message.role === 'tool' && !offered?.has(message.tool_call_id!)) {
      return invalidRequest(`No tool call found for function call output with call_id ${message.tool_call_id}.`, 'input', null);
    }
  }
  if (req.text?.format?.type === 'json_object' && !messages.some((m) => /json/i.test(messageText(m)))) {
    return invalidRequest("Response input messages must contain the word 'json' in some form to use 'text.format' of type 'json_object'.", 'input', null);
  }
  return undefined;
}
