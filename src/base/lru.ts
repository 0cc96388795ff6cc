/**
 * A small least-recently-used map (Map keeps insertion order, so the first key
 * is the oldest). Every per-process cache of the mock is one of these, so none
 * grows without bound.
 */
export class Lru<K, V> {
  readonly #map = new Map<K, V>();
  constructor(
    readonly limit: number,
    private readonly onEvict?: (value: V, key: K) => void,
  ) {}

  /** The most recently used key: hits on it (a model name on every request) skip the reordering. */
  #newest: K | undefined;

  get(key: K): V | undefined {
    const value = this.#map.get(key);
    if (value !== undefined && key !== this.#newest) {
      this.#map.delete(key);
      this.#map.set(key, value);
      this.#newest = key;
    }
    return value;
  }

  set(key: K, value: V): void {
    this.#map.delete(key);
    this.#map.set(key, value);
    this.#newest = key;
    if (this.#map.size > this.limit) {
      const oldest = this.#map.keys().next().value as K;
      const evicted = this.#map.get(oldest)!;
      this.#map.delete(oldest);
      this.onEvict?.(evicted, oldest);
    }
  }

  /** The cached value for `key`, made (and cached) on first use. */
  memo(key: K, make: () => V): V {
    let value = this.get(key);
    if (value === undefined) {
      value = make();
      this.set(key, value);
    }
    return value;
  }
}
