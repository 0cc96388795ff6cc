/** The embeddings request as JSON Schema: its fields' types; `validate.ts` checks `input` and words its errors as the API does. */
export const embeddingsRequestSchema = {
  type: 'object',
  required: ['model', 'input'],
  properties: {
    model: { type: 'string' },
    input: {},
    encoding_format: { type: ['string', 'null'] },
    dimensions: { type: ['integer', 'null'], minimum: 1 },
    user: { type: 'string' },
  },
};
