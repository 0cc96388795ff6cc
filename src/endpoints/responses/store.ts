import type { InputItem } from './types.js';

type OutputItem = { id: string } & InputItem;

/**
 * A stored response: what `GET /responses/{id}` returns and what
 * `previous_response_id` continues. Most are never continued, so their items
 * and history are read back from the body when first asked for.
 */
export class StoredResponse {
  #output?: OutputItem[];
  #history?: InputItem[];
  /** The input items as listed, with ids: made on first listing. */
  listed?: object[];

  constructor(
    readonly id: string,
    /** The response's JSON as it was sent. */
    readonly body: string,
    /** The conversation before this request (from its `previous_response_id`). */
    readonly prior: InputItem[],
    /** This request's own input items (references resolved), for `GET /responses/{id}/input_items`. */
    readonly input: InputItem[],
    /** The ids of the output items. */
    readonly itemIds: string[],
  ) {}

  /** The output items, which `item_reference` inputs may name. */
  outputItems(): OutputItem[] {
    return (this.#output ??= (JSON.parse(this.body) as { output: OutputItem[] }).output);
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

  constructor(readonly limit = 1000) {}

  get(id: string): StoredResponse | undefined {
    return this.#responses.get(id);
  }

  /**
   * The output item with this id. A search, not an index: item references are
   * rare, and an index would cost every stored response two more map writes.
   */
  item(id: string): InputItem | undefined {
    for (const stored of this.#responses.values()) {
      if (stored.itemIds.includes(id)) return stored.outputItems().find((item) => item.id === id);
    }
    return undefined;
  }

  add(stored: StoredResponse): void {
    this.#responses.set(stored.id, stored);
    if (this.#responses.size > this.limit) this.#responses.delete(this.#responses.keys().next().value!);
  }

  delete(id: string): boolean {
    return this.#responses.delete(id);
  }

  clear(): void {
    this.#responses.clear();
  }
}
