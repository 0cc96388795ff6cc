import type { AnswerKnobs, Conversation, GenerationRequest } from '../../spec/conversation.js';
import type { ChatMessage, ContentPart, FunctionTool, ResponseFormat, ToolChoice } from '../../spec/types.js';
import type { FunctionCallItem, FunctionCallOutputItem, InputItem, InputMessageItem, InputPart, ResponsesRequest, ResponsesTool, TextFormat } from './types.js';

/**
 * A Responses request in the neutral form: the messages a chat client would
 * send for the same conversation, so both endpoints say the same words.
 * - `instructions` -> a system message first;
 * - a message's string content stays a string; `input_text` parts -> `{ type: "text", text }`;
 *   an assistant's `output_text` parts -> its content as one string, as chat answers carry it;
 * - `function_call` items -> an assistant message's `tool_calls` (id = `call_id`), consecutive
 *   calls in one message; `function_call_output` -> a `tool` message with `tool_call_id`.
 */

function part(p: InputPart): ContentPart {
  switch (p.type) {
    case 'input_text':
    case 'output_text':
      return { type: 'text', text: p.text ?? '' };
    case 'input_image':
      return { type: 'image_url', image_url: { url: p.image_url ?? p['file_id'] ?? '', ...(p['detail'] ? { detail: p['detail'] } : {}) } };
    case 'input_file':
      return { type: 'file', file: { ...(p['file_id'] ? { file_id: p['file_id'] } : {}), ...(p['filename'] ? { filename: p['filename'] } : {}) } };
    default:
      return { ...p };
  }
}

const textOf = (parts: InputPart[], type: string) =>
  parts
    .filter((p) => p.type === type)
    .map((p) => (type === 'refusal' ? p.refusal : p.text) ?? '')
    .join('');

function messageOf(item: InputMessageItem): ChatMessage {
  const { role, content } = item;
  if (typeof content === 'string') return { role, content };
  if (role !== 'assistant') return { role, content: content.map(part) };
  const refused = content.some((p) => p.type === 'refusal');
  if (refused && !content.some((p) => p.type === 'output_text')) return { role, content: null, refusal: textOf(content, 'refusal') };
  return { role, content: textOf(content, 'output_text') };
}

function callMessage(last: ChatMessage | undefined, item: FunctionCallItem): ChatMessage | undefined {
  const call = { id: item.call_id, type: 'function' as const, function: { name: item.name, arguments: item.arguments } };
  // A chat answer carries its text and its calls in one message.
  if (last?.role === 'assistant' && (last.tool_calls || typeof last.content === 'string') && !last.refusal) {
    last.tool_calls = [...(last.tool_calls ?? []), call];
    return undefined;
  }
  return { role: 'assistant', content: null, tool_calls: [call] };
}

function outputMessage(item: FunctionCallOutputItem): ChatMessage {
  const content = typeof item.output === 'string' ? item.output : item.output.map(part);
  return { role: 'tool', tool_call_id: item.call_id, content };
}

export const isMessage = (item: InputItem): item is InputMessageItem =>
  (item.type === undefined || item.type === 'message') && typeof (item as InputMessageItem).role === 'string';

/** Input items (references already resolved) as chat messages. Other item types say nothing. */
function itemsToMessages(items: readonly InputItem[]): ChatMessage[] {
  const messages: ChatMessage[] = [];
  for (const item of items) {
    if (isMessage(item)) messages.push(messageOf(item));
    else if (item.type === 'function_call') {
      const added = callMessage(messages.at(-1), item as FunctionCallItem);
      if (added) messages.push(added);
    } else if (item.type === 'function_call_output') messages.push(outputMessage(item as FunctionCallOutputItem));
  }
  return messages;
}

/** Input as a list of items: a string is one user message. */
export function inputItems(input: ResponsesRequest['input']): InputItem[] {
  if (input === undefined) return [];
  return typeof input === 'string' ? [{ role: 'user', content: input }] : input;
}

const isFunctionTool = (tool: ResponsesTool): boolean => tool.type === 'function';

function functionTool(tool: ResponsesTool): FunctionTool {
  const fn: FunctionTool['function'] = { name: tool.name! };
  if (tool.description != null) fn.description = tool.description;
  if (tool.parameters != null) fn.parameters = tool.parameters;
  if (tool.strict != null) fn.strict = tool.strict;
  return { type: 'function', function: fn };
}

function toolChoice(choice: ResponsesRequest['tool_choice']): ToolChoice | undefined {
  if (choice === undefined || typeof choice === 'string') return choice;
  if (choice.type === 'function') return { type: 'function', function: { name: String(choice['name']) } };
  if (choice.type === 'allowed_tools') return choice['mode'] === 'required' ? 'required' : 'auto';
  return undefined;
}

function format(text: TextFormat | undefined): ResponseFormat | undefined {
  if (!text || text.type !== 'json_schema') return text;
  const { name, schema, description, strict } = text;
  return { type: 'json_schema', json_schema: { name, schema, ...(description !== undefined ? { description } : {}), ...(strict != null ? { strict } : {}) } };
}

/** The neutral request, given the conversation before this input (from `previous_response_id`). */
export function responsesGeneration(req: ResponsesRequest, history: readonly InputItem[], input: readonly InputItem[]): GenerationRequest {
  const messages = itemsToMessages(history.length ? [...history, ...input] : input);
  if (req.instructions) messages.unshift({ role: 'system', content: req.instructions });
  const tools = req.tools?.filter(isFunctionTool).map(functionTool);
  const conversation: Conversation = {
    model: req.model,
    messages,
    tools: tools?.length ? tools : undefined,
    toolChoice: toolChoice(req.tool_choice),
    parallelToolCalls: req.parallel_tool_calls ?? undefined,
    format: format(req.text?.format),
  };
  const knobs: AnswerKnobs = {
    n: 1,
    maxTokens: req.max_output_tokens ?? undefined,
    logprobs: false,
    topLogprobs: 0,
    reasoningEffort: req.reasoning?.effort,
  };
  return { conversation, knobs };
}
