import type { MockOptions } from '../core/mock.js';
import { Fixtures } from './fixtures.js';
import type { FixtureStore } from './store.js';

/** A fixtures folder needs node:fs: loaded only when asked for, so browser bundles never see it. */
async function folderStoreAt(dir: string): Promise<FixtureStore> {
  const url = new URL('./folder-store.js', import.meta.url).href;
  const mod = (await import(/* @vite-ignore */ url)) as { folderStore(dir: string): FixtureStore };
  return mod.folderStore(dir);
}

/** The record/replay engine the options ask for, or undefined in `generate` mode. Misuse throws a TypeError. */
export function fixturesFor(options: MockOptions, now: () => number): Fixtures | undefined {
  const mode = options.mode ?? (options.fixtures !== undefined ? 'replay' : 'generate');
  if (mode === 'generate') return undefined;
  if (options.fixtures === undefined) throw new TypeError(`mode '${mode}' needs a fixtures folder (--fixtures, or the fixtures option)`);
  if ((mode === 'record' || mode === 'replay-or-record') && !options.upstream) {
    throw new TypeError(`mode '${mode}' needs the upstream's base URL (--upstream, or the upstream option)`);
  }
  const store = typeof options.fixtures === 'string' ? folderStoreAt(options.fixtures) : options.fixtures;
  return new Fixtures({ mode, store, now, ...(options.upstream ? { upstream: options.upstream } : {}), ...(options.ignoreFields ? { ignoreFields: options.ignoreFields } : {}), replayTiming: options.replayTiming ?? false });
}
