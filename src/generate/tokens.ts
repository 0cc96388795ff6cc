import type { Encoding } from '../spec/models.js';
import type { ChatMessage, FunctionTool } from '../spec/types.js';

/**
 * Exact token counts with a real BPE tokenizer (gpt-tokenizer, pure JS so it
 * runs in browsers too). Encodings are large, so each is loaded on first use.
 */
export interface Encoder {
  encode(text: string): number[];
  decode(ids: number[]): string;
}

const loading = new Map<Encoding, Promise<Encoder>>();

export function loadEncoder(name: Encoding): Promise<Encoder> {
  let encoder = loading.get(name);
  if (!encoder) {
    encoder = (
      name === 'cl100k_base' ? import('gpt-tokenizer/encoding/cl100k_base') : import('gpt-tokenizer/encoding/o200k_base')
    ).then((mod) => ({ encode: (text: string) => mod.encode(text), decode: (ids: number[]) => mod.decode(ids) }));
    loading.set(name, encoder);
  }
  return encoder;
}

/** Text split into token-sized pieces that concatenate back to it exactly. */
export interface Tokenized {
  pieces: string[];
  /** Tokens in each piece: 1, except where one character spans several tokens. */
  counts: number[];
  tokens: number;
}

export function tokenize(text: string, encoder: Encoder): Tokenized {
  const ids = encoder.encode(text);
  const pieces: string[] = [];
  const counts: number[] = [];
  let start = 0;
  for (let i = 0; i < ids.length; i++) {
    const piece = encoder.decode(ids.slice(start, i + 1));
    // A character split across tokens decodes to U+FFFD until its last byte arrives.
    if (piece.endsWith('\uFFFD') && i < ids.length - 1) continue;
    pieces.push(piece);
    counts.push(i + 1 - start);
    start = i + 1;
  }
  return { pieces, counts, tokens: ids.length };
}

/** The first pieces holding at most `maxTokens` tokens. */
export function truncateTokens(tokenized: Tokenized, maxTokens: number): Tokenized {
  let tokens = 0;
  let i = 0;
  while (i < tokenized.pieces.length && tokens + tokenized.counts[i]! <= maxTokens) tokens += tokenized.counts[i++]!;
  return { pieces: tokenized.pieces.slice(0, i), counts: tokenized.counts.slice(0, i), tokens };
}

const IMAGE_TOKENS = 85; // a low-detail image, the real API's flat rate

function valueTokens(value: unknown, encoder: Encoder): number {
  if (value == null) return 0;
  if (typeof value === 'string') return encoder.encode(value).length;
  if (Array.isArray(value) && value.every((p) => p && typeof p === 'object' && 'type' in p)) {
    return value.reduce<number>((sum, part) => {
      if (typeof part.text === 'string') return sum + encoder.encode(part.text).length;
      if (typeof part.refusal === 'string') return sum + encoder.encode(part.refusal).length;
      return sum + (part.type === 'image_url' ? IMAGE_TOKENS : 0);
    }, 0);
  }
  return encoder.encode(JSON.stringify(value)).length;
}

/**
 * The OpenAI cookbook's rule, which the real API's prompt_tokens follow: 3 per
 * message, the tokens of every value (role included), 1 more per `name`, and
 * 3 to prime the reply.
 */
export function countMessageTokens(messages: ChatMessage[], encoder: Encoder): number {
  let total = 3;
  for (const message of messages) {
    total += 3;
    for (const [key, value] of Object.entries(message)) {
      total += valueTokens(value, encoder);
      if (key === 'name') total += 1;
    }
  }
  return total;
}

interface PropertySchema {
  type?: unknown;
  description?: unknown;
  enum?: unknown[];
}

const withoutPeriod = (text: string) => (text.endsWith('.') ? text.slice(0, -1) : text);

/**
 * The cookbook's tool-definition counting: a function costs 7 tokens of
 * framing on o200k_base models (gpt-4o and newer), 10 on cl100k_base ones.
 */
export function countToolTokens(tools: FunctionTool[] | undefined, encoder: Encoder, functionInit = 7): number {
  if (!tools?.length) return 0;
  let total = 0;
  for (const { function: fn } of tools) {
    total += functionInit;
    total += encoder.encode(`${fn.name}:${withoutPeriod(fn.description ?? '')}`).length;
    const properties = (fn.parameters?.properties ?? {}) as Record<string, PropertySchema>;
    const keys = Object.keys(properties);
    if (keys.length > 0) {
      total += 3;
      for (const key of keys) {
        const prop = properties[key] ?? {};
        total += 3;
        if (Array.isArray(prop.enum)) {
          total -= 3;
          for (const item of prop.enum) total += 3 + encoder.encode(String(item)).length;
        }
        const type = Array.isArray(prop.type) ? prop.type.join('|') : String(prop.type ?? '');
        const description = typeof prop.description === 'string' ? withoutPeriod(prop.description) : '';
        total += encoder.encode(`${key}:${type}:${description}`).length;
      }
    }
  }
  return total + 12;
}

/** prompt_tokens of a request: its messages plus its tool definitions. */
export function countPromptTokens(
  req: { messages: ChatMessage[]; tools?: FunctionTool[] | undefined },
  encoder: Encoder,
  encoding: Encoding,
): number {
  return countMessageTokens(req.messages, encoder) + countToolTokens(req.tools, encoder, encoding === 'cl100k_base' ? 10 : 7);
}
