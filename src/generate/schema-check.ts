import { invalidRequest } from '../core/errors.js';
import type { JsonPlan } from '../core/plan.js';
import type { ChatCompletionRequest } from '../spec/types.js';
import { unsatisfiable } from './structured.js';

/**
 * The caller's schemas that no value satisfies (`minimum` above `maximum`,
 * `not: {}`), found by generating one value per schema (cached), get the 400
 * the real API gives a schema it cannot serve, instead of a 200 whose answer
 * breaks them.
 */
export function unsatisfiableSchema(req: ChatCompletionRequest): JsonPlan | undefined {
  for (const [i, tool] of (req.tools ?? []).entries()) {
    const parameters = tool.function.parameters;
    const problem = parameters ? unsatisfiable(parameters) : undefined;
    if (problem) return invalidRequest(`Invalid schema for function '${tool.function.name}': ${problem}`, `tools[${i}].function.parameters`, 'invalid_function_parameters');
  }
  const format = req.response_format;
  if (format?.type === 'json_schema') {
    const problem = unsatisfiable(format.json_schema.schema ?? {});
    if (problem) return invalidRequest(`Invalid schema for response_format '${format.json_schema.name}': ${problem}`, 'response_format', 'invalid_value');
  }
  return undefined;
}
