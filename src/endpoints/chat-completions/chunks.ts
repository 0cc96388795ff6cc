import type { Generated, GeneratedChoice } from '../../generate/completion.js';
import { fillIds, slotMeta, type ResponseMeta } from './response-meta.js';

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

/** A delta as an object, or already as JSON text (a content piece, one per token). */
type Step = { delta: Delta | string; logprobs?: unknown };

function choiceDeltas(choice: GeneratedChoice, meta: ResponseMeta): Step[] {
  const out: Step[] = [];
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
      out.push({ delta: `{"content":${JSON.stringify(piece)}}`, logprobs: entry ? { content: [entry], refusal: null } : undefined });
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
      delta: roleSent ? { tool_calls: [header] } : { role: 'assistant', content: null, tool_calls: [header], refusal: null },
    });
    roleSent = true;
    for (const piece of call.arguments.pieces) {
      out.push({ delta: { tool_calls: [{ index, function: { arguments: piece } }] } });
    }
  });
  return out;
}

/**
 * The part of every chunk after the shared head fields (`"choices":[...]}`),
 * JSON-encoded once per generated answer; only the head and tool-call ids
 * change from one response to the next.
 */
export function chunkTails(generated: Generated, options: ChunkOptions): string[] {
  const slots = slotMeta(generated, '');
  // Written out rather than stringified object by object: a stream has a chunk per token.
  const end = options.includeUsage ? '}],"usage":null}' : '}]}';
  const chunk = (index: number, delta: string, finishReason: string | null, logprobs: unknown) =>
    `"choices":[{"index":${index},"delta":${delta}${options.withLogprobs ? `,"logprobs":${logprobs === null ? 'null' : JSON.stringify(logprobs)}` : ''},"finish_reason":${finishReason === null ? 'null' : JSON.stringify(finishReason)}${end}`;
  const tails: string[] = [];
  for (const choice of generated.choices) {
    for (const { delta, logprobs } of choiceDeltas(choice, slots)) {
      tails.push(chunk(choice.index, typeof delta === 'string' ? delta : JSON.stringify(delta), null, logprobs ?? null));
    }
    tails.push(chunk(choice.index, '{}', choice.finishReason, null));
  }
  if (options.includeUsage) tails.push(`"choices":[],"usage":${JSON.stringify(generated.usage)}}`);
  return tails;
}

/** The chunks of one response: its head fields, then each cached tail, with this response's tool-call ids. */
export function renderChunks(tails: string[], meta: ResponseMeta): string[] {
  const head = JSON.stringify({
    id: meta.id,
    object: 'chat.completion.chunk',
    created: meta.created,
    model: meta.model,
    service_tier: meta.service_tier,
    system_fingerprint: meta.system_fingerprint,
  }).slice(0, -1);
  // Only tool-call chunks hold id slots: without tool calls no chunk needs filling.
  const slotted = meta.toolCallIds.some((ids) => ids.length > 0);
  const chunks = new Array<string>(tails.length);
  for (let i = 0; i < tails.length; i++) chunks[i] = `${head},${slotted ? fillIds(tails[i]!, meta) : tails[i]}`;
  return chunks;
}
