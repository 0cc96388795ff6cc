import type { JsonSchemaObject, ReasoningEffort } from '../../spec/types.js';

/** The slice of the Responses API wire format the mock reads (see openai-node's `resources/responses`). */

export interface InputPart {
  type: string;
  text?: string;
  refusal?: string;
  image_url?: string | null;
  [key: string]: unknown;
}

/** An input message; `type: "message"` may be left out. */
export interface InputMessageItem {
  type?: 'message';
  id?: string;
  role: 'user' | 'system' | 'developer' | 'assistant';
  content: string | InputPart[];
  status?: string;
}

export interface FunctionCallItem {
  type: 'function_call';
  id?: string;
  call_id: string;
  name: string;
  arguments: string;
  status?: string;
}

export interface FunctionCallOutputItem {
  type: 'function_call_output';
  id?: string;
  call_id: string;
  output: string | InputPart[];
  status?: string;
}

export interface ItemReference {
  type: 'item_reference';
  id: string;
}

/** Any other item (reasoning, built-in tool calls): read, but says nothing to the model here. */
export interface OtherItem {
  type: string;
  id?: string;
  [key: string]: unknown;
}

export type InputItem = InputMessageItem | FunctionCallItem | FunctionCallOutputItem | ItemReference | OtherItem;

/** Tools are flat: `{ type: "function", name, parameters, strict }`; other types are built-in tools. */
export interface ResponsesTool {
  type: string;
  name?: string;
  description?: string | null;
  parameters?: JsonSchemaObject | null;
  strict?: boolean | null;
  [key: string]: unknown;
}

export type ResponsesToolChoice =
  | 'none'
  | 'auto'
  | 'required'
  | { type: 'function'; name: string }
  | { type: 'allowed_tools'; mode: 'auto' | 'required'; tools: unknown[] }
  | { type: string; [key: string]: unknown };

export type TextFormat =
  { type: 'text' } | { type: 'json_object' } | { type: 'json_schema'; name: string; schema: JsonSchemaObject; description?: string; strict?: boolean | null };

export interface ResponsesRequest {
  model: string;
  input?: string | InputItem[];
  instructions?: string | null;
  previous_response_id?: string | null;
  store?: boolean | null;
  stream?: boolean | null;
  tools?: ResponsesTool[];
  tool_choice?: ResponsesToolChoice;
  parallel_tool_calls?: boolean | null;
  text?: { format?: TextFormat; verbosity?: string | null } | null;
  max_output_tokens?: number | null;
  reasoning?: { effort?: ReasoningEffort | null; summary?: string | null } | null;
  temperature?: number | null;
  top_p?: number | null;
  metadata?: Record<string, string> | null;
  [key: string]: unknown;
}
