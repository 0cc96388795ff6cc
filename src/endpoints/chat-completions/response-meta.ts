import { Lru } from '../../base/lru.js';
import type { Generated } from '../../generate/completion.js';
import type { Tokenized } from '../../generate/bpe.js';
import type { Usage } from '../../spec/types.js';
import { piecesJson } from '../../generate/text.js';
import { completionId, systemFingerprint, toolCallId } from '../../base/ids.js';

/** The fields every completion and every chunk of one answer share. */
export interface ResponseMeta {
  id: string;
  created: number;
  model: string;
  system_fingerprint: string;
  service_tier: string;
  /** One id per tool call, per choice, shared by the body and the stream. */
  toolCallIds: string[][];
  /** Whether there are any: only then does cached text hold id slots to fill. */
  slotted: boolean;
}

// A hash per call adds up at thousands of responses a second; models are few.
const fingerprints = new Lru<string, string>(1000);
const fingerprintOf = (model: string): string => fingerprints.memo(model, () => systemFingerprint(model));

export function responseMeta(model: string, generated: Generated, nowMs: number): ResponseMeta {
  const slotted = generated.choices.some((choice) => choice.toolCalls.length > 0);
  return {
    id: completionId(),
    created: Math.floor(nowMs / 1000),
    model,
    system_fingerprint: fingerprintOf(model),
    service_tier: 'default',
    // Most answers have no tool call: no arrays to make for them.
    toolCallIds: slotted ? generated.choices.map((choice) => choice.toolCalls.map(() => toolCallId())) : NO_CALLS,
    slotted,
  };
}
const NO_CALLS: string[][] = [];

/** Stands in for a tool call's id in cached JSON text; real ids are fresh per response. */
export const idSlot = (choice: number, index: number) => `call_\u0000${choice}_${index}`;
const ID_SLOT_JSON = /call_\\u0000(\d+)_(\d+)/g;

/** Cached JSON text with this response's tool-call ids in place of the slots. */
export function fillIds(json: string, meta: ResponseMeta): string {
  return meta.slotted ? json.replace(ID_SLOT_JSON, (_, c: string, i: string) => meta.toolCallIds[Number(c)]![Number(i)]!) : json;
}

/**
 * `JSON.stringify(usage)`, written out: ten times faster, and every answer has one.
 * The usage object is the generator's own (completion.ts), always of this shape.
 */
export function usageJson(u: Usage): string {
  const p = u.prompt_tokens_details;
  const c = u.completion_tokens_details;
  return (
    `{"prompt_tokens":${u.prompt_tokens},"completion_tokens":${u.completion_tokens},"total_tokens":${u.total_tokens},` +
    `"prompt_tokens_details":{"cached_tokens":${p.cached_tokens},"audio_tokens":${p.audio_tokens}},` +
    `"completion_tokens_details":{"reasoning_tokens":${c.reasoning_tokens},"audio_tokens":${c.audio_tokens},` +
    `"accepted_prediction_tokens":${c.accepted_prediction_tokens},"rejected_prediction_tokens":${c.rejected_prediction_tokens}}` +
    `${u.total_time === undefined ? '' : `,"total_time":${u.total_time}`}}`
  );
}

const textJson = (tokenized: Tokenized | null): string => (tokenized ? piecesJson(tokenized.pieces) : 'null');

/**
 * A completion's JSON after its `id`, `object` and `created` fields: the same
 * for every response to one request, so it is encoded once. Written out field
 * by field (in the API's order): a request's answer is new text,
 * and stringifying the whole body object is a large part of its cost.
 */
export function completionTail(generated: Generated, model: string, withLogprobs: boolean): string {
  let choices = '';
  for (const choice of generated.choices) {
    const calls = choice.toolCalls.map((call, i) => ({
      id: idSlot(choice.index, i),
      type: 'function',
      function: { name: call.name, arguments: call.arguments.pieces.join('') },
    }));
    const logprobs = withLogprobs ? `,"logprobs":${choice.logprobs ? JSON.stringify({ content: choice.logprobs, refusal: null }) : 'null'}` : '';
    choices +=
      `${choices ? ',' : ''}{"index":${choice.index},"message":{"role":"assistant","content":${textJson(choice.content)},"refusal":${textJson(choice.refusal)}` +
      `${calls.length > 0 ? `,"tool_calls":${JSON.stringify(calls)}` : ''},"annotations":[]}${logprobs},"finish_reason":${JSON.stringify(choice.finishReason)}}`;
  }
  return `"model":${JSON.stringify(model)},"choices":[${choices}],"usage":${usageJson(generated.usage)},"service_tier":"default","system_fingerprint":${JSON.stringify(fingerprintOf(model))}}`;
}

export function renderCompletion(tail: string, meta: ResponseMeta): string {
  return `{"id":"${meta.id}","object":"chat.completion","created":${meta.created},${fillIds(tail, meta)}`;
}
