import { errorPlan, invalidRequest } from '../../base/errors.js';
import type { JsonPlan, Plan } from '../../base/plan.js';
import { generateAnswer } from '../../generate/answer.js';
import { type Maybe, andThen } from '../../base/maybe.js';
import type { SchemaParams } from '../../generate/schema-check.js';
import type { Generated } from '../../generate/completion.js';
import type { ReplySpec } from '../../scenarios/types.js';
import type { GenerationRequest } from '../../spec/conversation.js';
import { isReasoningModel, modelInfo } from '../../spec/models.js';
import type { AnswerContext } from '../endpoint.js';
import { eventsOf } from '../../base/frames.js';
import { jsonAnswer, paceOf, sseAnswer, streamAnswer } from '../pacing.js';
import { itemId } from './ids.js';
import { CONTEXT_EXCEEDED, contextExceededEvents, failureEvents, streamEvents } from './events.js';
import { echo, finishedJson, outputItems, responseFrame, type ResponseFrame, type ResponseIds } from './render.js';
import { type ResponseStore, StoredResponse } from './store.js';
import type { InputItem, ResponsesRequest } from './types.js';

/** A request read against the stored responses: what generation and the store need. */
export interface ResponsesCall {
  req: ResponsesRequest;
  /** The conversation before this input (from `previous_response_id`). */
  history: InputItem[];
  /** This request's input: as the request gave it when it is a string (the store makes the items when asked), else its items with references resolved. */
  rawInput: string | InputItem[];
  generation: GenerationRequest;
  /** Read against stored responses (`previous_response_id`, item references): not reusable once the store changes. */
  stateful: boolean;
}

/** Where the Responses API puts the schemas an error may blame. */
const SCHEMA_PARAMS: SchemaParams = { tool: (i) => `tools[${i}].parameters`, format: 'text.format.schema', messages: 'input' };

/** Kept per identical body and reply: the generated answer. */
export interface ResponsesMemo {
  generated: Generated;
}

const scripted = (reply: ReplySpec) => reply.content !== undefined || reply.toolCalls !== undefined || reply.refusal !== undefined;

/** Built-in tools (web search, file search, ...) need OpenAI's servers: only a scenario rule can answer for them. */
function builtInTool(req: ResponsesRequest): JsonPlan | undefined {
  if (!req.tools && typeof req.tool_choice !== 'object') return undefined;
  const at = (req.tools ?? []).findIndex((tool) => tool.type !== 'function');
  const choice = req.tool_choice;
  const chosen = choice && typeof choice === 'object' && !['function', 'allowed_tools'].includes(choice.type) ? choice.type : undefined;
  const type = at >= 0 ? req.tools![at]!.type : chosen;
  if (type === undefined) return undefined;
  return invalidRequest(
    `completions-mock cannot run the built-in tool '${type}': only function tools are generated. Script this answer with a scenario rule (reply.content or reply.toolCalls), or leave the tool out.`,
    at >= 0 ? `tools[${at}].type` : 'tool_choice',
    'unsupported_tool',
  );
}

/** Parameters the real API rejects for this model, worded as it does. */
function checkModelParams(req: ResponsesRequest): JsonPlan | undefined {
  const unsupported = (param: string) => invalidRequest(`Unsupported parameter: '${param}' is not supported with this model.`, param, 'unsupported_parameter');
  if (isReasoningModel(req.model)) {
    if (req.temperature != null && req.temperature !== 1) return unsupported('temperature');
    if (req.top_p != null && req.top_p !== 1) return unsupported('top_p');
  } else if (req.reasoning?.effort != null) return unsupported('reasoning.effort');
  const info = modelInfo(req.model);
  const max = req.max_output_tokens;
  if (info && max != null && max > info.maxOutputTokens) {
    return invalidRequest(
      `max_output_tokens is too large: ${max}. This model supports at most ${info.maxOutputTokens} output tokens, whereas you provided ${max}.`,
      'max_output_tokens',
      'invalid_value',
    );
  }
  return undefined;
}

/** The input is over the model's context window: a 400, or in a stream an `error` event (see contextExceededEvents). */
const OVER_WINDOW = Symbol('over the context window');

function generated(call: ResponsesCall, ctx: AnswerContext<ResponsesMemo>): Maybe<Generated | JsonPlan | typeof OVER_WINDOW> {
  if (ctx.memo.generated) return ctx.memo.generated;
  const rejected = (scripted(ctx.reply) ? undefined : builtInTool(call.req)) ?? checkModelParams(call.req);
  if (rejected) return rejected;
  return andThen(generateAnswer(call.generation, ctx.reply, ctx.seed, SCHEMA_PARAMS), (answer) => {
    if (!answer.ok) return 'error' in answer ? answer.error : OVER_WINDOW;
    return (ctx.memo.generated = answer.generated);
  });
}

/** The answer to an input over the model's context window: the real API's 400, or its stream that ends in an error. */
function overWindow(call: ResponsesCall, ctx: AnswerContext<ResponsesMemo>): Plan {
  if (!call.req.stream) return invalidRequest(CONTEXT_EXCEEDED, 'input', 'context_length_exceeded');
  const now = ctx.now();
  const frame: ResponseFrame = {
    id: itemId('resp_'),
    created: Math.floor(now / 1000),
    echo: echo(call.req),
    inputTokens: 0,
    outputTokens: 0,
    reasoningTokens: 0,
  };
  return sseAnswer(contextExceededEvents(frame), paceOf(ctx), ctx);
}

/** Fresh ids for the items this answer has. */
function freshIds(reasoning: boolean, choice: Generated['choices'][number], now: number): ResponseIds {
  const calls = choice.toolCalls.length;
  const fc: string[] = calls ? new Array<string>(calls) : NO_IDS;
  const call: string[] = calls ? new Array<string>(calls) : NO_IDS;
  for (let i = 0; i < calls; i++) {
    fc[i] = itemId('fc_');
    call[i] = itemId('call_', 12);
  }
  const msg = choice.content || choice.refusal ? itemId('msg_') : '';
  return { resp: itemId('resp_'), created: Math.floor(now / 1000), msg, rs: reasoning ? itemId('rs_') : '', fc, call };
}
const NO_IDS: string[] = [];

/** `POST /responses`: a response as JSON or as named SSE events; stored unless `store: false`. */
export function answerResponses(call: ResponsesCall, ctx: AnswerContext<ResponsesMemo>, store: ResponseStore): Maybe<Plan> {
  return andThen(generated(call, ctx), (result) => respond(call, ctx, store, result));
}

function respond(call: ResponsesCall, ctx: AnswerContext<ResponsesMemo>, store: ResponseStore, result: Generated | JsonPlan | typeof OVER_WINDOW): Plan {
  if (result === OVER_WINDOW) return overWindow(call, ctx);
  if ('kind' in result) return result;
  const { req } = call;
  const { reply } = ctx;
  const choice = result.choices[0]!;
  const reasoning = isReasoningModel(req.model);
  const ids = freshIds(reasoning, choice, ctx.now());
  const items = outputItems(choice, ids);
  const frame = responseFrame(echo(req), result, ids);
  const body = finishedJson(frame, choice, items);
  // A failed stream leaves nothing to continue from.
  if (req.store !== false && !(req.stream && reply.streamErrorAfterChunks !== undefined)) {
    store.add(new StoredResponse(frame, ids, choice, call.rawInput, call.history));
  }
  if (!req.stream) return jsonAnswer(body, ctx);
  const pace = paceOf(ctx);
  const text = streamEvents(frame, choice, items, body);
  const failAfter = reply.streamErrorAfterChunks;
  if (failAfter === undefined) return sseAnswer(text, pace, ctx);
  // As chat's error replaces its [DONE]: at the latest, the failure replaces the final event.
  const events = eventsOf(text, pace.first, pace.gap);
  events.length = Math.min(failAfter, events.length - 1);
  events.push(...eventsOf(failureEvents(frame, events.length), events.length ? pace.gap : pace.first, pace.gap));
  return streamAnswer(events, ctx);
}

/** The 404 for an id the store does not hold (never stored, deleted, evicted or `store: false`). */
export const responseNotFound = (id: string): JsonPlan => errorPlan({ status: 404, message: `Response with id '${id}' not found.`, param: null, code: null });
