/**
 * What the mock emits, as JSON Schema. Tests validate every response against
 * these; users can too (they are exported).
 */

const usage = {
  type: 'object',
  additionalProperties: false,
  required: ['prompt_tokens', 'completion_tokens', 'total_tokens'],
  properties: {
    prompt_tokens: { type: 'integer', minimum: 0 },
    completion_tokens: { type: 'integer', minimum: 0 },
    total_tokens: { type: 'integer', minimum: 0 },
    total_time: { type: 'number', minimum: 0 },
    prompt_tokens_details: {
      type: 'object',
      additionalProperties: false,
      required: ['cached_tokens', 'audio_tokens'],
      properties: { cached_tokens: { type: 'integer' }, audio_tokens: { type: 'integer' } },
    },
    completion_tokens_details: {
      type: 'object',
      additionalProperties: false,
      required: ['reasoning_tokens', 'audio_tokens', 'accepted_prediction_tokens', 'rejected_prediction_tokens'],
      properties: {
        reasoning_tokens: { type: 'integer', minimum: 0 },
        audio_tokens: { type: 'integer' },
        accepted_prediction_tokens: { type: 'integer' },
        rejected_prediction_tokens: { type: 'integer' },
      },
    },
  },
};

const topLogprob = {
  type: 'object',
  required: ['token', 'logprob', 'bytes'],
  properties: {
    token: { type: 'string' },
    logprob: { type: 'number', maximum: 0 },
    bytes: { type: ['array', 'null'], items: { type: 'integer', minimum: 0, maximum: 255 } },
  },
};

const logprobs = {
  type: ['object', 'null'],
  required: ['content', 'refusal'],
  properties: {
    content: {
      type: ['array', 'null'],
      items: {
        ...topLogprob,
        required: [...topLogprob.required, 'top_logprobs'],
        properties: { ...topLogprob.properties, top_logprobs: { type: 'array', items: topLogprob } },
      },
    },
    refusal: { type: ['array', 'null'] },
  },
};

const toolCall = {
  type: 'object',
  required: ['id', 'type', 'function'],
  properties: {
    id: { type: 'string', pattern: '^call_[A-Za-z0-9]{24}$' },
    type: { const: 'function' },
    function: {
      type: 'object',
      required: ['name', 'arguments'],
      properties: { name: { type: 'string', minLength: 1 }, arguments: { type: 'string' } },
    },
  },
};

const finishReason = { enum: ['stop', 'length', 'tool_calls', 'content_filter'] };
const header = {
  id: { type: 'string', pattern: '^chatcmpl-[A-Za-z0-9]{29}$' },
  created: { type: 'integer', minimum: 0 },
  model: { type: 'string' },
  system_fingerprint: { type: 'string', pattern: '^fp_[0-9a-f]{10}$' },
  service_tier: { type: 'string' },
};

export const chatCompletionSchema = {
  $id: 'chat-completion',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'object', 'created', 'model', 'choices', 'usage', 'system_fingerprint', 'service_tier'],
  properties: {
    ...header,
    object: { const: 'chat.completion' },
    usage,
    choices: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['index', 'message', 'finish_reason'],
        properties: {
          index: { type: 'integer', minimum: 0 },
          finish_reason: finishReason,
          logprobs,
          message: {
            type: 'object',
            additionalProperties: false,
            required: ['role', 'content', 'refusal', 'annotations'],
            properties: {
              role: { const: 'assistant' },
              content: { type: ['string', 'null'] },
              refusal: { type: ['string', 'null'] },
              annotations: { type: 'array' },
              tool_calls: { type: 'array', minItems: 1, items: toolCall },
            },
          },
        },
      },
    },
  },
} as const;

const toolCallDelta = {
  type: 'object',
  required: ['index'],
  additionalProperties: false,
  properties: {
    index: { type: 'integer', minimum: 0 },
    id: toolCall.properties.id,
    type: { const: 'function' },
    function: {
      type: 'object',
      additionalProperties: false,
      properties: { name: { type: 'string' }, arguments: { type: 'string' } },
    },
  },
};

export const chatCompletionChunkSchema = {
  $id: 'chat-completion-chunk',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'object', 'created', 'model', 'choices', 'system_fingerprint', 'service_tier'],
  properties: {
    ...header,
    object: { const: 'chat.completion.chunk' },
    usage: { anyOf: [{ type: 'null' }, usage] },
    choices: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['index', 'delta', 'finish_reason'],
        properties: {
          index: { type: 'integer', minimum: 0 },
          finish_reason: { anyOf: [{ type: 'null' }, finishReason] },
          logprobs,
          delta: {
            type: 'object',
            additionalProperties: false,
            properties: {
              role: { const: 'assistant' },
              content: { type: ['string', 'null'] },
              refusal: { type: ['string', 'null'] },
              tool_calls: { type: 'array', items: toolCallDelta },
            },
          },
        },
      },
    },
  },
} as const;

export const errorResponseSchema = {
  $id: 'error-response',
  type: 'object',
  additionalProperties: false,
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      additionalProperties: false,
      required: ['message', 'type', 'param', 'code'],
      properties: {
        message: { type: 'string', minLength: 1 },
        type: { type: 'string', minLength: 1 },
        param: { type: ['string', 'null'] },
        code: { type: ['string', 'null'] },
      },
    },
  },
} as const;

const model = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'object', 'created', 'owned_by'],
  properties: {
    id: { type: 'string' },
    object: { const: 'model' },
    created: { type: 'integer' },
    owned_by: { type: 'string' },
  },
};

export const modelSchema = { $id: 'model', ...model } as const;
export const modelListSchema = {
  $id: 'model-list',
  type: 'object',
  required: ['object', 'data'],
  properties: { object: { const: 'list' }, data: { type: 'array', items: model } },
} as const;
