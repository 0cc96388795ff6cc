import { type Generated, generateCompletion } from '../generate/completion.js';
import { hashStable } from '../generate/rng.js';
import { loadFaker, needsFaker } from '../generate/faker.js';
import { countPromptTokens, loadEncoder } from '../generate/tokens.js';
import type { ReplySpec } from '../scenarios/types.js';
import type { ChatCompletionRequest } from '../spec/types.js';
import { chunkTails, renderChunks } from '../stream/chunks.js';
import { errorBody, invalidRequest } from './errors.js';
import { apiHeaders, JSON_TYPE, SSE_TYPE } from './headers.js';
import { encodingFor, isReasoningModel, modelInfo } from './models.js';
import type { JsonPlan, Plan, StreamEvent } from './plan.js';
import { completionTail, renderCompletion, responseMeta } from './response-meta.js';

export interface ChatContext {
  seed: number;
  now: () => number;
  /** False turns every simulated delay off. */
  latency: boolean;
}

/**
 * The content seed: the mock's seed and the conversation, nothing else, so
 * knobs like `stream` or `max_tokens` never change what is said.
 */
export function conversationSeed(req: ChatCompletionRequest, seed: number): number {
  // An explicit null is the same as leaving the field out. Hashed as its stable JSON, unbuilt.
  const conversation = {
    model: req.model,
    messages: req.messages,
    tools: req.tools ?? undefined,
    tool_choice: req.tool_choice ?? undefined,
    response_format: req.response_format ?? undefined,
    seed: req.seed ?? undefined,
  };
  return hashStable(conversation, seed) % 0x7fffffff;
}

/** Parameters the real API rejects for reasoning models, worded as it does. */
function checkModelParams(req: ChatCompletionRequest): JsonPlan | undefined {
  if (isReasoningModel(req.model)) {
    if (req.max_tokens != null) {
      return invalidRequest(
        "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
        'max_tokens',
        'unsupported_parameter',
      );
    }
    if (req.temperature != null && req.temperature !== 1) {
      return invalidRequest(
        `Unsupported value: 'temperature' does not support ${req.temperature} with this model. Only the default (1) value is supported.`,
        'temperature',
        'unsupported_value',
      );
    }
  }
  const info = modelInfo(req.model);
  const maxTokens = req.max_completion_tokens ?? req.max_tokens;
  if (info && maxTokens != null && maxTokens > info.maxOutputTokens) {
    const param = req.max_completion_tokens != null ? 'max_completion_tokens' : 'max_tokens';
    return invalidRequest(
      `${param} is too large: ${maxTokens}. This model supports at most ${info.maxOutputTokens} completion tokens, whereas you provided ${maxTokens}.`,
      param,
      'invalid_value',
    );
  }
  return undefined;
}

const STREAM_ERROR = JSON.stringify(errorBody({ status: 500 }));

function streamEvents(chunks: string[], reply: ReplySpec, enabled: boolean, first: number): StreamEvent[] {
  const { latency, streamErrorAfterChunks: errorAfter } = reply;
  const gap = enabled && latency?.tokensPerSecond ? 1000 / latency.tokensPerSecond : 0;
  const sent = errorAfter === undefined ? chunks : chunks.slice(0, errorAfter);
  const events = sent.map((data, i) => ({ data, delayMs: i === 0 ? first : gap }));
  // The real API reports a failure mid-stream as an error event, with no [DONE] after it.
  events.push({ data: errorAfter === undefined ? '[DONE]' : STREAM_ERROR, delayMs: 0 });
  return events;
}

/** The generated answer, or the 400 the real API gives instead (unsupported parameters, context window). */
export async function generateChat(req: ChatCompletionRequest, reply: ReplySpec, seed: number): Promise<Generated | JsonPlan> {
  const rejected = checkModelParams(req);
  if (rejected) return rejected;
  const encoding = encodingFor(req.model);
  const encoder = await loadEncoder(encoding);
  const promptTokens = countPromptTokens(req, encoder, encoding);
  const info = modelInfo(req.model);
  if (info && promptTokens > info.contextWindow) {
    return invalidRequest(
      `This model's maximum context length is ${info.contextWindow} tokens. However, your messages resulted in ${promptTokens} tokens. Please reduce the length of the messages.`,
      'messages',
      'context_length_exceeded',
    );
  }
  if (needsFaker(req, reply)) await loadFaker();
  return generateCompletion(req, conversationSeed(req, seed), encoder, reply, promptTokens);
}

/** A generated answer as a JSON completion or an SSE stream, with fresh ids. */
/** A generated answer, with its stream's chunk text once it was first streamed. */
export interface Rendered {
  generated: Generated;
  tails?: string[];
  tail?: string;
}

export function renderChat(req: ChatCompletionRequest, rendered: Rendered, reply: ReplySpec, ctx: ChatContext, started: number): Plan {
  const { generated } = rendered;
  if (reply.hang) return { kind: 'hang' };
  const meta = responseMeta(req.model, generated, ctx.now());
  // The first token is due firstTokenMs after the request arrived, whatever generating took.
  const firstTokenMs = ctx.latency ? Math.max(0, (reply.latency?.firstTokenMs ?? 0) - (ctx.now() - started)) : 0;
  const withLogprobs = !isReasoningModel(req.model);
  if (req.stream) {
    rendered.tails ??= chunkTails(generated, { includeUsage: req.stream_options?.include_usage === true, withLogprobs });
    const chunks = renderChunks(rendered.tails, meta);
    return {
      kind: 'stream',
      status: 200,
      headers: { ...apiHeaders(SSE_TYPE, ctx.now() - started), 'cache-control': 'no-cache' },
      events: streamEvents(chunks, reply, ctx.latency, firstTokenMs),
      ...(reply.disconnectAfterChunks !== undefined ? { disconnectAfter: reply.disconnectAfterChunks } : {}),
    };
  }
  return {
    kind: 'json',
    status: 200,
    headers: apiHeaders(JSON_TYPE, ctx.now() - started),
    body: renderCompletion((rendered.tail ??= completionTail(generated, req.model, withLogprobs)), meta),
    raw: true,
    ...(firstTokenMs > 0 ? { delayMs: firstTokenMs } : {}),
  };
}
