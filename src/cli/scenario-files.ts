import type { Scenario } from '../scenarios/types.js';
import { fail } from './fail.js';

/** Loads scenario files; every problem becomes a `file:line:col: message` line on stderr. */
export async function loadScenarioFiles(paths: string[]): Promise<Scenario[]> {
  // Imported here so the YAML parser loads only when scenario files are given.
  const [{ loadScenarios }, { ScenarioError }] = await Promise.all([import('../scenarios/load.js'), import('../scenarios/parse.js')]);
  try {
    return await loadScenarios(paths);
  } catch (error) {
    if (error instanceof ScenarioError) fail(...error.problems);
    throw error;
  }
}
