import type { Generated, GeneratedChoice } from '../generate/completion.js';
import type { ResponseMeta } from '../core/response-meta.js';

/**
 * A generated answer as the real API streams it: a role delta, one delta per
 * token piece, tool calls as a header delta then argument fragments, the
 * finish_reason on its own empty delta, and the usage chunk when asked.
 */

type Delta = Record<string, unknown>;

export interface ChunkOptions {
  includeUsage: boolean;
  /** Non-reasoning models send `logprobs: null` on every choice; reasoning models omit it. */
  withLogprobs: boolean;
}

function choiceDeltas(choice: GeneratedChoice, meta: ResponseMeta): Array<{ delta: Delta; logprobs?: unknown }> {
  const out: Array<{ delta: Delta; logprobs?: unknown }> = [];
  if (choice.refusal) {
    out.push({ delta: { role: 'assistant', content: null, refusal: '' } });
    for (const piece of choice.refusal.pieces) out.push({ delta: { refusal: piece } });
    return out;
  }
  let roleSent = false;
  if (choice.content || choice.toolCalls.length === 0) {
    out.push({ delta: { role: 'assistant', content: '', refusal: null } });
    roleSent = true;
    choice.content?.pieces.forEach((piece, i) => {
      const entry = choice.logprobs?.[i];
      out.push({ delta: { content: piece }, logprobs: entry ? { content: [entry], refusal: null } : undefined });
    });
  }
  choice.toolCalls.forEach((call, index) => {
    const header = {
      index,
      id: meta.toolCallIds[choice.index]![index],
      type: 'function',
      function: { name: call.name, arguments: '' },
    };
    out.push({
      delta: roleSent
        ? { tool_calls: [header] }
        : { role: 'assistant', content: null, tool_calls: [header], refusal: null },
    });
    roleSent = true;
    for (const piece of call.arguments.pieces) {
      out.push({ delta: { tool_calls: [{ index, function: { arguments: piece } }] } });
    }
  });
  return out;
}

export function completionChunks(generated: Generated, meta: ResponseMeta, options: ChunkOptions): object[] {
  const head = {
    id: meta.id,
    object: 'chat.completion.chunk',
    created: meta.created,
    model: meta.model,
    service_tier: meta.service_tier,
    system_fingerprint: meta.system_fingerprint,
  };
  const usage = options.includeUsage ? { usage: null } : {};
  const chunk = (index: number, delta: Delta, finishReason: string | null, logprobs: unknown = null) => ({
    ...head,
    choices: [
      {
        index,
        delta,
        ...(options.withLogprobs ? { logprobs } : {}),
        finish_reason: finishReason,
      },
    ],
    ...usage,
  });
  const chunks: object[] = [];
  for (const choice of generated.choices) {
    for (const { delta, logprobs } of choiceDeltas(choice, meta)) chunks.push(chunk(choice.index, delta, null, logprobs ?? null));
    chunks.push(chunk(choice.index, {}, choice.finishReason));
  }
  if (options.includeUsage) chunks.push({ ...head, choices: [], usage: generated.usage });
  return chunks;
}
