import { parse as parseYaml } from 'yaml';
import type { Scenario } from './types.js';

/** A scenario file that failed to load; each problem reads `file:line:col: message`. */
export class ScenarioError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ScenarioError';
  }
}

/** Parses scenario text (YAML or JSON) named `source` in messages. Throws ScenarioError. */
export function parseScenario(text: string, source: string): Scenario {
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    throw new ScenarioError([`${source}:1:1: ${(error as Error).message}`]);
  }
  if (!value || typeof value !== 'object' || !Array.isArray((value as Scenario).rules)) {
    throw new ScenarioError([`${source}:1:1: a scenario needs a 'rules' list`]);
  }
  return value as Scenario;
}
