import { inputItems } from './conversation.js';
import { responseJson, type ResponseFrame } from './render.js';
import type { InputItem } from './types.js';

type OutputItem = { id: string } & InputItem;

/**
 * A stored response: what `GET /responses/{id}` returns and what
 * `previous_response_id` continues. Kept as the parts its JSON is written
 * from, the echo of the request's settings shared with other responses:
 * a store of a thousand responses is otherwise mostly copies of the same
 * text for the garbage collector to move. Its body, items and history are
 * made when first asked for; most responses are never asked for.
 */
export class StoredResponse {
  #output?: OutputItem[];
  #history?: InputItem[];
  /** The input items as listed, with ids: made on first listing. */
  listed?: object[];

  constructor(
    readonly frame: ResponseFrame,
    readonly status: 'completed' | 'incomplete',
    readonly reason: string | null,
    /** The output items' JSON array. */
    readonly output: string,
    /** This request's input (a string, or its items with references resolved). */
    readonly rawInput: string | readonly InputItem[],
    /** The conversation before this request (from its `previous_response_id`). */
    readonly prior: readonly InputItem[],
  ) {}

  get id(): string {
    return this.frame.id;
  }

  /** The response's JSON, as it was sent. */
  get body(): string {
    return responseJson(this.frame, this.status, this.output, 'null', this.reason);
  }

  /** This request's own input items, for `GET /responses/{id}/input_items`. */
  get input(): InputItem[] {
    return inputItems(this.rawInput as string | InputItem[]);
  }

  /** The output items, which `item_reference` inputs may name. */
  outputItems(): OutputItem[] {
    return (this.#output ??= JSON.parse(this.output) as OutputItem[]);
  }

  /** The conversation up to and including this response, as input items (instructions are not carried over). */
  history(): InputItem[] {
    return (this.#history ??= [...this.prior, ...this.input, ...this.outputItems()]);
  }
}

/**
 * Responses kept for `previous_response_id`, retrieval and item references,
 * per mock; the oldest go first past `limit`, as the journal's entries do.
 */
export class ResponseStore {
  readonly #responses = new Map<string, StoredResponse>();
  /**
   * The ids in the order they came, the oldest at `#head`, deleted ones included
   * until they are passed. A Map's own oldest key is found by an iterator that
   * steps over every entry deleted before it since the table was last rebuilt
   * (hundreds, in a full store): about a microsecond per response added.
   */
  #order: string[] = [];
  #head = 0;

  constructor(readonly limit = 1000) {}

  get(id: string): StoredResponse | undefined {
    return this.#responses.get(id);
  }

  /**
   * The output item with this id. A search, not an index: item references are
   * rare, and an index would cost every stored response two more map writes.
   * Ids are written unescaped into the output's JSON, so a response without the
   * text is passed over without being parsed.
   */
  item(id: string): InputItem | undefined {
    const key = `"id":${JSON.stringify(id)}`;
    for (const stored of this.#responses.values()) {
      if (!stored.output.includes(key)) continue;
      const found = stored.outputItems().find((item) => item.id === id);
      if (found) return found;
    }
    return undefined;
  }

  add(stored: StoredResponse): void {
    this.#responses.set(stored.id, stored);
    this.#order.push(stored.id);
    // Past the limit, the oldest still held go (a deleted id's turn removes nothing).
    while (this.#responses.size > this.limit) this.#responses.delete(this.#order[this.#head++]!);
    // The passed ids are dropped now and then; so are deleted ones, when they pile up.
    if (this.#head > this.limit) this.#order = this.#order.slice(this.#head);
    else if (this.#order.length - this.#head > 2 * this.limit + 1) this.#order = [...this.#responses.keys()];
    else return;
    this.#head = 0;
  }

  delete(id: string): boolean {
    return this.#responses.delete(id);
  }

  clear(): void {
    this.#responses.clear();
    this.#order = [];
    this.#head = 0;
  }
}
