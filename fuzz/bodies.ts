import { Ajv } from 'ajv';
import fc from 'fast-check';
import { chatCompletionChunkSchema, chatCompletionSchema, errorResponseSchema } from '../src/spec/response-schemas.js';

/**
 * Request bodies as an attacker and a careless user would send them: mostly
 * well-formed chat completions with random schemas, tools, knobs and text,
 * some broken in one field, some not JSON at all. Shared by `npm run fuzz`
 * and the suite's smoke run.
 */

type Json = Record<string, unknown>;

const PATTERNS = ['^[a-z]+$', '^[A-Z]{3}-\\d{4}$', '(a+)+$', '^\\w{2,8}@example\\.com$', '[0-9a-f]{8}', '^x_'];
const FAKER_KEYS = ['faker', 'chance', 'casual', 'jsonPath', 'x-faker', 'template'];

const bound = fc.oneof(fc.integer({ min: -5, max: 50 }), fc.constantFrom(0, 1, 600, 5000, 1e9, 2 ** 60, -(2 ** 60), 1e308));

const leaf: fc.Arbitrary<Json> = fc.oneof(
  fc.record(
    {
      type: fc.constant('string'),
      minLength: bound,
      maxLength: bound,
      pattern: fc.constantFrom(...PATTERNS),
      format: fc.constantFrom('email', 'date-time', 'uuid', 'uri'),
    },
    { requiredKeys: ['type'] },
  ),
  fc.record(
    { type: fc.constantFrom('integer', 'number'), minimum: bound, maximum: bound, exclusiveMinimum: bound, multipleOf: fc.constantFrom(1, 2, 0.5) },
    { requiredKeys: ['type'] },
  ),
  fc.record({ type: fc.constantFrom('boolean', 'null') }),
  fc.record({ enum: fc.array(fc.oneof(fc.string({ maxLength: 12 }), fc.integer()), { minLength: 1, maxLength: 6 }) }),
  fc.record({ const: fc.jsonValue({ maxDepth: 2 }) }),
  fc.constantFrom<Json>({}, { not: {} }, { $ref: '#' }, { $ref: '#/%E0' }, { $ref: '#/$defs/nope' }, { $ref: 'https://example.com/s.json' }),
  fc.record(
    {
      type: fc.constant('string'),
      [FAKER_KEYS[0]!]: fc.constantFrom('constructor.constructor', 'internet.email'),
      [FAKER_KEYS[3]!]: fc.constant('$.a'),
      [FAKER_KEYS[5]!]: fc.constant('T-#{a}'),
    },
    { requiredKeys: ['type'] },
  ),
);

export const schema: fc.Arbitrary<Json> = fc.letrec<{ node: Json }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record(
      {
        type: fc.constant('array'),
        items: tie('node'),
        minItems: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constantFrom(500, 600)),
        maxItems: bound,
        uniqueItems: fc.boolean(),
      },
      { requiredKeys: ['type', 'items'] },
    ),
    fc.dictionary(fc.stringMatching(/^[a-z_]{1,10}$/), tie('node'), { maxKeys: 5 }).chain((properties) =>
      fc.record(
        {
          type: fc.constant('object'),
          properties: fc.constant(properties),
          required: fc.subarray(Object.keys(properties)),
          additionalProperties: fc.oneof(fc.boolean(), tie('node')),
          propertyNames: fc.record({ pattern: fc.constantFrom(...PATTERNS) }),
          patternProperties: fc.dictionary(fc.constantFrom(...PATTERNS), tie('node'), { maxKeys: 1 }),
          minProperties: fc.integer({ min: 0, max: 8 }),
        },
        { requiredKeys: ['type', 'properties'] },
      ),
    ),
    fc.record({ anyOf: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ allOf: fc.array(tie('node'), { minLength: 1, maxLength: 2 }) }),
  ),
})).node;

/** Schemas as applications write them (zod, pydantic): objects of plain fields, lists and enums. */
const plainField: fc.Arbitrary<Json> = fc.oneof(
  fc.record({ type: fc.constant('string'), description: fc.string({ maxLength: 10 }) }, { requiredKeys: ['type'] }),
  fc.record(
    { type: fc.constant('string'), minLength: fc.integer({ min: 0, max: 20 }), maxLength: fc.integer({ min: 20, max: 200 }) },
    { requiredKeys: ['type'] },
  ),
  fc.record({ type: fc.constant('string'), format: fc.constantFrom('email', 'date-time', 'uuid', 'date') }),
  fc.record(
    { type: fc.constantFrom('integer', 'number'), minimum: fc.integer({ min: -100, max: 0 }), maximum: fc.integer({ min: 1, max: 1000 }) },
    { requiredKeys: ['type'] },
  ),
  fc.record({ type: fc.constant('boolean') }),
  fc.record({ type: fc.constant('string'), enum: fc.uniqueArray(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 1, maxLength: 5 }) }),
  fc.record(
    { type: fc.constant('array'), items: fc.record({ type: fc.constantFrom('string', 'integer') }), maxItems: fc.integer({ min: 1, max: 10 }) },
    { requiredKeys: ['type', 'items'] },
  ),
  fc.record({ type: fc.constant(['string', 'null']) }),
);

const plainSchema: fc.Arbitrary<Json> = fc.letrec<{ object: Json }>((tie) => ({
  object: fc
    .dictionary(fc.stringMatching(/^[a-z][a-z_]{0,11}$/), fc.oneof({ depthSize: 'small' }, plainField, plainField, tie('object')), { minKeys: 1, maxKeys: 6 })
    .map((properties) => ({
      type: 'object',
      properties,
      required: Object.keys(properties),
      additionalProperties: false,
    })),
})).object;

const text = fc.oneof(
  { weight: 6, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 100 }) },
  { weight: 1, arbitrary: fc.constantFrom('weather in Paris, json please', 'call every tool', 'x'.repeat(3000), `${'a'.repeat(30)}b`) },
);

const message = fc.oneof(
  fc.record({ role: fc.constantFrom('user', 'system', 'developer'), content: text }),
  fc.record({ role: fc.constant('user'), content: fc.array(fc.record({ type: fc.constant('text'), text }), { maxLength: 3 }) }),
  fc.record({ role: fc.constant('assistant'), content: fc.option(text) }),
  fc.record({ role: fc.constant('tool'), tool_call_id: fc.string({ maxLength: 8 }), content: text }),
  fc.record({ role: fc.string({ maxLength: 6 }), content: fc.jsonValue({ maxDepth: 2 }) }),
);

const tool = fc.record({
  type: fc.constant('function'),
  function: fc.record(
    {
      name: fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,20}$/),
      description: fc.string({ maxLength: 30 }),
      parameters: fc.oneof(plainSchema, schema),
      strict: fc.boolean(),
    },
    { requiredKeys: ['name'] },
  ),
});

const MODELS = ['gpt-4o', 'gpt-4o-mini', 'gpt-4', 'gpt-3.5-turbo', 'o3-mini', 'gpt-5', 'my-local-model', 'gpt-4o*', ''];

const chatBody = fc.record(
  {
    model: fc.oneof(fc.constantFrom(...MODELS), fc.string({ maxLength: 40 })),
    messages: fc.array(message, { minLength: 0, maxLength: 5 }),
    n: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: -2, max: 200 })),
    max_tokens: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constant(1)),
    max_completion_tokens: fc.integer({ min: -1, max: 300 }),
    temperature: fc.double({ min: -1, max: 3, noNaN: true }),
    stream: fc.boolean(),
    stream_options: fc.record({ include_usage: fc.boolean() }),
    tools: fc.array(tool, { maxLength: 4 }),
    tool_choice: fc.oneof(
      fc.constantFrom('auto', 'none', 'required', 'sometimes'),
      fc.record({ type: fc.constant('function'), function: fc.record({ name: fc.string({ maxLength: 8 }) }) }),
    ),
    parallel_tool_calls: fc.boolean(),
    response_format: fc.oneof(
      fc.record({ type: fc.constantFrom('text', 'json_object') }),
      fc.record({
        type: fc.constant('json_schema'),
        json_schema: fc.record({ name: fc.stringMatching(/^[a-z]{1,8}$/), schema, strict: fc.boolean() }, { requiredKeys: ['name'] }),
      }),
    ),
    logprobs: fc.boolean(),
    top_logprobs: fc.integer({ min: 0, max: 21 }),
    stop: fc.oneof(fc.string({ maxLength: 4 }), fc.array(fc.string({ maxLength: 4 }), { maxLength: 4 })),
    seed: fc.integer(),
    user: fc.string({ maxLength: 10 }),
  },
  { requiredKeys: ['model', 'messages'] },
);

const validMessage = fc.record({ role: fc.constantFrom('user', 'system', 'user'), content: text });

/** Bodies the API accepts: the schemas, tools and knobs are where the trouble hides. */
const validBody = fc
  .record(
    {
      model: fc.constantFrom('gpt-4o', 'gpt-4o-mini', 'gpt-4', 'gpt-3.5-turbo', 'my-local-model'),
      messages: fc.array(validMessage, { minLength: 1, maxLength: 4 }),
      n: fc.integer({ min: 1, max: 3 }),
      max_tokens: fc.integer({ min: 1, max: 40 }),
      stream: fc.boolean(),
      stream_options: fc.record({ include_usage: fc.boolean() }),
      tools: fc.array(tool, { minLength: 1, maxLength: 3 }),
      tool_choice: fc.constantFrom('auto', 'none', 'required'),
      response_format: fc.oneof(
        fc.record({ type: fc.constantFrom('text', 'json_object') }),
        fc.record({
          type: fc.constant('json_schema'),
          json_schema: fc.record(
            { name: fc.stringMatching(/^[a-z]{1,8}$/), schema: fc.oneof(plainSchema, plainSchema, schema), strict: fc.boolean() },
            { requiredKeys: ['name', 'schema'] },
          ),
        }),
      ),
      logprobs: fc.boolean(),
      top_logprobs: fc.integer({ min: 0, max: 5 }),
      stop: fc.array(fc.string({ minLength: 1, maxLength: 3 }), { maxLength: 2 }),
      seed: fc.integer(),
    },
    { requiredKeys: ['model', 'messages'] },
  )
  .map((body: Json) => {
    if (!body.stream) delete body.stream_options;
    if (!body.tools) delete body.tool_choice;
    if (body.top_logprobs !== undefined) body.logprobs = true;
    if ((body.response_format as Json | undefined)?.type === 'json_object') (body.messages as Json[]).push({ role: 'user', content: 'answer in json' });
    return body;
  });

/** A request: method, path and body text. */
export interface FuzzRequest {
  path: string;
  method: string;
  body: string;
  headers: Record<string, string>;
}

const headers = fc
  .record(
    {
      authorization: fc.constantFrom('Bearer sk-test', 'Bearer', '', 'Basic x'),
      'content-type': fc.constantFrom('application/json', 'text/plain'),
      'x-test-case': fc.string({ maxLength: 10 }),
    },
    { requiredKeys: [] },
  )
  .map((h) => Object.fromEntries(Object.entries(h).filter(([, v]) => /^[\t\x20-\x7e]*$/.test(v))) as Record<string, string>);

export const request: fc.Arbitrary<FuzzRequest> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record({
      path: fc.constantFrom('/v1/chat/completions', '/openai/v1/chat/completions'),
      method: fc.constant('POST'),
      body: validBody.map((b) => JSON.stringify(b)),
      headers: fc.constant({ 'content-type': 'application/json' }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      path: fc.constantFrom('/v1/chat/completions', '/openai/v1/chat/completions'),
      method: fc.constant('POST'),
      body: chatBody.map((b) => JSON.stringify(b)),
      headers,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      path: fc.constant('/v1/chat/completions'),
      method: fc.constant('POST'),
      body: fc.oneof(
        fc.string({ maxLength: 300 }),
        fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'),
      ),
      headers,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      path: fc.constantFrom('/v1/models', '/v1/models/gpt-4o', '/v1/models/%E0', '/v1/nothing', '/v1/chat/completions/chat/completions'),
      method: fc.constantFrom('GET', 'POST', 'DELETE', 'OPTIONS'),
      body: fc.constant(''),
      headers,
    }),
  },
);

const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false });
const validCompletion = ajv.compile(chatCompletionSchema);
const validChunk = ajv.compile(chatCompletionChunkSchema);
const validError = ajv.compile(errorResponseSchema);

function callerSchemaProblem(schema: unknown, text: string, what: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return `${what} is not JSON: ${text.slice(0, 80)}`;
  }
  let validate;
  try {
    validate = ajv.compile(schema as object);
  } catch {
    return undefined; // a schema our own check refused to compile never reaches a 200
  }
  return validate(value) ? undefined : `${what} breaks the caller's schema: ${ajv.errorsText(validate.errors)} in ${text.slice(0, 120)}`;
}

/** What is wrong with an answer, or undefined: a 5xx, an error that is not the OpenAI JSON shape, a 200 that breaks its schema. */
export function answerProblem(req: FuzzRequest, status: number, contentType: string, text: string): string | undefined {
  if (status >= 500) return `status ${status}: ${text.slice(0, 200)}`;
  if (status === 204) return undefined;
  if (status !== 200) {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return `a ${status} that is not JSON: ${text.slice(0, 120)}`;
    }
    return validError(body) ? undefined : `a ${status} without the OpenAI error shape: ${text.slice(0, 120)}`;
  }
  if (req.method !== 'POST' || !req.path.endsWith('/chat/completions')) return undefined;
  const body = JSON.parse(req.body) as Json;
  const format = body.response_format as { type?: string; json_schema?: { schema?: unknown } } | undefined;
  const tools = (body.tools as Array<{ function: { name: string; parameters?: unknown } }> | undefined) ?? [];
  const checkChoice = (content: string | null | undefined, calls: Array<{ name: string; args: string }>, finish: string): string | undefined => {
    if (finish === 'length' || finish === 'content_filter') return undefined; // cut on purpose
    // A stop sequence cuts the content as the real API does (finish_reason stop); tool arguments are never cut.
    const stops = ([] as unknown[]).concat(body.stop ?? []).filter((x) => typeof x === 'string' && x.length > 0);
    if (stops.length > 0) content = undefined;
    if (format?.type === 'json_schema' && typeof content === 'string') {
      const problem = callerSchemaProblem(format.json_schema?.schema ?? {}, content, 'content');
      if (problem) return problem;
    }
    for (const call of calls) {
      const parameters = tools.find((t) => t.function.name === call.name)?.function.parameters ?? { type: 'object', properties: {} };
      const problem = callerSchemaProblem(parameters, call.args, `arguments of ${call.name}`);
      if (problem) return problem;
    }
    return undefined;
  };
  if (contentType.startsWith('text/event-stream')) {
    const events = text.split('\n\n').filter(Boolean);
    if (events.at(-1) !== 'data: [DONE]') return `a stream that does not end in [DONE]: ${text.slice(-120)}`;
    const contents = new Map<number, string>();
    const calls = new Map<number, Map<number, { name: string; args: string }>>();
    const finish = new Map<number, string>();
    for (const event of events.slice(0, -1)) {
      const chunk = JSON.parse(event.slice('data: '.length));
      if (!validChunk(chunk)) return `a chunk off the wire format: ${event.slice(0, 160)}`;
      for (const choice of chunk.choices) {
        if (typeof choice.delta.content === 'string') contents.set(choice.index, (contents.get(choice.index) ?? '') + choice.delta.content);
        for (const call of choice.delta.tool_calls ?? []) {
          const mine = calls.get(choice.index) ?? new Map();
          calls.set(choice.index, mine);
          const entry = mine.get(call.index) ?? { name: '', args: '' };
          if (call.function?.name) entry.name = call.function.name;
          entry.args += call.function?.arguments ?? '';
          mine.set(call.index, entry);
        }
        if (choice.finish_reason) finish.set(choice.index, choice.finish_reason);
      }
    }
    for (const [index, reason] of finish) {
      const problem = checkChoice(contents.get(index), [...(calls.get(index)?.values() ?? [])], reason);
      if (problem) return problem;
    }
    return undefined;
  }
  let completion: {
    choices: Array<{ message: { content: string | null; tool_calls?: Array<{ function: { name: string; arguments: string } }> }; finish_reason: string }>;
  };
  try {
    completion = JSON.parse(text);
  } catch {
    return `a 200 that is not JSON: ${text.slice(0, 120)}`;
  }
  if (!validCompletion(completion)) return `a completion off the wire format: ${ajv.errorsText(validCompletion.errors)}`;
  for (const choice of completion.choices) {
    const problem = checkChoice(
      choice.message.content,
      (choice.message.tool_calls ?? []).map((c: { function: { name: string; arguments: string } }) => ({ name: c.function.name, args: c.function.arguments })),
      choice.finish_reason,
    );
    if (problem) return problem;
  }
  return undefined;
}

export function sample(count: number, seed: number): FuzzRequest[] {
  return fc.sample(request, { numRuns: count, seed });
}
