import type { Tokenized } from '../../generate/bpe.js';
import type { GeneratedChoice, GeneratedToolCall } from '../../generate/completion.js';
import type { FinishReason } from '../../spec/types.js';
import { inputItems } from './conversation.js';
import { finishedJson, outputItems, outputJson, type Echo, type ResponseFrame, type ResponseIds } from './render.js';
import type { InputItem } from './types.js';

type OutputItem = { id: string } & InputItem;

const NO_CALLS: GeneratedToolCall[] = [];

/**
 * A stored response: what `GET /responses/{id}` returns and what
 * `previous_response_id` continues. Kept as what its JSON is written from:
 * its ids and counts, the echo of the request's settings (shared with other
 * responses to the same settings) and the generated answer's own token
 * pieces. Its body, items and history are written when first asked for: most
 * responses are never asked for, and text kept until then (a thousand
 * responses' worth) costs every request that follows a share of the garbage
 * collector's copying, and this one the writing of it as one flat string.
 */
export class StoredResponse implements ResponseFrame {
  readonly id: string;
  readonly created: number;
  readonly echo: Echo;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly reasoningTokens: number;
  /** The text's (or refusal's) token pieces: the generator's array, not a copy. */
  readonly #pieces: string[] | null;
  readonly #refusal: boolean;
  readonly #toolCalls: GeneratedToolCall[];
  readonly #finishReason: FinishReason;
  #output?: OutputItem[];
  #history?: InputItem[];
  /** The input items as listed, with ids: made on first listing. */
  listed?: object[];
  /** Deleted from its store (which passes over it until it drops it). */
  deleted = false;

  constructor(
    frame: ResponseFrame,
    readonly ids: ResponseIds,
    choice: GeneratedChoice,
    /** This request's input (a string, or its items with references resolved). */
    readonly rawInput: string | readonly InputItem[],
    /** The conversation before this request (from its `previous_response_id`). */
    readonly prior: readonly InputItem[],
  ) {
    this.id = frame.id;
    this.created = frame.created;
    this.echo = frame.echo;
    this.inputTokens = frame.inputTokens;
    this.outputTokens = frame.outputTokens;
    this.reasoningTokens = frame.reasoningTokens;
    this.#refusal = choice.refusal !== null;
    this.#pieces = (choice.refusal ?? choice.content)?.pieces ?? null;
    this.#toolCalls = choice.toolCalls.length ? choice.toolCalls : NO_CALLS;
    this.#finishReason = choice.finishReason;
  }

  /** The generated choice again, as far as writing the output reads it. */
  #choice(): GeneratedChoice {
    const text: Tokenized | null = this.#pieces && { pieces: this.#pieces, counts: [], tokens: 0 };
    return {
      index: 0,
      content: this.#refusal ? null : text,
      refusal: this.#refusal ? text : null,
      toolCalls: this.#toolCalls,
      finishReason: this.#finishReason,
      logprobs: null,
    };
  }

  /** The response's JSON, as it was sent. */
  get body(): string {
    const choice = this.#choice();
    return finishedJson(this, choice, outputItems(choice, this.ids));
  }

  /** Whether this response output an item with this id. */
  holds(itemId: string): boolean {
    return this.ids.msg === itemId || this.ids.rs === itemId || this.ids.fc.includes(itemId);
  }

  /** This request's own input items, for `GET /responses/{id}/input_items`. */
  get input(): InputItem[] {
    return inputItems(this.rawInput as string | InputItem[]);
  }

  /** The output items, which `item_reference` inputs may name. */
  outputItems(): OutputItem[] {
    return (this.#output ??= JSON.parse(outputJson(outputItems(this.#choice(), this.ids))) as OutputItem[]);
  }

  /** The conversation up to and including this response, as input items (instructions are not carried over). */
  history(): InputItem[] {
    return (this.#history ??= [...this.prior, ...this.input, ...this.outputItems()]);
  }
}

/**
 * Responses kept for `previous_response_id`, retrieval and item references,
 * per mock; the oldest go first past `limit`, as the journal's entries do.
 * Kept in the order they came; the index by id is brought up to date when an
 * id is looked up. Most responses are never looked up, and an index written
 * per response was the dearest part of keeping one.
 */
export class ResponseStore {
  /** The responses in the order they came, the oldest at `#head` (those before it are let go); deleted ones stay until passed. */
  #queue: (StoredResponse | undefined)[] = [];
  #head = 0;
  /** How many in the queue are held (not deleted). */
  #size = 0;
  /** The held responses by id, of those in the queue before `#indexed`. */
  readonly #index = new Map<string, StoredResponse>();
  #indexed = 0;

  constructor(readonly limit = 1000) {}

  /** Indexes the responses added since the last lookup (none of them deleted: deleting looks up). */
  #sync(): void {
    const queue = this.#queue;
    for (let i = Math.max(this.#indexed, this.#head); i < queue.length; i++) this.#index.set(queue[i]!.id, queue[i]!);
    this.#indexed = queue.length;
  }

  get(id: string): StoredResponse | undefined {
    this.#sync();
    return this.#index.get(id);
  }

  /**
   * The output item with this id. A search, not an index: item references are
   * rare, and an index would cost every stored response two more map writes.
   */
  item(id: string): InputItem | undefined {
    for (let i = this.#head; i < this.#queue.length; i++) {
      const stored = this.#queue[i]!;
      if (!stored.deleted && stored.holds(id)) return stored.outputItems().find((item) => item.id === id);
    }
    return undefined;
  }

  add(stored: StoredResponse): void {
    this.#queue.push(stored);
    this.#size++;
    // Past the limit, the oldest still held go.
    while (this.#size > this.limit) {
      const oldest = this.#queue[this.#head]!;
      this.#queue[this.#head++] = undefined;
      if (oldest.deleted) continue;
      this.#size--;
      if (this.#head <= this.#indexed) this.#index.delete(oldest.id);
    }
    // The passed ones are dropped now and then; so are deleted ones, when they pile up.
    if (this.#head > this.limit) {
      this.#queue = this.#queue.slice(this.#head);
      this.#indexed = Math.max(0, this.#indexed - this.#head);
      this.#head = 0;
    } else if (this.#queue.length - this.#head > 2 * this.limit + 1) {
      this.#sync();
      this.#queue = this.#queue.slice(this.#head).filter((kept) => !kept!.deleted);
      this.#indexed = this.#queue.length;
      this.#head = 0;
    }
  }

  delete(id: string): boolean {
    const stored = this.get(id);
    if (!stored) return false;
    stored.deleted = true;
    this.#index.delete(id);
    this.#size--;
    return true;
  }

  clear(): void {
    this.#queue = [];
    this.#head = 0;
    this.#size = 0;
    this.#index.clear();
    this.#indexed = 0;
  }
}
