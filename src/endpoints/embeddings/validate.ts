import { invalidRequest } from '../../base/errors.js';
import type { JsonPlan } from '../../base/plan.js';
import { validateBody } from '../../spec/validate-body.js';
import type { Checked } from '../endpoint.js';
import { embeddingModel, MAX_INPUTS } from './models.js';
import { embeddingsRequestSchema } from './schema.js';
import type { EmbeddingsCall, EmbeddingsRequest } from './request.js';

/** The highest cl100k_base id the API takes in a token array (`<|endoftext|>`). */
const MAX_TOKEN_ID = 100_257;

// The real API's wordings; its input errors name no param.
const SHAPE = invalidRequest("'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.");
const emptyString = (at: string) => invalidRequest(`Invalid '${at}': input cannot be an empty string.`);
const emptyArray = (at: string) => invalidRequest(`Invalid '${at}': input cannot be an empty array.`);
const tooLong = (at: string) => invalidRequest(`Invalid '${at}': array length must be ${MAX_INPUTS} or less.`);

const isTokenId = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_TOKEN_ID;

/** The four shapes of `input`, as one entry per vector; or the real API's 400. */
function readInputs(input: unknown): Checked<Array<string | number[]>> {
  if (typeof input === 'string') return input ? { ok: true, value: [input] } : { ok: false, error: emptyString('input') };
  if (!Array.isArray(input)) return { ok: false, error: SHAPE };
  if (input.length === 0) return { ok: false, error: emptyArray('input') };
  if (input.length > MAX_INPUTS) return { ok: false, error: tooLong('input') };
  if (input.every((item) => typeof item === 'string')) {
    const empty = input.findIndex((text) => text === '');
    return empty < 0 ? { ok: true, value: input as string[] } : { ok: false, error: emptyString(`input[${empty}]`) };
  }
  if (input.every(isTokenId)) return { ok: true, value: [input as number[]] };
  if (input.every((item) => Array.isArray(item) && item.every(isTokenId))) {
    const empty = input.findIndex((ids: number[]) => ids.length === 0);
    return empty < 0 ? { ok: true, value: input as number[][] } : { ok: false, error: emptyArray(`input[${empty}]`) };
  }
  return { ok: false, error: SHAPE };
}

function checkOptions(req: EmbeddingsRequest, full: number, shortens: boolean): JsonPlan | undefined {
  const format = req.encoding_format;
  if (format != null && format !== 'float' && format !== 'base64') {
    return invalidRequest(`Invalid value: '${format}'. Supported values are: 'float' and 'base64'.`, 'encoding_format', 'invalid_value');
  }
  // Even `dimensions: null` is refused by models that cannot shorten.
  if (req.dimensions !== undefined && !shortens) return invalidRequest('This model does not support specifying dimensions.');
  if (req.dimensions != null && req.dimensions > full) {
    return invalidRequest(`Invalid 'dimensions': Must be less than or equal to ${full}.`, 'dimensions', 'integer_above_max_value');
  }
  return undefined;
}

/** A parsed body as an embeddings call, or the 400 the real API gives. Token limits need the tokenizer: answer() checks them. */
export function readEmbeddings(body: unknown): Checked<EmbeddingsCall> {
  const invalid = validateBody(body, embeddingsRequestSchema, 'embeddings-request');
  if (invalid) return { ok: false, error: invalid };
  const request = body as EmbeddingsRequest;
  const inputs = readInputs(request.input);
  if (!inputs.ok) return inputs;
  const model = embeddingModel(request.model);
  const rejected = checkOptions(request, model.dimensions, model.shortens);
  if (rejected) return { ok: false, error: rejected };
  return { ok: true, value: { request, inputs: inputs.value, model, size: request.dimensions ?? model.dimensions } };
}
