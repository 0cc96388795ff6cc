import { errorPlan, invalidRequest } from '../../base/errors.js';
import { unbrokenRunProblem } from '../../generate/run-limit.js';
import type { JsonPlan, Plan } from '../../base/plan.js';
import { type Encoder, encoderNow, TokenTally } from '../../generate/tokens.js';
import { type Maybe, andThen } from '../../base/maybe.js';
import type { AnswerContext } from '../endpoint.js';
import { jsonAnswer } from '../pacing.js';
import { float32Base64 } from './base64.js';
import { MAX_INPUT_TOKENS, MAX_REQUEST_TOKENS } from './models.js';
import type { EmbeddingsCall, EmbeddingsResponse } from './request.js';
import { embedText, vectorSeed } from './vector.js';

/** What one request keeps (generation is pure): its texts and token count, and its encoded answer when small. */
export interface EmbeddingsMemo {
  measured: Measured;
  body: string;
}

interface Measured {
  texts: string[];
  tokens: number;
}

/**
 * Answers are kept per identical request, up to this size: a chat answer is a
 * few KB, but a request's vectors can be megabytes, and the mock remembers
 * hundreds of requests.
 */
const MAX_KEPT_ANSWER = 256 * 1024;

/** Each input's text and the request's token total, or the real API's 400 for too many tokens. */
function measure(call: EmbeddingsCall, encoder: Encoder): Measured | JsonPlan {
  const texts: string[] = [];
  // Each input is counted only until it is over its own limit, the request until it is over its total (see TokenTally).
  const tally = new TokenTally(encoder, MAX_REQUEST_TOKENS);
  // A lone text or token array is `input`; an entry of a list is `input[i]`.
  const lone = typeof call.request.input === 'string' || typeof call.request.input[0] === 'number';
  for (const [i, input] of call.inputs.entries()) {
    const at = lone ? 'input' : `input[${i}]`;
    const unbroken = unbrokenRunProblem(input, at);
    if (unbroken) return unbroken;
    if (typeof input !== 'string') tally.add(input.length);
    const count = typeof input === 'string' ? tally.text(input, MAX_INPUT_TOKENS) : input.length;
    if (count > MAX_INPUT_TOKENS) return invalidRequest(`Invalid '${at}': maximum input length is ${MAX_INPUT_TOKENS} tokens.`);
    if (tally.stopped) break;
    texts.push(typeof input === 'string' ? input : encoder.decode(input));
  }
  const tokens = tally.total;
  if (tally.stopped || tokens > MAX_REQUEST_TOKENS) {
    return errorPlan({
      status: 400,
      message: `Requested ${tally.stopped ? 'more than ' : ''}${tokens} tokens, max ${MAX_REQUEST_TOKENS} tokens per request`,
      type: 'max_tokens_per_request',
      code: 'max_tokens_per_request',
    });
  }
  return { texts, tokens };
}

function encode(call: EmbeddingsCall, measured: Measured, seed: number): string {
  const { request, model, size } = call;
  const base = vectorSeed(seed, request.model);
  const base64 = request.encoding_format === 'base64';
  const response: EmbeddingsResponse = {
    object: 'list',
    data: measured.texts.map((text, index) => {
      const vector = embedText(text, base, model.dimensions, size);
      // Floats are the float32 values in full: they equal what base64 decodes to.
      return { object: 'embedding', index, embedding: base64 ? float32Base64(vector) : Array.from(vector) };
    }),
    model: model.answersAs,
    usage: { prompt_tokens: measured.tokens, total_tokens: measured.tokens },
  };
  return JSON.stringify(response);
}

/** The vectors as JSON, after the reply's latency. At once when the tokenizer is loaded. */
export function answerEmbeddings(call: EmbeddingsCall, ctx: AnswerContext<EmbeddingsMemo>): Maybe<Plan> {
  if (ctx.memo.measured) return vectors(call, ctx, ctx.memo.measured);
  return andThen(encoderNow('cl100k_base'), (encoder) => {
    const result = measure(call, encoder);
    // A 400 is built afresh each time: the mock stamps headers (request id, rule) on the plan.
    if ('kind' in result) return result;
    return vectors(call, ctx, (ctx.memo.measured = result));
  });
}

function vectors(call: EmbeddingsCall, ctx: AnswerContext<EmbeddingsMemo>, measured: Measured): Plan {
  let body = ctx.memo.body;
  if (body === undefined) {
    body = encode(call, measured, ctx.seed);
    if (body.length <= MAX_KEPT_ANSWER) ctx.memo.body = body;
  }
  return jsonAnswer(body, ctx);
}
