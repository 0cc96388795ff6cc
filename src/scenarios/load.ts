import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { parseScenario, ScenarioError } from './parse.js';
import type { Scenario } from './types.js';

const SCENARIO_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

async function expand(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new ScenarioError([`${path}:1:1: no such file or folder`]);
  if (!info.isDirectory()) return [path];
  const names = (await readdir(path)).filter((name) => SCENARIO_EXTENSIONS.has(extname(name))).sort();
  return names.map((name) => join(path, name));
}

/** Loads scenario files or folders of them (Node.js only). Throws ScenarioError listing every problem. */
export async function loadScenarios(paths: string | string[]): Promise<Scenario[]> {
  const files = (await Promise.all([paths].flat().map(expand))).flat();
  const problems: string[] = [];
  const scenarios: Scenario[] = [];
  for (const file of files) {
    try {
      const scenario = parseScenario(await readFile(file, 'utf8'), file);
      // Unnamed scenarios take their file's name, so rule names in logs say where they come from.
      scenarios.push({ ...scenario, name: scenario.name ?? basename(file, extname(file)) });
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length) throw new ScenarioError(problems);
  return scenarios;
}
