import { describe, expect, it } from 'vitest';
import { lazy, NeedsLoading, whenLoaded } from '../src/base/lazy.js';

/** A module stand-in whose loads are counted. */
function counted<T>(value: T) {
  const calls = { async: 0, sync: 0 };
  return { calls, load: async () => (calls.async++, value), loadSync: () => (calls.sync++, value) };
}

describe('modules loaded on demand', () => {
  it('without a synchronous loader (browsers): get() throws NeedsLoading and starts the one load; then it answers', async () => {
    const mod = counted({ name: 'ajv' });
    const ajv = lazy('Ajv', mod.load);
    let thrown: unknown;
    try {
      ajv.get();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(NeedsLoading);
    expect(() => ajv.get()).toThrow('completions-mock: Ajv is still loading');
    await (thrown as NeedsLoading).loading;
    expect(ajv.get()).toEqual({ name: 'ajv' });
    await ajv.load();
    expect(mod.calls).toEqual({ async: 1, sync: 0 });
  });

  it('with one (Node): get() loads synchronously, and load() reuses it', async () => {
    const mod = counted({ name: 're2' });
    const re2 = lazy('RE2', mod.load, mod.loadSync);
    expect(re2.get()).toEqual({ name: 're2' });
    expect(await re2.load()).toEqual({ name: 're2' });
    expect(mod.calls).toEqual({ async: 0, sync: 1 });
  });

  it('whenLoaded runs a step again after each module it needs is loaded, and passes other errors on', async () => {
    const a = lazy('A', async () => 1);
    const b = lazy('B', async () => 2);
    let runs = 0;
    expect(await whenLoaded(() => (runs++, a.get() + b.get()))).toBe(3);
    expect(runs).toBe(3);
    // Once loaded, a step runs at once: its value, no promise (the request path stays synchronous).
    expect(whenLoaded(() => a.get() + b.get())).toBe(3);
    expect(() => whenLoaded(() => JSON.parse('{'))).toThrow(SyntaxError);
    // An error after a load is the promise's.
    const c = lazy('C', async () => 3);
    await expect(whenLoaded(() => c.get() + JSON.parse('{'))).rejects.toThrow(SyntaxError);
  });

  it('whenLoaded gives up when a step keeps needing a module that never loads', async () => {
    const never = () => {
      throw new NeedsLoading('X', Promise.resolve());
    };
    await expect(whenLoaded(never)).rejects.toBeInstanceOf(NeedsLoading);
  });
});
