import { invalidRequest } from '../../base/errors.js';
import type { JsonPlan } from '../../base/plan.js';
import { messageText } from '../../spec/message-text.js';
import { chatCompletionRequestSchema } from '../../spec/request-schema.js';
import type { ChatCompletionRequest } from '../../spec/types.js';
import { requestBudgetProblem, callerSchemaProblem, validateBody } from '../../spec/validate-body.js';
import { chatGeneration } from './conversation.js';

/** Rules between fields that a JSON schema cannot say, worded as the real API says them. */
function checkSemantics(req: ChatCompletionRequest): JsonPlan | undefined {
  if (req.top_logprobs != null && req.top_logprobs > 0 && !req.logprobs) {
    return invalidRequest("Invalid value for 'top_logprobs': 'logprobs' must be set to true when 'top_logprobs' is used.", 'top_logprobs', 'invalid_value');
  }
  if (req.stream_options != null && !req.stream) {
    return invalidRequest("The 'stream_options' parameter is only allowed when 'stream' is enabled.", 'stream_options', 'invalid_value');
  }
  // Made only by a conversation with tool calls in it (most have none).
  let offered: Set<string> | undefined;
  for (let i = 0; i < req.messages.length; i++) {
    const msg = req.messages[i]!;
    if (msg.role === 'tool') {
      if (msg.tool_call_id === undefined) {
        return invalidRequest(
          `Missing parameter 'tool_call_id': messages with role 'tool' must have a 'tool_call_id'.`,
          `messages[${i}].tool_call_id`,
          'missing_required_parameter',
        );
      }
      if (!offered?.has(msg.tool_call_id)) {
        return invalidRequest(
          "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
          `messages.[${i}].role`,
        );
      }
    }
    if (msg.tool_calls?.length) for (const call of msg.tool_calls) (offered ??= new Set()).add(call.id);
    if (msg.role === 'assistant' && msg.content == null && !msg.tool_calls?.length && msg.refusal == null) {
      return invalidRequest(`Invalid value for 'content': expected a string, got null.`, `messages.[${i}].content`, 'invalid_value');
    }
  }
  const choice = req.tool_choice;
  if (choice !== undefined) {
    const toolNames = new Set((req.tools ?? []).map((t) => t.function.name));
    if (typeof choice === 'string') {
      if (!['none', 'auto', 'required'].includes(choice)) {
        return invalidRequest(`Invalid value: '${choice}'. Supported values are: 'none', 'auto', and 'required'.`, 'tool_choice', 'invalid_value');
      }
      if (choice !== 'none' && toolNames.size === 0) {
        return invalidRequest("Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.", 'tool_choice');
      }
    } else {
      const name = choice?.function?.name;
      if (choice?.type !== 'function' || typeof name !== 'string') {
        return invalidRequest("Missing required parameter: 'tool_choice.function'.", 'tool_choice.function', 'missing_required_parameter');
      }
      if (!toolNames.has(name)) {
        return invalidRequest(`Invalid value for 'tool_choice': function '${name}' is not among the provided tools.`, 'tool_choice');
      }
    }
  }
  for (const [i, tool] of (req.tools ?? []).entries()) {
    const parameters = tool.function.parameters ?? { type: 'object', properties: {} };
    const problem = callerSchemaProblem(parameters, tool.function.strict);
    if (problem) {
      return invalidRequest(
        `Invalid schema for function '${tool.function.name}': ${problem}`,
        `tools[${i}].function.parameters`,
        'invalid_function_parameters',
      );
    }
  }
  const format = req.response_format;
  if (format?.type === 'json_schema' && !('json_schema' in format && format.json_schema)) {
    return invalidRequest("Missing required parameter: 'response_format.json_schema'.", 'response_format.json_schema', 'missing_required_parameter');
  }
  if (format?.type === 'json_schema') {
    const schema = format.json_schema.schema ?? {};
    const problem = callerSchemaProblem(schema, format.json_schema.strict);
    if (problem) return invalidRequest(`Invalid schema for response_format '${format.json_schema.name}': ${problem}`, 'response_format', 'invalid_value');
  }
  const overBudget = requestBudgetProblem(chatGeneration(req).conversation, req.n ?? 1);
  if (overBudget) return overBudget;
  if (format?.type === 'json_object' && !req.messages.some((m) => /json/i.test(messageText(m)))) {
    return invalidRequest("'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.", 'messages');
  }
  return undefined;
}

/** Validates a parsed body; returns the 400 plan to answer with, or undefined when valid. */
export function validateRequest(body: unknown): JsonPlan | undefined {
  return validateBody(body, chatCompletionRequestSchema, 'chat-completion-request') ?? checkSemantics(body as ChatCompletionRequest);
}
