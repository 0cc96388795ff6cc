/**
 * The scenario file format as JSON Schema. The loader validates with it, and
 * the build writes it to `scenario.schema.json` for editors (`$schema`).
 */

export const ERROR_STATUSES = [400, 401, 403, 404, 409, 422, 429, 500, 503] as const;

const text = { type: 'string' };
const messageMatch = {
  type: 'object',
  additionalProperties: false,
  description: 'Holds when one message has all of these.',
  properties: {
    role: { enum: ['system', 'developer', 'user', 'assistant', 'tool'] },
    contains: { ...text, description: 'Substring of the message text (case-sensitive).' },
    matches: {
      ...text,
      description: 'Regular expression (RE2 syntax, matched in linear time: no lookaround or backreferences) tested against the message text.',
    },
    toolName: { ...text, description: 'For a tool result: the name of the tool it answers.' },
  },
};

const reply = {
  type: 'object',
  additionalProperties: false,
  description: 'Answer with a completion. Every key is optional: what is omitted is generated.',
  properties: {
    content: { ...text, description: 'Literal content; omit for generated text.' },
    toolCalls: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name'],
        properties: {
          name: text,
          arguments: {
            type: ['object', 'string'],
            description: "Literal arguments; omit to generate them from the tool's JSON schema.",
          },
        },
      },
    },
    finishReason: { enum: ['stop', 'length', 'tool_calls', 'content_filter'] },
    maxTokens: { type: 'integer', minimum: 0, description: 'Cut the reply after this many tokens (finish_reason length).' },
    refusal: { ...text, description: 'Refuse with this text (message.refusal).' },
    latency: {
      type: 'object',
      additionalProperties: false,
      properties: {
        firstTokenMs: { type: 'number', minimum: 0 },
        tokensPerSecond: { type: 'number', exclusiveMinimum: 0 },
      },
    },
    disconnectAfterChunks: { type: 'integer', minimum: 0, description: 'Fault: drop a stream after this many chunks.' },
    streamErrorAfterChunks: {
      type: 'integer',
      minimum: 0,
      description: 'Send a mid-stream `data: {"error": ...}` event after this many chunks, then end the stream.',
    },
    hang: { type: 'boolean', description: 'Never answer: the client times out.' },
  },
};

const error = {
  type: 'object',
  additionalProperties: false,
  required: ['status'],
  description: "Answer with the real API's error body for this status.",
  properties: {
    status: { enum: [...ERROR_STATUSES] },
    type: text,
    code: { type: ['string', 'null'] },
    message: text,
    param: { type: ['string', 'null'] },
    headers: { type: 'object', additionalProperties: { type: 'string' } },
    retryAfter: { type: 'number', minimum: 0, description: 'Seconds; sets retry-after and retry-after-ms.' },
  },
};

const step = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  maxProperties: 1,
  properties: { reply, error },
};

export const scenarioSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://unpkg.com/completions-mock/scenario.schema.json',
  title: 'completions-mock scenario',
  type: 'object',
  additionalProperties: false,
  required: ['rules'],
  properties: {
    $schema: text,
    name: text,
    rules: {
      type: 'array',
      description: 'First matching rule wins.',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          name: { ...text, description: 'Shown in the journal, the x-mock-rule header and the log.' },
          match: {
            type: 'object',
            additionalProperties: false,
            description: 'Every key given must hold; an empty or missing match matches every request.',
            properties: {
              model: { ...text, description: 'Glob: * and ?.' },
              lastMessage: messageMatch,
              anyMessage: messageMatch,
              tool: { ...text, description: 'The request offers a tool of this name.' },
              hasToolResult: { type: 'boolean' },
              stream: { type: 'boolean' },
              responseFormat: { enum: ['text', 'json_object', 'json_schema'] },
              header: { type: 'object', additionalProperties: { type: 'string' } },
              endpoint: {
                ...text,
                examples: ['chat.completions', 'responses', 'embeddings'],
                description: 'The endpoint the request is for (chat.completions, responses, embeddings, or one of your own); absent = any.',
              },
            },
          },
          reply,
          error,
          sequence: { type: 'array', minItems: 1, items: step, description: 'One step per matching call; the last repeats.' },
          times: { type: 'integer', minimum: 1, description: 'Stop matching after this many calls.' },
        },
      },
    },
  },
} as const;

/** How the scenario validator is compiled (at build time, scripts/build-validators.mjs): every problem is wanted, not just the first. */
export const scenarioAjvOptions = { allErrors: true, strict: false, verbose: true } as const;
