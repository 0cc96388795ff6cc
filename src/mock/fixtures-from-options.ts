import type { MockOptions } from './options.js';
import { Fixtures, MODES, type Mode } from '../record/fixtures.js';
import type { FixtureStore } from '../record/store.js';

/** A fixtures folder needs node:fs: loaded only when asked for, so browser bundles never see it. */
async function folderStoreAt(dir: string): Promise<FixtureStore> {
  const url = new URL('../record/folder-store.js', import.meta.url).href;
  const mod = (await import(/* @vite-ignore */ url)) as { folderStore(dir: string): FixtureStore };
  return mod.folderStore(dir);
}

/** The mode in force: as given, else `replay` when fixtures are given, else `generate`. */
export function modeOf(options: Pick<MockOptions, 'mode' | 'fixtures'>): Mode {
  return options.mode ?? (options.fixtures !== undefined ? 'replay' : 'generate');
}

/** The record/replay engine the options ask for, or undefined in `generate` mode. Options that do not fit together throw a TypeError. */
export function fixturesFor(options: MockOptions, now: () => number): Fixtures | undefined {
  const mode = modeOf(options);
  if (!MODES.includes(mode)) throw new TypeError(`mode '${mode}' is not one of ${MODES.join(', ')}`);
  const records = mode === 'record' || mode === 'replay-or-record';
  if (options.upstream && !records) {
    throw new TypeError(`upstream (--upstream) is used only with mode record or replay-or-record, and the mode is ${mode}`);
  }
  if (mode === 'generate') return undefined;
  if (options.fixtures === undefined) throw new TypeError(`mode '${mode}' needs a fixtures folder (--fixtures, or the fixtures option)`);
  if (records && !options.upstream) {
    throw new TypeError(`mode '${mode}' needs the upstream's base URL (--upstream, or the upstream option)`);
  }
  const store = typeof options.fixtures === 'string' ? folderStoreAt(options.fixtures) : options.fixtures;
  return new Fixtures({
    mode,
    store,
    now,
    ...(options.upstream ? { upstream: options.upstream } : {}),
    ...(options.ignoreFields ? { ignoreFields: options.ignoreFields } : {}),
    replayTiming: options.replayTiming ?? false,
    ...(options.upstreamTimeoutMs ? { upstreamTimeoutMs: options.upstreamTimeoutMs } : {}),
  });
}
