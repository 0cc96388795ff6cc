import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { Scenario } from '../scenarios/types.js';

/**
 * Reloads scenario files when they change. Editors often replace a file
 * rather than write it, so a file's folder is watched, not the file itself.
 * A broken edit is reported and the last good rules stay in force.
 */
export async function watchScenarios(paths: string[], apply: (scenarios: Scenario[]) => void, report: (line: string) => void): Promise<() => void> {
  const [{ loadScenarios }, { ScenarioError }] = await Promise.all([import('../scenarios/load.js'), import('../scenarios/parse.js')]);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;
  const reload = async () => {
    const mine = ++generation;
    try {
      const scenarios = await loadScenarios(paths);
      if (mine !== generation) return; // a newer change is being loaded
      apply(scenarios);
      report(`scenarios reloaded: ${scenarios.reduce((n, s) => n + s.rules.length, 0)} rule(s)`);
    } catch (error) {
      report('scenario reload failed; the last good rules stay in force:');
      // Anything else (a folder renamed to x.yaml, a file gone mid-read) is reported the same way.
      for (const problem of error instanceof ScenarioError ? error.problems : [(error as Error).message]) report(problem);
    }
  };
  const changed = () => {
    clearTimeout(timer);
    // Editors write in bursts (truncate, write, rename): load once it settles.
    timer = setTimeout(() => void reload(), 100);
  };
  const watchers: FSWatcher[] = [];
  for (const path of paths) {
    const isFolder = (await stat(path)).isDirectory();
    const target = isFolder ? path : dirname(path);
    const name = basename(path);
    watchers.push(watch(target, { persistent: false }, (_event, file) => (isFolder || file === name ? changed() : undefined)));
  }
  return () => {
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}
