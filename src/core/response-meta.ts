import type { ChatCompletion, ToolCall } from '../spec/types.js';
import type { Generated } from '../generate/completion.js';
import { completionId, systemFingerprint, toolCallId } from './ids.js';

/** The fields every completion and every chunk of one answer share. */
export interface ResponseMeta {
  id: string;
  created: number;
  model: string;
  system_fingerprint: string;
  service_tier: string;
  /** One id per tool call, per choice, shared by the body and the stream. */
  toolCallIds: string[][];
}

export function responseMeta(model: string, generated: Generated, nowMs: number): ResponseMeta {
  return {
    id: completionId(),
    created: Math.floor(nowMs / 1000),
    model,
    system_fingerprint: systemFingerprint(model),
    service_tier: 'default',
    toolCallIds: generated.choices.map((choice) => choice.toolCalls.map(() => toolCallId())),
  };
}

export function completionBody(generated: Generated, meta: ResponseMeta, withLogprobs: boolean): ChatCompletion {
  return {
    id: meta.id,
    object: 'chat.completion',
    created: meta.created,
    model: meta.model,
    choices: generated.choices.map((choice) => {
      const toolCalls: ToolCall[] = choice.toolCalls.map((call, i) => ({
        id: meta.toolCallIds[choice.index]![i]!,
        type: 'function',
        function: { name: call.name, arguments: call.arguments.pieces.join('') },
      }));
      return {
        index: choice.index,
        message: {
          role: 'assistant',
          content: choice.content ? choice.content.pieces.join('') : null,
          refusal: choice.refusal ? choice.refusal.pieces.join('') : null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
          annotations: [],
        },
        ...(withLogprobs ? { logprobs: choice.logprobs ? { content: choice.logprobs, refusal: null } : null } : {}),
        finish_reason: choice.finishReason,
      };
    }),
    usage: generated.usage,
    service_tier: meta.service_tier,
    system_fingerprint: meta.system_fingerprint,
  };
}
