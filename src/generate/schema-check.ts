import { invalidRequest } from '../base/errors.js';
import type { JsonPlan } from '../base/plan.js';
import type { Conversation } from '../spec/conversation.js';
import { unsatisfiable } from './structured.js';

/**
 * The caller's schemas that no value satisfies (`minimum` above `maximum`,
 * `not: {}`), found by generating one value per schema (cached), get the 400
 * the real API gives a schema it cannot serve, instead of a 200 whose answer
 * breaks them. `params` name the places as the endpoint's wire format does.
 */
/** Where an endpoint's wire format puts a tool's schema and the output format's, for an error's `param`. */
export interface SchemaParams {
  tool(index: number): string;
  format: string;
  /** Where the conversation's messages are: `messages`, `input`. */
  messages?: string;
}

const CHAT_PARAMS: SchemaParams = { tool: (i) => `tools[${i}].function.parameters`, format: 'response_format' };

export function unsatisfiableSchema(conversation: Conversation, params: SchemaParams = CHAT_PARAMS): JsonPlan | undefined {
  for (const [i, tool] of (conversation.tools ?? []).entries()) {
    const parameters = tool.function.parameters;
    const problem = parameters ? unsatisfiable(parameters) : undefined;
    if (problem) return invalidRequest(`Invalid schema for function '${tool.function.name}': ${problem}`, params.tool(i), 'invalid_function_parameters');
  }
  const format = conversation.format;
  if (format?.type === 'json_schema') {
    const problem = unsatisfiable(format.json_schema.schema ?? {});
    if (problem) return invalidRequest(`Invalid schema for response_format '${format.json_schema.name}': ${problem}`, params.format, 'invalid_value');
  }
  return undefined;
}
