import type { Maybe } from './maybe.js';

/**
 * Thrown by a synchronous step that needs a module not loaded yet: the pipeline
 * awaits `loading` and runs the step again. Ajv and RE2 load this way, on the
 * first request that needs them, not at every process's start.
 */
export class NeedsLoading extends Error {
  constructor(
    readonly what: string,
    readonly loading: Promise<unknown>,
  ) {
    // Seen only where a synchronous call comes before a module that loads with the page (RE2 in a browser).
    super(`completions-mock: ${what} is still loading (it loads on its own: call again after an await)`);
    this.name = 'NeedsLoading';
  }
}

export interface Lazy<T> {
  /** Loads it once; later calls return the same promise. */
  load(): Promise<T>;
  /** The value when loaded, else the promise of it (loading starts). */
  ready(): Maybe<T>;
  /** The loaded value; throws NeedsLoading (and starts loading) when it is not loaded yet. */
  get(): T;
}

/**
 * A module loaded on demand, usable synchronously once loaded. `loadSync`, where
 * the runtime can (Node's require), loads it synchronously at the first `get()`.
 */
export function lazy<T>(what: string, load: () => Promise<T>, loadSync?: () => T | undefined): Lazy<T> {
  let value: T | undefined;
  let loading: Promise<T> | undefined;
  const start = () => (loading ??= (value ??= loadSync?.()) !== undefined ? Promise.resolve(value) : load().then((loaded) => (value = loaded)));
  return {
    load: start,
    ready: () => (value !== undefined ? value : start()),
    get() {
      if (value === undefined) value = loadSync?.();
      if (value === undefined) throw new NeedsLoading(what, start());
      return value;
    },
  };
}

/** Runs `step`; each time it needs a module not loaded yet, loads that and runs `step` again. At once when nothing needs loading. */
export function whenLoaded<T>(step: () => T): Maybe<T> {
  try {
    return step();
  } catch (error) {
    if (!(error instanceof NeedsLoading)) throw error;
    return retry(step, error.loading);
  }
}

async function retry<T>(step: () => T, loading: Promise<unknown>): Promise<T> {
  for (let tries = 1; ; tries++) {
    await loading;
    try {
      return step();
    } catch (error) {
      // A module stays loaded once it is: more retries than modules would be a bug, not a wait.
      if (!(error instanceof NeedsLoading) || tries >= 3) throw error;
      loading = error.loading;
    }
  }
}
