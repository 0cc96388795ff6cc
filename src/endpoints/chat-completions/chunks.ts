import type { Generated } from '../../generate/completion.js';
import { PLAIN_PIECES, pieceJson } from '../../generate/text.js';
import { fillIds, idSlot, usageJson, type ResponseMeta } from './response-meta.js';

/**
 * A generated answer as the real API streams it: a role delta, one delta per
 * token piece, tool calls as a header delta then argument fragments, the
 * finish_reason on its own empty delta, and the usage chunk when asked.
 */

export interface ChunkOptions {
  includeUsage: boolean;
  /** Non-reasoning models send `logprobs: null` on every choice; reasoning models omit it. */
  withLogprobs: boolean;
}

const ROLE_DELTA = '{"role":"assistant","content":"","refusal":null}';
const REFUSAL_ROLE_DELTA = '{"role":"assistant","content":null,"refusal":""}';

/**
 * The part of every chunk after the shared head fields (`"choices":[...]}`),
 * JSON-encoded once per generated answer; only the head and tool-call ids
 * change from one response to the next. Written out as text, delta by delta:
 * a stream has a chunk per token, and objects made per token to be stringified
 * cost more than the rest of the answer.
 */
export function chunkTails(generated: Generated, options: ChunkOptions): string[] {
  const end = options.includeUsage ? '}],"usage":null}' : '}]}';
  const noLogprobs = options.withLogprobs ? ',"logprobs":null' : '';
  // A token's chunk is two constants around its piece (most pieces need no escaping): two concatenations per token.
  const plainEnd = `"}${noLogprobs},"finish_reason":null${end}`;
  const tails: string[] = [];
  for (const choice of generated.choices) {
    const head = `"choices":[{"index":${choice.index},"delta":`;
    const plainHead = `${head}{"content":"`;
    const push = (delta: string, logprobs?: unknown) =>
      tails.push(`${head}${delta}${logprobs && options.withLogprobs ? `,"logprobs":${JSON.stringify(logprobs)}` : noLogprobs},"finish_reason":null${end}`);
    if (choice.refusal) {
      push(REFUSAL_ROLE_DELTA);
      for (const piece of choice.refusal.pieces) push(`{"refusal":${pieceJson(piece)}}`);
    } else {
      let roleSent = false;
      if (choice.content || choice.toolCalls.length === 0) {
        push(ROLE_DELTA);
        roleSent = true;
        const pieces = choice.content?.pieces ?? [];
        const logprobs = choice.logprobs;
        for (let i = 0; i < pieces.length; i++) {
          const entry = logprobs?.[i];
          const piece = pieces[i]!;
          if (!entry && PLAIN_PIECES.has(piece)) tails.push(plainHead + piece + plainEnd);
          else push(`{"content":${pieceJson(piece)}}`, entry ? { content: [entry], refusal: null } : undefined);
        }
      }
      choice.toolCalls.forEach((call, index) => {
        const header = { index, id: idSlot(choice.index, index), type: 'function', function: { name: call.name, arguments: '' } };
        push(JSON.stringify(roleSent ? { tool_calls: [header] } : { role: 'assistant', content: null, tool_calls: [header], refusal: null }));
        roleSent = true;
        for (const piece of call.arguments.pieces) push(`{"tool_calls":[{"index":${index},"function":{"arguments":${pieceJson(piece)}}}]}`);
      });
    }
    tails.push(`${head}{}${noLogprobs},"finish_reason":${JSON.stringify(choice.finishReason)}${end}`);
  }
  if (options.includeUsage) tails.push(`"choices":[],"usage":${usageJson(generated.usage)}}`);
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
  })
    .slice(0, -1)
    .concat(',');
  const chunks = new Array<string>(tails.length);
  for (let i = 0; i < tails.length; i++) chunks[i] = head + fillIds(tails[i]!, meta);
  return chunks;
}
