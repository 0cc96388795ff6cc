import type { InputItem } from './types.js';

/** A stored response: what `GET /responses/{id}` returns and what `previous_response_id` continues. */
export interface StoredResponse {
  id: string;
  /** The response's JSON as it was sent. */
  body: string;
  /** The conversation up to and including this response, as input items (instructions are not carried over). */
  history: InputItem[];
  /** This request's own input items (references resolved), for `GET /responses/{id}/input_items`. */
  input: InputItem[];
  /** The input items as listed, with ids: made on first listing. */
  listed?: object[];
  /** Ids of the output items, which `item_reference` inputs may name. */
  outputItems: Array<{ id: string } & InputItem>;
}

/**
 * Responses kept for `previous_response_id`, retrieval and item references,
 * per mock; the oldest go first past `limit`, as the journal's entries do.
 */
export class ResponseStore {
  readonly #responses = new Map<string, StoredResponse>();
  readonly #items = new Map<string, InputItem>();

  constructor(readonly limit = 1000) {}

  get(id: string): StoredResponse | undefined {
    return this.#responses.get(id);
  }

  item(id: string): InputItem | undefined {
    return this.#items.get(id);
  }

  add(stored: StoredResponse): void {
    this.#responses.set(stored.id, stored);
    for (const item of stored.outputItems) this.#items.set(item.id, item);
    while (this.#responses.size > this.limit) this.delete(this.#responses.keys().next().value!);
  }

  delete(id: string): boolean {
    const stored = this.#responses.get(id);
    if (!stored) return false;
    this.#responses.delete(id);
    for (const item of stored.outputItems) this.#items.delete(item.id);
    return true;
  }

  clear(): void {
    this.#responses.clear();
    this.#items.clear();
  }

  get size(): number {
    return this.#responses.size;
  }
}
