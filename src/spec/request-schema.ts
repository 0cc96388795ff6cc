/**
 * The chat completion request as JSON Schema: the API reference's outline,
 * completed with what real clients send (tool_choice, seed, stream_options,
 * max_tokens, logprobs...). Limits are the real API's.
 */

/** A schema that also admits null. */
export const nullable = <T extends Record<string, unknown>>(schema: T) => ({
  ...schema,
  type: [schema.type as string, 'null'],
});

/** A function's (or a json_schema format's) name, as the API allows it. */
export const functionName = { type: 'string', pattern: '^[a-zA-Z0-9_-]{1,64}$' };

/** The fields of a json_schema response format, in either endpoint's shape. */
export const jsonSchemaFormatFields = {
  name: functionName,
  description: { type: 'string' },
  schema: { type: 'object' },
  strict: { type: ['boolean', 'null'] },
};

const contentPart = {
  type: 'object',
  required: ['type'],
  properties: {
    type: { type: 'string', enum: ['text', 'image_url', 'input_audio', 'file', 'refusal'] },
    text: { type: 'string' },
    refusal: { type: 'string' },
  },
};

const toolCall = {
  type: 'object',
  required: ['id', 'type', 'function'],
  properties: {
    id: { type: 'string' },
    type: { type: 'string', enum: ['function'] },
    function: {
      type: 'object',
      required: ['name', 'arguments'],
      properties: { name: { type: 'string' }, arguments: { type: 'string' } },
    },
  },
};

const message = {
  type: 'object',
  required: ['role'],
  properties: {
    role: { type: 'string', enum: ['system', 'assistant', 'user', 'function', 'tool', 'developer'] },
    content: { type: ['string', 'array', 'null'], items: contentPart },
    name: { type: 'string' },
    refusal: { type: ['string', 'null'] },
    tool_calls: { type: 'array', items: toolCall },
    tool_call_id: { type: 'string' },
  },
};

const tool = {
  type: 'object',
  required: ['type', 'function'],
  properties: {
    type: { type: 'string', enum: ['function'] },
    function: {
      type: 'object',
      required: ['name'],
      properties: {
        name: functionName,
        description: { type: 'string' },
        parameters: { type: 'object' },
        strict: { type: ['boolean', 'null'] },
      },
    },
  },
};

const responseFormat = {
  type: 'object',
  required: ['type'],
  properties: {
    type: { type: 'string', enum: ['json_object', 'json_schema', 'text'] },
    json_schema: {
      type: 'object',
      required: ['name'],
      properties: jsonSchemaFormatFields,
    },
  },
};

export const chatCompletionRequestSchema = {
  $id: 'chat-completion-request',
  type: 'object',
  required: ['model', 'messages'],
  properties: {
    model: { type: 'string' },
    messages: { type: 'array', minItems: 1, items: message },
    stream: { type: ['boolean', 'null'] },
    stream_options: nullable({ type: 'object', properties: { include_usage: { type: 'boolean' } } }),
    n: nullable({ type: 'integer', minimum: 1, maximum: 128 }),
    max_tokens: nullable({ type: 'integer', minimum: 1 }),
    max_completion_tokens: nullable({ type: 'integer', minimum: 1 }),
    stop: { type: ['string', 'array', 'null'], maxItems: 4, items: { type: 'string' } },
    temperature: nullable({ type: 'number', minimum: 0, maximum: 2 }),
    top_p: nullable({ type: 'number', minimum: 0, maximum: 1 }),
    frequency_penalty: nullable({ type: 'number', minimum: -2, maximum: 2 }),
    presence_penalty: nullable({ type: 'number', minimum: -2, maximum: 2 }),
    logit_bias: nullable({
      type: 'object',
      additionalProperties: { type: 'number', minimum: -100, maximum: 100 },
    }),
    logprobs: { type: ['boolean', 'null'] },
    top_logprobs: nullable({ type: 'integer', minimum: 0, maximum: 20 }),
    seed: nullable({ type: 'integer' }),
    user: { type: 'string' },
    tools: { type: 'array', maxItems: 128, items: tool },
    tool_choice: { type: ['string', 'object'] },
    parallel_tool_calls: { type: 'boolean' },
    response_format: responseFormat,
    reasoning_effort: nullable({
      type: 'string',
      enum: ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'],
    }),
  },
} as const;
