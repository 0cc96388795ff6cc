import type { Encoding } from '../spec/models.js';
import type { ChatMessage, FunctionTool } from '../spec/types.js';
import { Bpe, type BpeWork, type Tokenized } from './bpe.js';
import { type CompactRanks, RankTable } from './rank-table.js';
import { decodeRankFile } from './rank-file.js';
import { nodeRequire } from '../base/node-require.js';
import type { Maybe } from '../base/maybe.js';

/**
 * Exact token counts with a real BPE tokenizer: gpt-tokenizer's tables (pure
 * JS, so it runs in browsers too) merged by `Bpe`, which stays O(n log n) on
 * any text. A table is large, so each is loaded on first use, and only once,
 * from the compact copy `npm run build` writes (generated/, see rank-table.ts):
 * its ASCII part first (in Node from a binary file with its index, see rank-file.ts;
 * elsewhere its module); the rest, where Node's `require` can load it mid-count,
 * only when a text needs it (English never does), elsewhere (browsers) with the first.
 */
export interface Encoder {
  encode(text: string): number[];
  decode(ids: number[]): string;
  /**
   * The number of tokens of `text` (repeated texts are remembered), or Infinity when
   * they passed `limit` before the end of the text (counting stopped there).
   */
  count(text: string, limit?: number): number;
  /** `text` as token pieces. */
  tokenize(text: string): Tokenized;
  /** Merge work done so far (tests bound it). */
  readonly work: BpeWork;
}

export type { Tokenized };

const loading = new Map<Encoding, Promise<Encoder>>();
const loaded = new Map<Encoding, Encoder>();
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
  const part = await (name === 'cl100k_base' ? import('../../generated/cl100k_base.more.cjs') : import('../../generated/o200k_base.more.cjs'));
  return () => part.default;
}

/** The ASCII part with its index from generated/<name>.bin, where Node's require can find it (see rank-file.ts). */
function rankFile(name: Encoding): ReturnType<typeof decodeRankFile> {
  if (!requireSync) return undefined;
  try {
    // Resolved as .more.cjs is, so bundlers see no asset to copy into browser bundles.
    const path = requireSync.resolve(`../../generated/${name}.bin`);
    const { readFileSync } = requireSync('node:fs') as { readFileSync(path: string): Uint8Array };
    return decodeRankFile(readFileSync(path));
  } catch {
    return undefined;
  }
}

/** The table, its ASCII part from the binary file where it holds the table, else from the module. */
async function asciiFirst(name: Encoding, more: () => CompactRanks): Promise<{ table: RankTable; split: string }> {
  const file = rankFile(name);
  if (file) {
    try {
      return { table: new RankTable(file, more), split: file.split };
    } catch {
      // A file that does not hold the table (damaged, or written by other code): the module instead.
    }
  }
  const ascii = await (name === 'cl100k_base' ? import('../../generated/cl100k_base.js') : import('../../generated/o200k_base.js'));
  return { table: new RankTable(ascii, more), split: ascii.split };
}

export function loadEncoder(name: Encoding): Promise<Encoder> {
  let encoder = loading.get(name);
  if (!encoder) {
    encoder = rest(name).then(async (more) => {
      const { table, split } = await asciiFirst(name, more);
      const bpe = new Bpe(table, split);
      loaded.set(name, bpe);
      return bpe;
    });
    loading.set(name, encoder);
  }
  return encoder;
}

/** The encoder at once when loaded, else the promise of it. */
export const encoderNow = (name: Encoding): Maybe<Encoder> => loaded.get(name) ?? loadEncoder(name);

/** The first pieces holding at most `maxTokens` tokens. */
export function truncateTokens(tokenized: Tokenized, maxTokens: number): Tokenized {
  let tokens = 0;
  let i = 0;
  while (i < tokenized.pieces.length && tokens + tokenized.counts[i]! <= maxTokens) tokens += tokenized.counts[i++]!;
  return { pieces: tokenized.pieces.slice(0, i), counts: tokenized.counts.slice(0, i), tokens };
}

const IMAGE_TOKENS = 85; // a low-detail image, the real API's flat rate

/**
 * A prompt's texts are counted exactly for this many characters (about 1 MB) whatever
 * its limit, so a prompt a little over a context window gets the real 400 with its
 * count; past that, counting stops once the total passes the limit. A request then
 * costs at most this much counting plus its limit's worth of tokens, not its body's.
 */
export const EXACT_CHARS = 1 << 20;
/** Past EXACT_CHARS, texts longer than this are bounded before they are counted (see TokenTally.text). */
const BOUNDED_TEXT = 64 * 1024;

/**
 * A lower bound on the tokens of `text` (or on enough of them), read in one pass: the ASCII letters that follow
 * whitespace (or start it). Each begins a letter run the pre-tokenizer makes its own chunk
 * (a chunk holds one run, with at most one character before it), and every chunk is a token or more.
 */
export function wordStarts(text: string, enough = Infinity): number {
  let starts = 0;
  let afterSpace = true;
  // Read only until the bound is past `enough`: all the caller needs to know.
  for (let i = 0; i < text.length && starts <= enough; i++) {
    const code = text.charCodeAt(i);
    const letter = (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a;
    if (letter && afterSpace) starts++;
    afterSpace = code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;
  }
  return starts;
}

/** A running token total that stops counting once it is known to be over `limit` (see EXACT_CHARS). */
export class TokenTally {
  total = 0;
  #chars = 0;
  #stopped = false;
  constructor(
    private readonly encoder: Encoder,
    private readonly limit = Infinity,
  ) {}

  /** True when counting stopped early: the tokens are then more than `total`, itself at least the limit. */
  get stopped(): boolean {
    return this.#stopped;
  }

  /** Adds tokens of framing; once stopped, `total` stays what is known (the limit, or the count that passed it). */
  add(tokens: number): void {
    if (!this.#stopped) this.total += tokens;
  }

  /**
   * Adds the tokens of `text` and returns them, or Infinity when they are more than
   * `cap` (counting this text stopped there); 0 once the tally has stopped.
   */
  text(text: string, cap = Infinity): number {
    if (this.#stopped || text.length === 0) return 0;
    this.#chars += text.length;
    const room = this.#chars <= EXACT_CHARS ? Infinity : this.limit - this.total;
    // Past the limit already, and a text left (at least one token more).
    if (room < 0) {
      this.#stopped = true;
      return 0;
    }
    // A text with a cap of its own (an embeddings input) is counted up to it, so its own 400 comes first.
    const most = cap < Infinity ? cap : room;
    // A long text may be known to be over without counting it: 9.5 MB of words, for a
    // model with a million-token window, would take ~100 ms to count but ~10 ms to bound.
    // (Shorter ones are counted: a few milliseconds at most, and the count may be remembered.)
    const over = text.length > BOUNDED_TEXT && text.length > most && wordStarts(text, most) > most;
    const tokens = over ? Infinity : this.encoder.count(text, most);
    if (tokens !== Infinity) this.total += tokens;
    else if (most < cap) {
      this.#stopped = true;
      this.total = this.limit;
      return 0;
    }
    return tokens;
  }
}

function valueTokens(value: unknown, tally: TokenTally): void {
  if (value == null || tally.stopped) return;
  if (typeof value === 'string') {
    tally.text(value);
    return;
  }
  if (Array.isArray(value) && value.every((p) => p && typeof p === 'object' && 'type' in p)) {
    for (const part of value) {
      if (typeof part.text === 'string') tally.text(part.text);
      else if (typeof part.refusal === 'string') tally.text(part.refusal);
      else if (part.type === 'image_url') tally.add(IMAGE_TOKENS);
    }
    return;
  }
  tally.text(JSON.stringify(value));
}

/**
 * The OpenAI cookbook's rule, which the real API's prompt_tokens follow: 3 per
 * message, the tokens of every value (role included), 1 more per `name`, and
 * 3 to prime the reply.
 */
function countMessageTokens(messages: ChatMessage[], tally: TokenTally): void {
  tally.add(3);
  for (const message of messages) {
    if (tally.stopped) return;
    tally.add(3);
    for (const key of Object.keys(message)) {
      valueTokens(message[key as keyof ChatMessage], tally);
      if (key === 'name') tally.add(1);
    }
  }
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
function countToolTokens(tools: FunctionTool[] | undefined, tally: TokenTally, functionInit = 7): void {
  if (!tools?.length) return;
  for (const { function: fn } of tools) {
    if (tally.stopped) return;
    tally.add(functionInit);
    tally.text(`${fn.name}:${withoutPeriod(fn.description ?? '')}`);
    const properties = (fn.parameters?.properties ?? {}) as Record<string, PropertySchema>;
    const keys = Object.keys(properties);
    if (keys.length > 0) {
      tally.add(3);
      for (const key of keys) {
        const prop = properties[key] ?? {};
        tally.add(3);
        if (Array.isArray(prop.enum)) {
          tally.add(-3);
          for (const item of prop.enum) {
            tally.add(3);
            tally.text(String(item));
          }
        }
        const type = Array.isArray(prop.type) ? prop.type.join('|') : String(prop.type ?? '');
        const description = typeof prop.description === 'string' ? withoutPeriod(prop.description) : '';
        tally.text(`${key}:${type}:${description}`);
      }
    }
  }
  tally.add(12);
}

/** prompt_tokens of a request, its messages plus its tool definitions; counted only until known to pass `limit` (see TokenTally). */
export function countPromptTokens(
  req: { messages: ChatMessage[]; tools?: FunctionTool[] | undefined },
  encoder: Encoder,
  encoding: Encoding,
  limit?: number,
): TokenTally {
  const tally = new TokenTally(encoder, limit);
  countMessageTokens(req.messages, tally);
  countToolTokens(req.tools, tally, encoding === 'cl100k_base' ? 10 : 7);
  return tally;
}
