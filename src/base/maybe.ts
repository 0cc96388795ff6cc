/**
 * A value now, or a promise of it while something loads. The request path passes
 * these along, so a request that needs nothing loaded runs to its answer in one
 * go: no promise and no microtask per step (each costs a distinct prompt ~0.3 µs).
 */
export type Maybe<T> = T | Promise<T>;

// Not named `then`: a module exporting `then` is a thenable, and `await import()` of it would call it.
/** `next(value)`: at once when the value is here, after it when it is a promise. */
export function andThen<T, U>(value: Maybe<T>, next: (value: T) => Maybe<U>): Maybe<U> {
  return isPending(value) ? Promise.resolve(value).then(next) : next(value);
}

/** A promise, of this realm or not (a custom endpoint's answer may come from anywhere `await` would take it). */
export const isPending = <T>(value: Maybe<T>): value is Promise<T> => typeof (value as { then?: unknown } | null)?.then === 'function';
