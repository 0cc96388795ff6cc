import type { Encoding } from '../spec/models.js';
import type { ChatMessage, FunctionTool } from '../spec/types.js';
import { Bpe, type BpeWork, type Tokenized } from './bpe.js';
import { type CompactRanks, RankTable } from './rank-table.js';
import { nodeRequire } from '../base/node-require.js';

/**
 * Exact token counts with a real BPE tokenizer: gpt-tokenizer's tables (pure
 * JS, so it runs in browsers too) merged by `Bpe`, which stays O(n log n) on
 * any text. A table is large, so each is loaded on first use, and only once,
 * from the compact copy `npm run build` writes (generated/, see rank-table.ts):
 * its ASCII part first; the rest, where Node's `require` can load it mid-count,
 * only when a text needs it (English never does), elsewhere (browsers) with the first.
 */
export interface Encoder {
  encode(text: string): number[];
  decode(ids: number[]): string;
  /** The number of tokens of `text` (repeated texts are remembered). */
  count(text: string): number;
  /** `text` as token pieces. */
  tokenize(text: string): Tokenized;
  /** Merge work done so far (tests bound it). */
  readonly work: BpeWork;
}

export type { Tokenized };

const loading = new Map<Encoding, Promise<Encoder>>();
const requireSync = nodeRequire(import.meta.url);

/** The table's second part: loaded synchronously when first needed where Node's require can, else now. */
async function rest(name: Encoding): Promise<() => CompactRanks> {
  const path = `../../generated/${name}.more.cjs`;
  try {
    if (requireSync) {
      // Found where the module's own folder says (not so in a bundle of this code placed elsewhere).
      requireSync.resolve(path);
      return () => requireSync(path) as CompactRanks;
    }
  } catch {}
  const loaded = await (name === 'cl100k_base' ? import('../../generated/cl100k_base.more.cjs') : import('../../generated/o200k_base.more.cjs'));
  return () => loaded.default;
}

export function loadEncoder(name: Encoding): Promise<Encoder> {
  let encoder = loading.get(name);
  if (!encoder) {
    const table = name === 'cl100k_base' ? import('../../generated/cl100k_base.js') : import('../../generated/o200k_base.js');
    encoder = Promise.all([table, rest(name)]).then(([ascii, more]) => new Bpe(new RankTable(ascii, more), ascii.split));
    loading.set(name, encoder);
  }
  return encoder;
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
  if (typeof value === 'string') return encoder.count(value);
  if (Array.isArray(value) && value.every((p) => p && typeof p === 'object' && 'type' in p)) {
    return value.reduce<number>((sum, part) => {
      if (typeof part.text === 'string') return sum + encoder.count(part.text);
      if (typeof part.refusal === 'string') return sum + encoder.count(part.refusal);
      return sum + (part.type === 'image_url' ? IMAGE_TOKENS : 0);
    }, 0);
  }
  return encoder.count(JSON.stringify(value));
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
    total += encoder.count(`${fn.name}:${withoutPeriod(fn.description ?? '')}`);
    const properties = (fn.parameters?.properties ?? {}) as Record<string, PropertySchema>;
    const keys = Object.keys(properties);
    if (keys.length > 0) {
      total += 3;
      for (const key of keys) {
        const prop = properties[key] ?? {};
        total += 3;
        if (Array.isArray(prop.enum)) {
          total -= 3;
          for (const item of prop.enum) total += 3 + encoder.count(String(item));
        }
        const type = Array.isArray(prop.type) ? prop.type.join('|') : String(prop.type ?? '');
        const description = typeof prop.description === 'string' ? withoutPeriod(prop.description) : '';
        total += encoder.count(`${key}:${type}:${description}`);
      }
    }
  }
  return total + 12;
}

/** prompt_tokens of a request: its messages plus its tool definitions. */
export function countPromptTokens(req: { messages: ChatMessage[]; tools?: FunctionTool[] | undefined }, encoder: Encoder, encoding: Encoding): number {
  return countMessageTokens(req.messages, encoder) + countToolTokens(req.tools, encoder, encoding === 'cl100k_base' ? 10 : 7);
}
