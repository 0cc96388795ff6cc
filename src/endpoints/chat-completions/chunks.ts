import type { Generated } from '../../generate/completion.js';
import { flat } from '../../base/flat.js';
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
export interface ChunkTails {
  /** Each chunk's tail; for a plain token's chunk (see `plain`), only its piece. */
  tails: string[];
  /** For each chunk, the choice whose plain token it carries, or -1 when its tail is whole. */
  plain: number[];
  /** A plain token's tail is `plainHeads[choice] + piece + plainEnd`. */
  plainHeads: string[];
  plainEnd: string;
}

export function chunkTails(generated: Generated, options: ChunkOptions): ChunkTails {
  const end = options.includeUsage ? '}],"usage":null}' : '}]}';
  const noLogprobs = options.withLogprobs ? ',"logprobs":null' : '';
  const plainEnd = `"}${noLogprobs},"finish_reason":null${end}`;
  const tails: string[] = [];
  const plain: number[] = [];
  const plainHeads: string[] = [];
  for (const choice of generated.choices) {
    const head = `"choices":[{"index":${choice.index},"delta":`;
    plainHeads[choice.index] = `${head}{"content":"`;
    const push = (delta: string, logprobs?: unknown) => {
      tails.push(`${head}${delta}${logprobs && options.withLogprobs ? `,"logprobs":${JSON.stringify(logprobs)}` : noLogprobs},"finish_reason":null${end}`);
      plain.push(-1);
    };
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
          if (!entry && PLAIN_PIECES.has(piece)) {
            tails.push(piece);
            plain.push(choice.index);
          } else push(`{"content":${pieceJson(piece)}}`, entry ? { content: [entry], refusal: null } : undefined);
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
    plain.push(-1);
  }
  if (options.includeUsage) {
    tails.push(`"choices":[],"usage":${usageJson(generated.usage)}}`);
    plain.push(-1);
  }
  return { tails, plain, plainHeads, plainEnd };
}

/** The fields every chunk of one response begins with, up to its tail: `{"id":...,"system_fingerprint":"...",`. */
const chunkHead = (meta: ResponseMeta): string =>
  `{"id":"${meta.id}","object":"chat.completion.chunk","created":${meta.created},"model":${JSON.stringify(meta.model)},` +
  `"service_tier":"${meta.service_tier}","system_fingerprint":"${meta.system_fingerprint}",`;

const tailAt = (t: ChunkTails, i: number, meta: ResponseMeta): string => {
  const choice = t.plain[i]!;
  return choice < 0 ? fillIds(t.tails[i]!, meta) : t.plainHeads[choice] + t.tails[i]! + t.plainEnd;
};

/**
 * The chunks of one response as one SSE text, followed by `end`: its head fields, then
 * each cached tail, with this response's tool-call ids, written in one go (see eventsOf
 * for its events). A run of plain tokens is its pieces with the text between two of
 * them; the whole stream is one join (see base/flat.ts), where a frame per token made a
 * rope of hundreds of pieces that cost more to flatten on the way to the socket than to
 * make (see StreamPlan.text).
 */
export function streamText(t: ChunkTails, meta: ResponseMeta, end: string): string {
  // One join of every part: the text is copied once, where joining each run and then the
  // runs together copied it twice.
  const data = flat(['data: ', chunkHead(meta)]);
  const parts: string[] = [];
  const n = t.tails.length;
  for (let i = 0; i < n;) {
    const choice = t.plain[i]!;
    if (choice < 0) {
      parts.push(data, tailAt(t, i++, meta), '\n\n');
      continue;
    }
    const head = t.plainHeads[choice]!;
    const between = flat([t.plainEnd, '\n\n', data, head]);
    parts.push(data, head, t.tails[i++]!);
    while (i < n && t.plain[i] === choice) parts.push(between, t.tails[i++]!);
    parts.push(t.plainEnd, '\n\n');
  }
  parts.push(end);
  return parts.join('');
}
