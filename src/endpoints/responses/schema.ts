import { functionName, jsonSchemaFormatFields, nullable } from '../../spec/request-schema.js';

/**
 * The Responses API request as JSON Schema: the fields the mock reads, with
 * the real API's limits. Input items are checked by `validate.ts`, which words
 * their errors as the API does.
 */

const textFormat = {
  type: 'object',
  required: ['type'],
  properties: {
    type: { type: 'string', enum: ['text', 'json_object', 'json_schema'] },
    ...jsonSchemaFormatFields,
  },
};

export const responsesRequestSchema = {
  $id: 'responses-request',
  type: 'object',
  required: ['model'],
  properties: {
    model: { type: 'string' },
    input: { type: ['string', 'array'], items: { type: 'object' } },
    instructions: { type: ['string', 'null'] },
    previous_response_id: { type: ['string', 'null'] },
    store: { type: ['boolean', 'null'] },
    stream: { type: ['boolean', 'null'] },
    background: { type: ['boolean', 'null'] },
    tools: {
      type: 'array',
      items: {
        type: 'object',
        required: ['type'],
        properties: {
          type: { type: 'string' },
          name: functionName,
          description: { type: ['string', 'null'] },
          parameters: { type: ['object', 'null'] },
          strict: { type: ['boolean', 'null'] },
        },
      },
    },
    tool_choice: { type: ['string', 'object'] },
    parallel_tool_calls: { type: ['boolean', 'null'] },
    text: nullable({ type: 'object', properties: { format: textFormat, verbosity: { type: ['string', 'null'], enum: ['low', 'medium', 'high', null] } } }),
    max_output_tokens: nullable({ type: 'integer', minimum: 16 }),
    max_tool_calls: nullable({ type: 'integer', minimum: 1 }),
    reasoning: nullable({
      type: 'object',
      properties: {
        effort: { type: ['string', 'null'], enum: ['none', 'minimal', 'low', 'medium', 'high', 'xhigh', null] },
        summary: { type: ['string', 'null'], enum: ['auto', 'concise', 'detailed', null] },
      },
    }),
    temperature: nullable({ type: 'number', minimum: 0, maximum: 2 }),
    top_p: nullable({ type: 'number', minimum: 0, maximum: 1 }),
    top_logprobs: nullable({ type: 'integer', minimum: 0, maximum: 20 }),
    metadata: nullable({ type: 'object', maxProperties: 16, additionalProperties: { type: 'string', maxLength: 512 } }),
    include: nullable({ type: 'array', items: { type: 'string' } }),
    truncation: { type: ['string', 'null'], enum: ['auto', 'disabled', null] },
    user: { type: 'string' },
  },
} as const;
