import type { JsonPlan, Plan } from '../../base/plan.js';
import { errorBody, invalidRequest } from '../../base/errors.js';
import { generateAnswer } from '../../generate/answer.js';
import { type Maybe, andThen } from '../../base/maybe.js';
import type { Generated } from '../../generate/completion.js';
import { isReasoningModel, modelInfo } from '../../spec/models.js';
import type { ChatCompletionRequest } from '../../spec/types.js';
import type { AnswerContext } from '../endpoint.js';
import { eventsOf } from '../../base/frames.js';
import { jsonAnswer, paceOf, sseAnswer, streamAnswer, unpaced } from '../pacing.js';
import { type ChunkTails, chunkTails, streamText } from './chunks.js';
import { chatGeneration } from './conversation.js';
import { completionTail, renderCompletion, responseMeta } from './response-meta.js';

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
const DONE_FRAME = 'data: [DONE]\n\n';

/** What one request keeps per reply: the generated answer, and its encoded JSON once first sent. */
export interface ChatMemo {
  generated: Generated;
  /** Each stream chunk's JSON after its head fields. */
  tails: ChunkTails;
  /** The completion's JSON after its head fields. */
  tail: string;
}

/** The generated answer, or the 400 the real API gives instead (unsupported parameters, context window). */
function generated(req: ChatCompletionRequest, ctx: AnswerContext<ChatMemo>): Maybe<Generated | JsonPlan> {
  const rejected = checkModelParams(req);
  if (rejected) return rejected;
  return andThen(generateAnswer(chatGeneration(req), ctx.reply, ctx.seed), (answer) => {
    if (!answer.ok) {
      if ('error' in answer) return answer.error;
      return invalidRequest(
        `This model's maximum context length is ${answer.contextWindow} tokens. However, your messages resulted in ${answer.exact ? '' : 'more than '}${answer.promptTokens} tokens. Please reduce the length of the messages.`,
        'messages',
        'context_length_exceeded',
      );
    }
    return (ctx.memo.generated = answer.generated);
  });
}

/** A chat completion, as JSON or as an SSE stream of chunks, with fresh ids; at once when this body was answered before. */
export function answerChat(req: ChatCompletionRequest, ctx: AnswerContext<ChatMemo>): Maybe<Plan> {
  if (ctx.memo.generated) return render(req, ctx.memo.generated, ctx);
  return andThen(generated(req, ctx), (result) => ('kind' in result ? result : render(req, result, ctx)));
}

function render(req: ChatCompletionRequest, result: Generated, ctx: AnswerContext<ChatMemo>): Plan {
  const { reply } = ctx;
  const meta = responseMeta(req.model, result, ctx.now());
  const withLogprobs = !isReasoningModel(req.model);
  if (req.stream) {
    const tails = (ctx.memo.tails ??= chunkTails(result, { includeUsage: req.stream_options?.include_usage === true, withLogprobs }));
    const errorAfter = reply.streamErrorAfterChunks;
    const pace = paceOf(ctx);
    if (errorAfter === undefined && unpaced(pace)) return sseAnswer(streamText(tails, meta, DONE_FRAME), pace, ctx);
    const events = eventsOf(streamText(tails, meta, ''), pace.first, pace.gap);
    // The real API reports a failure mid-stream as an error event, with no [DONE] after it.
    if (errorAfter !== undefined && errorAfter < events.length) events.length = errorAfter;
    events.push({ data: errorAfter === undefined ? '[DONE]' : STREAM_ERROR, delayMs: 0 });
    return streamAnswer(events, ctx);
  }
  return jsonAnswer(renderCompletion((ctx.memo.tail ??= completionTail(result, req.model, withLogprobs)), meta), ctx);
}
